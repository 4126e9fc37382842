/**
 * Running Deno and main.ts as subprocesses, for tests of the command line
 * and of the tooling.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Path of the command-line entry point. */
export const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

/** Exit code and decoded output of a finished subprocess. */
export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `deno` with `args` (in the repository root unless `cwd` is given) and waits for it to exit. */
export async function runDeno(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunOutput> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: "1", ...options.env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Runs main.ts with `args` and all permissions, as `deno task report` does. */
export function runMain(args: string[]): Promise<RunOutput> {
  return runDeno(["run", "-A", MAIN, ...args]);
}
