/**
 * Start-up of TensorFlow.js's WebAssembly backend from the installed package's
 * .wasm files, so that no network is needed at run time. With more than one
 * thread requested it starts the threaded SIMD build (see wasm_threads.ts).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  MAX_WASM_THREADS,
  setBackendWithin,
  startThreadedBuild,
} from "./wasm_threads.ts";

/** Name of the environment variable that sets the default thread count. */
export const WASM_THREADS_ENV = "HS2006_WASM_THREADS";

/**
 * Default time limit for starting the threaded build, in milliseconds. That
 * start took 0.4 to 0.7 s on a 2-core x86-64 Linux machine with Deno 2.9.6.
 */
export const DEFAULT_THREADED_TIMEOUT_MS = 10_000;

/**
 * Time limit for starting the single-threaded build, in milliseconds. tfjs
 * does not reject a start that aborts after an earlier aborted one, so
 * without a limit that case would hang.
 */
const SINGLE_THREADED_TIMEOUT_MS = 60_000;

/** Facts about the started WebAssembly backend. */
export interface WasmInfo {
  /** Whether the SIMD build of the backend was loaded. */
  simd: boolean;
  /** Threads of the backend's own thread pool (1: no threads). */
  threads: number;
  /** One-line notice when fewer threads started than requested, else null. */
  notice: string | null;
}

/** Options of `startWasmBackend`. */
export interface WasmOptions {
  /**
   * Threads for the backend's thread pool, 1 to MAX_WASM_THREADS; above 1 the
   * threaded SIMD build starts. Default: `HS2006_WASM_THREADS`, else 1.
   */
  threads?: number;
  /**
   * Time limit for starting the threaded build, in milliseconds. Default:
   * DEFAULT_THREADED_TIMEOUT_MS.
   */
  timeoutMs?: number;
}

/** Facts of the backend that this module started, for repeated calls. */
let started: WasmInfo | null = null;

/**
 * Returns the folder of the installed tfjs-backend-wasm npm package: under
 * node_modules/ in a project that has one, else in Deno's npm cache (as for
 * an importer of the JSR package).
 *
 * `import.meta.resolve` returns a file: URL only for a package in the module
 * graph, which this module's static import of the package ensures. A
 * `createRequire` anchored at this module would fail when the module is
 * served over HTTPS.
 *
 * @throws {Error} when the package does not resolve to a local file.
 */
export function wasmPackageFolder(): string {
  const packageJson = import.meta.resolve(
    "@tensorflow/tfjs-backend-wasm/package.json",
  );
  if (!packageJson.startsWith("file:")) {
    throw new Error(
      `Cannot find the installed @tensorflow/tfjs-backend-wasm: its ` +
        `package.json resolves to "${packageJson}", not to a local file.`,
    );
  }
  return dirname(fileURLToPath(packageJson));
}

/** Returns the folder of the backend's .wasm files inside the installed npm package. */
export function wasmFolder(): string {
  return join(wasmPackageFolder(), "dist") + "/";
}

/**
 * Returns the requested thread count: `threads` if given, else the value of
 * `HS2006_WASM_THREADS`, else 1. Throws a RangeError on a value that is not
 * an integer from 1 to MAX_WASM_THREADS.
 */
export function requestedThreads(threads?: number): number {
  let source = "threads";
  let value: number | string | undefined = threads;
  if (value == null) {
    value = Deno.env.get(WASM_THREADS_ENV)?.trim();
    if (value == null || value === "") return 1;
    source = WASM_THREADS_ENV;
  }

  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WASM_THREADS) {
    throw new RangeError(
      `Invalid ${source} "${value}": expected an integer from 1 to ` +
        `${MAX_WASM_THREADS}.`,
    );
  }
  return count;
}

/**
 * Starts the `wasm` backend and makes it current. With more than one thread
 * requested it tries the threaded SIMD build first, and falls back to the
 * single-threaded SIMD build with a notice when that fails or does not start
 * within `timeoutMs`. Calling it again returns the facts of the backend
 * already started, whatever the options, because tfjs starts its wasm module
 * only once per process.
 */
export async function startWasmBackend(
  options: WasmOptions = {},
): Promise<WasmInfo> {
  const threads = requestedThreads(options.threads);
  if (started != null) {
    if (tf.getBackend() !== "wasm") await tf.setBackend("wasm");
    return started;
  }

  setWasmPaths(wasmFolder());
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") as boolean;

  let running = false;
  let problem: string | null = null;
  if (threads > 1) {
    const threaded = await startThreadedBuild(
      threads,
      simd,
      options.timeoutMs ?? DEFAULT_THREADED_TIMEOUT_MS,
      wasmPackageFolder(),
    );
    running = threaded.running;
    problem = threaded.problem;
  }

  if (!running) {
    const failure = await setBackendWithin(SINGLE_THREADED_TIMEOUT_MS);
    if (failure != null) {
      throw new Error(
        `Cannot start the TensorFlow.js wasm backend from "${wasmFolder()}" ` +
          `(${failure}): reinstall the dependencies with "deno install".`,
      );
    }
  }

  const actual = getThreadsCount();
  let notice: string | null = null;
  if (problem != null) {
    const unit = actual === 1 ? "thread" : "threads";
    notice = `The wasm backend runs on ${actual} ${unit} instead of ` +
      `${threads}: ${problem}.`;
  }
  started = { simd, threads: actual, notice };
  return started;
}
