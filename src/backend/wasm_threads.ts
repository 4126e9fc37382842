/**
 * Start of tfjs-backend-wasm's threaded SIMD build under Deno, which tfjs
 * 4.22.0 never offers there: it reports no thread support whenever `process`
 * exists, and its pthread worker cannot run in Deno.
 *
 * NOTE: the overrides here depend on internals of tfjs-backend-wasm 4.22.0
 * and of the Emscripten glue code it ships. Check them again on any upgrade:
 * - tfjs hands Emscripten the pthread worker script as a blob: URL from
 *   `URL.createObjectURL`, and Deno's `node:worker_threads` rejects blob:
 *   URLs. During the start the override returns a data: URL of
 *   pthread_worker.js instead, for Blobs of type "application/javascript".
 * - The C++ side of the backend caps the thread pool at half the logical
 *   cores that the glue code reads from `os.cpus()`, whatever
 *   `setThreadsCount` requests (measured: 2 cores give 1 thread). During the
 *   start `os.cpus()` lists at least twice the requested threads, repeating
 *   its first entry.
 * - The glue code sets the global `Worker` to `node:worker_threads`'s Worker
 *   when `process` exists. The start restores Deno's own `Worker` after.
 * - The glue code creates a pool of 8 workers and waits until all 8 have
 *   loaded, so a worker that cannot load would make the start hang. Such a
 *   worker reports on a BroadcastChannel instead, and a timeout covers any
 *   other hang. A backend that arrives after a failed start is disposed.
 * - The glue code keeps each worker that runs a pthread referenced, so the
 *   idle thread pool would keep Deno from exiting. The start unreferences
 *   all workers.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import {
  getThreadsCount,
  setThreadsCount,
} from "@tensorflow/tfjs-backend-wasm";
import os from "node:os";
import { join } from "node:path";
import { PTHREAD_WORKER_SCRIPT } from "../embedded_assets.ts";

/**
 * Maximum threads of the threaded build: the size of the worker pool that the
 * glue code creates at start. More threads would need new workers after the
 * start, when the `URL.createObjectURL` override is gone.
 */
export const MAX_WASM_THREADS = 8;

/** Result of one attempt to start the threaded build. */
export interface ThreadedStart {
  /** Whether the threaded build now runs as the `wasm` backend. */
  running: boolean;
  /** Reason for a failed start or for fewer threads than requested, else null. */
  problem: string | null;
}

const WORKER_BLOB_TYPE = "application/javascript";

/** Channel on which pthread_worker.js reports a failed load (same name there). */
const PTHREAD_FAILURE_CHANNEL = "hs2006-wasm-pthread-failure";

/** The parts of the threaded Emscripten module that track its workers. */
interface PThreadModule {
  PThread?: {
    runningWorkers: { unref(): void }[];
    unusedWorkers: { unref(): void }[];
  };
}

/** Threaded glue code, relative to the tfjs-backend-wasm package folder. */
const THREADED_GLUE_FILE = "wasm-out/tfjs-backend-wasm-threaded-simd.js";

/** Placeholder string literal for the glue code's path in pthread_worker.js. */
const GLUE_PATH_PLACEHOLDER = '"@GLUE_PATH@"';

/**
 * Returns a data: URL of pthread_worker.js that loads the glue code from
 * `gluePath`. A data: URL works wherever this module comes from, also over
 * HTTPS, and Deno's `node:worker_threads` accepts it only as a URL object.
 *
 * @throws {Error} when the embedded worker script lacks the placeholder.
 */
export function pthreadWorkerUrl(gluePath: string): URL {
  if (!PTHREAD_WORKER_SCRIPT.includes(GLUE_PATH_PLACEHOLDER)) {
    throw new Error(
      `pthread_worker.js must contain the string literal ${GLUE_PATH_PLACEHOLDER}`,
    );
  }
  const script = PTHREAD_WORKER_SCRIPT.replace(
    GLUE_PATH_PLACEHOLDER,
    () => JSON.stringify(gluePath),
  );
  return new URL(
    `data:text/javascript;charset=utf-8,${encodeURIComponent(script)}`,
  );
}

/**
 * Calls `tf.setBackend("wasm")` and waits at most `timeoutMs`, or until
 * `failure` resolves. Returns null on success, else why it failed. tfjs
 * ignores the late result of an attempt that a newer one replaced, so a new
 * attempt can follow a failed one.
 */
