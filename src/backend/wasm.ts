/**
 * Start-up of TensorFlow.js's WebAssembly backend from the installed package's
 * .wasm files, so that no network is needed at run time.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Facts about the started WebAssembly backend. */
export interface WasmInfo {
  /** Whether the SIMD build of the backend was loaded. */
  simd: boolean;
  /** Threads of the backend's own thread pool (1: no threads). */
  threads: number;
}

/** Folder holding the backend's .wasm files inside the installed npm package. */
export function wasmFolder(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(
    "@tensorflow/tfjs-backend-wasm/package.json",
  );
  return join(dirname(packageJson), "dist") + "/";
}

/**
 * Starts the `wasm` backend and makes it current. Calling it again returns the
 * facts of the backend already started.
 */
export async function startWasmBackend(): Promise<WasmInfo> {
  if (tf.getBackend() !== "wasm") {
    setWasmPaths(wasmFolder());
    const ok = await tf.setBackend("wasm");
    if (!ok) {
      throw new Error(
        `Cannot start the TensorFlow.js wasm backend from "${wasmFolder()}": ` +
          `reinstall the dependencies with "deno install".`,
      );
    }
    await tf.ready();
  }

  return {
    simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") as boolean,
    threads: getThreadsCount(),
  };
}
