/**
 * Error classes for failures that the user can fix, and the exit code for each.
 *
 * Library code throws these. Only main.ts (and the scripts under scripts/)
 * print them and choose the exit code, using {@link formatError} and
 * {@link exitCodeFor}.
 *
 * @module
 */

/**
 * Base class of the errors whose message alone states what went wrong and
 * what to do, so the entry point prints the message without a stack trace.
 *
 * @example Print the message alone for errors the user can fix
 * ```ts
 * import { ExpectedError, loadDataset } from "@hs2006/dimensionality-report";
 *
 * try {
 *   await loadDataset({ dataDir: "no/such/folder" });
 * } catch (error) {
 *   if (!(error instanceof ExpectedError)) throw error;
 *   console.error(error.message);
 *   Deno.exitCode = error.exitCode;
 * }
 * ```
 */
export class ExpectedError extends Error {
  /** Exit code that the entry point should use for this error. */
  readonly exitCode: number = 1;

  /** Creates an error with a message that names the value and the fix. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Invalid, missing or unreadable input data, such as a truncated IDX file. Exit code 1.
 *
 * @example
 * ```ts
 * import { DataError, readIdx } from "@hs2006/dimensionality-report";
 *
 * try {
 *   await readIdx("notes.txt");
 * } catch (error) {
 *   if (error instanceof DataError) console.error(error.message); // names the file and the problem
 * }
 * ```
 */
export class DataError extends ExpectedError {
  /** Process exit code for this error. */
  override readonly exitCode = 1;
}

/**
 * Invalid command-line flag or flag value. Exit code 2, as for usage errors in POSIX tools.
 *
 * @example
 * ```ts
 * import { UsageError } from "@hs2006/dimensionality-report";
 *
 * function parseEpochs(text: string): number {
 *   const epochs = Number(text);
 *   if (!Number.isInteger(epochs) || epochs < 1) {
 *     throw new UsageError(`Invalid --epochs "${text}": expected a positive integer.`);
 *   }
 *   return epochs;
 * }
 * ```
 */
export class UsageError extends ExpectedError {
  /** Process exit code for this error. */
  override readonly exitCode = 2;
}

/** Failure to download a file, such as a refused connection or an HTTP error. Exit code 1. */
export class DownloadError extends ExpectedError {
  /** Process exit code for this error. */
  override readonly exitCode = 1;
}

/**
 * Failure to create or write the output folder or a file in it. Exit code 1.
 *
 * @example
 * ```ts
 * import { OutputError, runReproduction, writeReport } from "@hs2006/dimensionality-report";
 *
 * const result = await runReproduction({ trainSize: 1000, epochs: 1 });
 * try {
 *   await writeReport(result.input, "/proc/report");
 * } catch (error) {
 *   if (error instanceof OutputError) console.error(error.message); // names the folder
 * }
 * ```
 */
export class OutputError extends ExpectedError {
  /** Process exit code for this error. */
  override readonly exitCode = 1;
}

/**
 * Returns the process exit code for an error: 2 for {@link UsageError},
 * 1 for {@link DataError}, {@link DownloadError}, {@link OutputError} and any
 * other error or thrown value.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ExpectedError) {
    return error.exitCode;
  }
  return 1;
}

/** Returns whether the error is one whose message is enough to act on, so no stack trace is needed. */
export function isExpectedError(error: unknown): error is ExpectedError {
  return error instanceof ExpectedError;
}

/**
 * Formats an error for stderr as `error: <message>`.
 *
 * An {@link ExpectedError} gets only its message unless `debug` is set.
 * Any other error is a bug, so it gets its stack trace. With `debug`, every
 * error gets its stack trace and the chain of `cause` errors.
 */
export function formatError(
  error: unknown,
  options: { debug?: boolean } = {},
): string {
  const debug = options.debug ?? false;

  if (isExpectedError(error) && !debug) {
    return `error: ${error.message}`;
  }

  const lines = [`error: ${describe(error)}`];
  let cause = error instanceof Error ? error.cause : undefined;
  while (debug && cause !== undefined) {
    lines.push(`caused by: ${describe(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join("\n");
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    return value.stack ?? `${value.name}: ${value.message}`;
  }
  return String(value);
}
