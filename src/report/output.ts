/**
 * The output folder: an early writability check, and building a report in
 * a temporary folder beside the target that is swapped in only when
 * complete.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../errors.ts";

const FIX =
  "Pass a writable folder with --out DIR, or fix the folder's permissions.";

/**
 * Checks that the report can be written to `outDir`: creates its parent
 * folder if missing, and writes and deletes a probe file in the parent and
 * (if it exists) in `outDir` itself. main.ts calls this before training so
 * that an unwritable folder fails in seconds, not after the run.
 *
 * @returns the absolute path of `outDir`.
 * @throws {OutputError} naming the folder and the fix.
 */
export async function checkOutputWritable(outDir: string): Promise<string> {
  const target = resolve(outDir);
  const parent = dirname(target);
  if (parent === target) {
    throw new OutputError(
      `Cannot write the report to "${target}": it is a file system root, and the report must be ` +
        `built in a folder beside the target. ${FIX}`,
    );
  }

  try {
    await Deno.mkdir(parent, { recursive: true });
  } catch (error) {
    throw new OutputError(
      `Cannot write the report to "${target}": cannot create its parent folder "${parent}": ${
        reason(error)
      }. ${FIX}`,
      { cause: error },
    );
  }

  const existing = await statOrNull(target);
  if (existing && !existing.isDirectory) {
    throw new OutputError(
      `Cannot write the report to "${target}": it exists and is not a folder. ` +
        "Remove it or pass another folder with --out DIR.",
    );
  }

  // The report is built in a sibling folder, so the parent must be writable
  // even when the target folder already exists.
  await probeWritable(
    parent,
    `Cannot write the report to "${target}" because creating a file in its parent folder "${parent}" failed`,
  );
  if (existing) {
    await probeWritable(
      target,
      `Cannot replace the report in "${target}" because creating a file in that folder failed`,
    );
  }

  return target;
}

/**
 * Creates an empty temporary folder beside `target`, named
 * `.<name>.tmp-<pid>-<random>`, after removing such folders that processes
 * killed while writing left behind. Unlike Deno.makeTempDir (mode 0700), it
 * gets the usual mode from the umask, so the finished report can be served
 * as is.
 */
export async function makeSiblingTempDir(target: string): Promise<string> {
  await removeStaleTempDirs(target);
  for (let attempt = 0;; attempt++) {
    const path = join(
      dirname(target),
      `.${basename(target)}.tmp-${Deno.pid}-${randomSuffix()}`,
    );
    try {
      await Deno.mkdir(path);
      return path;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists) || attempt >= 4) {
        throw error;
      }
    }
  }
}

/**
 * Removes the `.<name>.tmp-<pid>-*` folders beside `target` whose process no
 * longer runs. Only Linux shows that, in /proc, so elsewhere it removes nothing.
 */
export async function removeStaleTempDirs(target: string): Promise<void> {
  if (Deno.build.os !== "linux") return;
  const prefix = `.${basename(target)}.tmp-`;
  const parent = dirname(target);

  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(parent));
  } catch {
    return; // An unreadable parent fails later, with the output check's message.
  }
  for (const entry of entries) {
    if (!entry.isDirectory || !entry.name.startsWith(prefix)) continue;
    const pid = entry.name.slice(prefix.length).match(/^(\d+)-/)?.[1];
    if (pid === undefined || await statOrNull(`/proc/${pid}`)) continue;
    // NOTE: a process of another PID namespace (another container) writing
    // into the same folder looks dead from here.
    try {
      await removeQuietly(join(parent, entry.name));
    } catch {
      // Best effort: a folder that cannot be removed stays, as before.
    }
  }
}

/**
 * Moves the finished folder `built` to `target`. An existing `target` is
 * first renamed to `.<name>.old-<random>`, then `built` is renamed into
 * place, then the old copy is removed. If the second rename fails, the old
 * copy is renamed back. Between the two renames `target` is briefly absent.
 *
 * @returns warnings for the caller to show, e.g. an old copy that could not be removed.
 */
export async function swapIntoPlace(
  built: string,
  target: string,
): Promise<string[]> {
  const warnings: string[] = [];

  let backup: string | null = null;
  if (await statOrNull(target)) {
    backup = join(
      dirname(target),
      `.${basename(target)}.old-${randomSuffix()}`,
    );
    await Deno.rename(target, backup);
  }

  try {
    await Deno.rename(built, target);
  } catch (error) {
    if (backup) {
      await Deno.rename(backup, target);
    }
    throw error;
  }

  if (backup) {
    try {
      await Deno.remove(backup, { recursive: true });
    } catch (error) {
      warnings.push(
        `The new report is in "${target}", but the previous one could not be removed from ` +
          `"${backup}": ${reason(error)}. Delete that folder by hand.`,
      );
    }
  }

  return warnings;
}

/** Removes a folder and everything in it, ignoring a folder that is already gone. */
export async function removeQuietly(path: string): Promise<void> {
  try {
    await Deno.remove(path, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      throw error;
    }
  }
}

async function probeWritable(folder: string, problem: string): Promise<void> {
  let probe: string;
  try {
    probe = await Deno.makeTempFile({ dir: folder, prefix: ".write-check-" });
  } catch (error) {
    throw new OutputError(`${problem}: ${reason(error)}. ${FIX}`, {
      cause: error,
    });
  }

  await Deno.remove(probe);
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return null;
    }
    throw error;
  }
}

function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
