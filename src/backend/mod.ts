/**
 * Backend set-up: starts tfjs's wasm backend and registers the kernels of the
 * chosen acceleration path, after a self-test against the stock kernels.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { type Blas, BLAS_LIBRARY_ENV, loadBlas } from "./blas.ts";
import {
  registerKernels,
  restoreStockKernels,
  stockKernels,
} from "./kernels.ts";
import { blasEngine, type ProductEngine, wasmEngine } from "./products.ts";
import { selfTest } from "./self_test.ts";
import { startWasmBackend, WASM_THREADS_ENV } from "./wasm.ts";
import { MAX_WASM_THREADS } from "./wasm_threads.ts";

/**
 * Requested acceleration: `auto` tries `blas` and falls back to `wasm`.
 *
 * @example
 * ```ts
 * import { type Accel, setupBackend } from "@hs2006/dimensionality-report";
 *
 * const accel: Accel = Deno.env.get("CI") ? "wasm" : "auto";
 * await setupBackend(accel);
 * ```
 */
export type Accel = "auto" | "blas" | "wasm";

/**
 * Facts of the set-up backend, for the report and metrics.json.
 *
 * @example
 * ```ts
 * import { type BackendInfo, setupBackend } from "@hs2006/dimensionality-report";
 *
 * const backend: BackendInfo = await setupBackend();
 * console.log(backend.accel, backend.blasLibrary ?? "no BLAS", backend.wasmThreads);
 * ```
 */
export interface BackendInfo {
  /** Requested path. */
  requested: Accel;
  /** Path that runs the products: "blas" or "wasm". */
  accel: "blas" | "wasm";
  /** Training engine: "fused" kernels, or "layers" (stock autodiff) after a failed self-test. */
  engine: "fused" | "layers";
  /** tfjs backend name. */
  tfjsBackend: string;
  /** Whether the wasm backend runs its SIMD build. */
  wasmSimd: boolean;
  /** Threads of the wasm backend. */
  wasmThreads: number;
  /** BLAS library path, or null. */
  blasLibrary: string | null;
  /** BLAS library's own description, or null. */
  blasDescription: string | null;
  /** Threads BLAS uses, or 0 without BLAS. */
  blasThreads: number;
  /** One-line notices for the user (fallbacks). */
  notices: string[];
}

/** The set-up backend with the objects that run its products, for the library's internals. */
export interface Backend extends BackendInfo {
  /** The active product engine, for PCA's products. */
  products: ProductEngine;
  /** The loaded BLAS library, or null. */
  blas: Blas | null;
}

let current: Backend | null = null;

/** Returns the backend of the last `setupBackend` call, or null before the first one. */
export function activeBackend(): Backend | null {
  return current;
}

/** Loaded BLAS libraries by requested path ("" for the defaults), so that set-up can run again cheaply. */
const loadedBlas = new Map<string, Blas>();

function cachedBlas(path: string | undefined): Blas {
  const key = path ?? Deno.env.get(BLAS_LIBRARY_ENV) ?? "";
  let blas = loadedBlas.get(key);
  if (blas == null) {
    blas = loadBlas(key === "" ? undefined : key);
    loadedBlas.set(key, blas);
  }
  return blas;
}

/**
 * Starts the wasm backend and registers the kernels for `accel`, then returns
 * the facts of the set-up backend. With `blas`, a BLAS library that fails to
 * load is an error; with `auto`, it falls back to `wasm` with a notice. A
 * failed self-test falls back to the stock kernels, never to wrong numbers.
 * `HS2006_BLAS_LIBRARY` names another BLAS library, as `blasPath` does.
 *
 * @throws {Error} with `accel` "blas" when no BLAS library loads.
 *
 * @example Train on whatever path this machine offers
 * ```ts ignore
 * import { setupBackend } from "@hs2006/dimensionality-report";
 *
 * const backend = await setupBackend("auto");
 * console.log(backend.accel, backend.notices);
 * ```
 */
export async function setupBackend(
  accel: Accel = "auto",
  blasPath?: string,
): Promise<BackendInfo> {
  const { products: _products, blas: _blas, ...facts } = await startBackend(
    accel,
    blasPath,
  );
  return facts;
}

/** Sets up the backend as `setupBackend` does and returns it with its product engine and BLAS library. */
export async function startBackend(
  accel: Accel = "auto",
  blasPath?: string,
): Promise<Backend> {
  const notices: string[] = [];

  // BLAS first: the wasm thread count depends on which path runs the products.
  let blas: Blas | null = null;
  if (accel !== "wasm") {
    try {
      blas = cachedBlas(blasPath);
    } catch (error) {
      if (accel === "blas") throw error;
      notices.push(
        `BLAS not available, training on the wasm path: ${
          (error as Error).message
        }`,
      );
    }
  }

  // Threaded wasm helps only when wasm runs the products: with BLAS, an epoch
  // measured 1.28x slower on 2 threads (2-core AMD EPYC). tfjs starts its wasm
  // module once per process, so the first call fixes the count.
  // HS2006_WASM_THREADS, when set, overrides the choice.
  const wasm = await startWasmBackend({
    threads: Deno.env.get(WASM_THREADS_ENV)
      ? undefined
      : blas
      ? 1
      : Math.min(navigator.hardwareConcurrency, MAX_WASM_THREADS),
  });
  if (wasm.notice) notices.push(wasm.notice);
  const stock = stockKernels();

  const wasmProducts = wasmEngine(stock.batchMatMul, stock.transpose);
  let products: ProductEngine = blas ? blasEngine(blas) : wasmProducts;
  let engine: "fused" | "layers" = "fused";

  registerKernels(products);
  let failure = selfTest();
  if (failure != null && products.name === "blas") {
    notices.push(
      `BLAS kernels failed the self-test (${failure}); using the wasm path.`,
    );
    products = wasmProducts;
    blas = null;
    registerKernels(products);
    failure = selfTest();
  }
  if (failure != null) {
    notices.push(
      `Fused kernels failed the self-test (${failure}); using the stock tfjs kernels.`,
    );
    restoreStockKernels();
    engine = "layers";
  }

  current = {
    requested: accel,
    accel: products.name,
    engine,
    tfjsBackend: tf.getBackend(),
    wasmSimd: wasm.simd,
    wasmThreads: wasm.threads,
    blasLibrary: blas?.path ?? null,
    blasDescription: blas?.description ?? null,
    blasThreads: blas?.threads ?? 0,
    notices,
    products,
    blas,
  };
  return current;
}
