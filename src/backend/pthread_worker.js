/**
 * Pthread worker for tfjs-backend-wasm's threaded SIMD build under Deno.
 *
 * The Emscripten main thread of tfjs-backend-wasm 4.22.0 starts this file
 * through `node:worker_threads` and sends it messages with a `cmd`: "load"
 * hands over the compiled module and the shared memory, "run" starts a
 * pthread, and "processProxyingQueue" and "cancel" serve running threads. The
 * worker posts "loaded" once the glue code has started.
 *
 * tfjs's own worker cannot run under Deno: it assigns the read-only `location`
 * global and loads the glue code through a blob: URL. This worker loads the
 * glue code from the installed package's `wasm-out/` folder instead.
 *
 * wasm_threads.ts starts this script from a data: URL, with its text from
 * src/embedded_assets.ts and GLUE_PATH filled in, because Deno's
 * `node:worker_threads` accepts only file: and data: URLs and the library's
 * modules may be served over HTTPS. So this script can neither import
 * relative modules nor locate the npm package itself.
 *
 * A worker that fails to load reports why on a BroadcastChannel and closes
 * itself without an error event, because the Emscripten main thread rethrows
 * worker errors as uncaught exceptions. wasm_threads.ts listens on that
 * channel during the start and falls back to the single-threaded build.
 *
 * Plain JavaScript, so that Deno does not type-check it once per worker.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";

/**
 * Name of the BroadcastChannel on which a worker reports a failed load. The
 * same name is in wasm_threads.ts, which cannot import this worker script.
 */
const PTHREAD_FAILURE_CHANNEL = "hs2006-wasm-pthread-failure";

/**
 * Absolute path of the threaded glue code in the installed npm package.
 * wasm_threads.ts replaces this string literal before it starts the worker.
 */
const GLUE_PATH = "@GLUE_PATH@";
const FACTORY_NAME = "WasmBackendModuleThreadedSimd";

// Anchored at the glue code, so that its require calls resolve from its
// package.
const require = createRequire(GLUE_PATH);
const port = parentPort;

/** Emscripten's module object; the glue code fills it in. */
let module = {};
let runtimeStarted = false;
/** Proxying queues notified before the first pthread started. */
const pendingQueues = [];

/** Runs a classic script in the global scope, so its `var`s become globals. */
function runScript(path) {
  const indirectEval = eval;
  indirectEval(readFileSync(path, "utf8") + `\n//# sourceURL=${path}`);
}

function printError(text) {
  console.error(`wasm pthread worker: ${text}`);
}

/** Reports a failed load to the main thread and ends this worker. */
function failLoad(error) {
  const text = `a pthread worker cannot load the glue code: ${error}`;
  if (typeof BroadcastChannel === "undefined") {
    printError(text);
  } else {
    const channel = new BroadcastChannel(PTHREAD_FAILURE_CHANNEL);
    channel.postMessage(text);
    channel.close();
  }
  // Ends the worker with an exit event, not an error event.
  globalThis.close();
}

// Globals that the glue code reads when it runs in a Node.js worker. Deno
// defines `process`, so the glue code takes its Node.js branch, and a defined
// `importScripts` marks this thread as a worker. `location` stays untouched,
// because Deno defines it read-only and the Node.js branch does not read it.
Object.assign(globalThis, {
  global: globalThis,
  self: globalThis,
  require,
  importScripts: (...paths) => paths.forEach(runScript),
  postMessage: (message) => port.postMessage(message),
  startWorker: (instance) => {
    module = instance;
    port.postMessage({ cmd: "loaded" });
  },
});

function load(message) {
  module.wasmModule = message.wasmModule;
  module.wasmMemory = message.wasmMemory;
  module.buffer = message.wasmMemory.buffer;
  module.ENVIRONMENT_IS_PTHREAD = true;
  module.instantiateWasm = (imports, receiveInstance) => {
    const instance = new WebAssembly.Instance(module.wasmModule, imports);
    receiveInstance(instance);
    module.wasmModule = null;
    return instance.exports;
  };
  for (const handler of message.handlers ?? []) {
    module[handler] = (...args) =>
      port.postMessage({ cmd: "callHandler", handler, args });
  }

  // The main thread also sends its glue code as a Blob, but that copy comes
  // from tfjs's bundle and refers to the bundle's own variables, so it cannot
  // run on its own. The package ships the same glue as a standalone script.
  runScript(GLUE_PATH);
  globalThis[FACTORY_NAME](module).catch(failLoad);
}

function run(message) {
  module.__emscripten_thread_init(message.pthread_ptr, 0, 0, 1);
  module.establishStackSpace();
  module.PThread.receiveObjectTransfer(message);
  module.PThread.threadInitTLS();
  if (!runtimeStarted) {
    for (const queue of pendingQueues) {
      module.executeNotifiedProxyingQueue(queue);
    }
    pendingQueues.length = 0;
    runtimeStarted = true;
  }

  try {
    module.invokeEntryPoint(message.start_routine, message.arg);
  } catch (error) {
    // Emscripten throws "unwind" to leave a thread that keeps running.
    if (error === "unwind") return;
    if (!(error instanceof module.ExitStatus)) throw error;
    if (!module.keepRuntimeAlive()) {
      module.__emscripten_thread_exit(error.status);
    }
  }
}

function handle(message) {
  switch (message.cmd) {
    case "load":
      try {
        load(message);
      } catch (error) {
        failLoad(error);
      }
      return;
    case "run":
      run(message);
      return;
    case "cancel":
      if (module._pthread_self()) module.__emscripten_thread_exit(-1);
      return;
    case "processProxyingQueue":
      if (runtimeStarted) {
        module.executeNotifiedProxyingQueue(message.queue);
      } else {
        pendingQueues.push(message.queue);
      }
      return;
  }
  if (message.target === "setimmediate") return;
  if (message.cmd) printError(`unknown command "${message.cmd}"`);
}

port.on("message", (message) => {
  try {
    handle(message);
  } catch (error) {
    module.__emscripten_thread_crashed?.();
    throw error;
  }
});