export async function setBackendWithin(
  timeoutMs: number,
  failure?: Promise<string>,
): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`timed out after ${timeoutMs} ms`),
      timeoutMs,
    );
  });
  const attempt = tf.setBackend("wasm").then(
    (ok) => ok ? null : "tfjs could not initialize it",
    (error) => `${(error as Error)?.message ?? error}`,
  );
  try {
    return await Promise.race([
      attempt,
      timeout,
      ...(failure ? [failure] : []),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the threaded SIMD build with `threads` threads as the `wasm`
 * backend, waiting at most `timeoutMs`. `packageFolder` is the folder of the
 * installed tfjs-backend-wasm package. Needs `setWasmPaths` called first.
 */
export async function startThreadedBuild(
  threads: number,
  simd: boolean,
  timeoutMs: number,
  packageFolder: string,
): Promise<ThreadedStart> {
  let problem: string | null = null;
  if (!simd) problem = "this runtime lacks WebAssembly SIMD";
  else if (typeof SharedArrayBuffer === "undefined") {
    problem = "this runtime lacks SharedArrayBuffer";
  } else if (typeof BroadcastChannel === "undefined") {
    problem = "this runtime lacks BroadcastChannel";
  }
  if (problem != null) return { running: false, problem };
  const workerUrl = pthreadWorkerUrl(join(packageFolder, THREADED_GLUE_FILE));

  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  setThreadsCount(threads);
  const channel = new BroadcastChannel(PTHREAD_FAILURE_CHANNEL);
  const workerFailure = new Promise<string>((resolve) => {
    channel.onmessage = (event) => resolve(String(event.data));
  });
  const { result, lateBackend } = await withOverrides(
    workerUrl,
    threads,
    () => setBackendWithin(timeoutMs, workerFailure),
  ).finally(() => channel.close());
  if (result != null) {
    setThreadsCount(-1);
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    // A start that timed out may still finish; free its threads then.
    lateBackend?.then((backend) => backend.dispose(), () => {});
    return {
      running: false,
      problem: `the threaded build failed to start (${result})`,
    };
  }

  unrefWorkers((tf.backend() as unknown as { wasm: PThreadModule }).wasm);
  const actual = getThreadsCount();
  if (actual < threads) {
    return {
      running: true,
      problem: `the threaded build started ${actual} of ${threads} threads`,
    };
  }
  return { running: true, problem: null };
}

/**
 * Runs `start` with the overrides in place and restores `URL.createObjectURL`,
 * `os.cpus`, the global `Worker` and tfjs's wasm backend factory when it
 * settles. Also returns the promise of the backend that `start` asked tfjs
 * for, so that the caller can dispose a late one.
 */
async function withOverrides<T>(
  workerUrl: URL,
  threads: number,
  start: () => Promise<T>,
): Promise<{ result: T; lateBackend: Promise<tf.KernelBackend> | null }> {
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  const workerDescriptor = Object.getOwnPropertyDescriptor(
    globalThis,
    "Worker",
  );
  const registration = tf.engine().registryFactory["wasm"];
  const factory = registration.factory;
  let lateBackend: Promise<tf.KernelBackend> | null = null;

  URL.createObjectURL = (object: Blob) => {
    if (object instanceof Blob && object.type === WORKER_BLOB_TYPE) {
      // Emscripten passes the value straight to `new Worker`, which needs
      // the URL object for a data: URL.
      return workerUrl as unknown as string;
    }
    return createObjectURL.call(URL, object);
  };
  os.cpus = () => {
    const cores = cpus.call(os);
    while (cores.length > 0 && cores.length < 2 * threads) {
      cores.push(cores[0]);
    }
    return cores;
  };
  registration.factory = () => {
    const backend = factory();
    if (backend instanceof Promise) lateBackend = backend;
    return backend;
  };

  try {
    return { result: await start(), lateBackend };
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
    registration.factory = factory;
    if (workerDescriptor != null) {
      Object.defineProperty(globalThis, "Worker", workerDescriptor);
    }
  }
}

/**
 * Lets the process exit while the backend's workers wait for work. The thread
 * pool lives as long as the backend, so no worker is ever joined.
 */
function unrefWorkers(wasm: PThreadModule): void {
  const pthread = wasm.PThread;
  if (pthread == null) return;
  for (const worker of [...pthread.runningWorkers, ...pthread.unusedWorkers]) {
    worker.unref();
  }
}
