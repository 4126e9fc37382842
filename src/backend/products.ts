/**
 * Matrix products on wasm-heap tensors, two ways: the system BLAS through FFI,
 * or the stock wasm kernel with operands transposed first.
 *
 * Stock tfjs-backend-wasm 4.22.0 runs BatchMatMul with transposeA or
 * transposeB at 1–2 GFLOP/s but the plain product at ~25 GFLOP/s (measured on
 * [128, 784] x [784, 512]), so the wasm engine transposes explicitly first.
 *
 * @module
 */

import type * as tf from "@tensorflow/tfjs";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { Blas } from "./blas.ts";
import { heapView, release, type WasmBackend } from "./heap.ts";

/** Name of the engine that runs the products. */
export type ProductEngineName = "blas" | "wasm";

/** Computes `op(a) · op(b)` for matrices (rank 2, or rank 3 with a batch of 1). */
export interface ProductEngine {
  /** Name of this engine. */
  name: ProductEngineName;
  /** Returns a new `[m, n]` tensor (`[1, m, n]` for rank-3 operands). */
  matMul(
    backend: WasmBackend,
    a: TensorInfo,
    b: TensorInfo,
    transposeA: boolean,
    transposeB: boolean,
  ): TensorInfo;
}

/** Rows and columns of a rank-2 or batch-1 rank-3 tensor, or null for a real batch. */
export function matrixDims(tensor: TensorInfo): [number, number] | null {
  const shape = tensor.shape;
  if (shape.length === 2) return [shape[0], shape[1]];
  if (shape.length === 3 && shape[0] === 1) return [shape[1], shape[2]];
  return null;
}

function productDims(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): { m: number; n: number; k: number } {
  const [aRows, aColumns] = matrixDims(a)!;
  const [bRows, bColumns] = matrixDims(b)!;
  const m = transposeA ? aColumns : aRows;
  const k = transposeA ? aRows : aColumns;
  const n = transposeB ? bRows : bColumns;
  const kB = transposeB ? bColumns : bRows;
  if (k !== kB) {
    throw new Error(
      `Cannot multiply [${a.shape}] by [${b.shape}]: inner sizes ${k} and ${kB} differ.`,
    );
  }
  return { m, n, k };
}

/** Products through `cblas_sgemm` on views of the wasm heap (no copies). */
export function blasEngine(blas: Blas): ProductEngine {
  return {
    name: "blas",
    matMul(backend, a, b, transposeA, transposeB) {
      const { m, n, k } = productDims(a, b, transposeA, transposeB);
      const shape = a.shape.length === 3 ? [1, m, n] : [m, n];
      const out = backend.makeOutput(shape, "float32");
      blas.gemm(
        heapView(backend, a),
        heapView(backend, b),
        heapView(backend, out),
        m,
        n,
        k,
        transposeA,
        transposeB,
      );
      return out;
    },
  };
}

/** Products through the stock wasm kernels, transposing operands first. */
export function wasmEngine(
  stockMatMul: KernelFunc,
  stockTranspose: KernelFunc,
): ProductEngine {
  const transposed = (backend: WasmBackend, tensor: TensorInfo): TensorInfo => {
    const [rows, columns] = matrixDims(tensor)!;
    const matrix = {
      dataId: tensor.dataId,
      shape: [rows, columns],
      dtype: tensor.dtype,
    };
    return stockTranspose({
      inputs: { x: matrix },
      backend: backend as unknown as tf.KernelBackend,
      attrs: { perm: [1, 0] },
    }) as TensorInfo;
  };

  return {
    name: "wasm",
    matMul(backend, a, b, transposeA, transposeB) {
      productDims(a, b, transposeA, transposeB);
      const left = transposeA ? transposed(backend, a) : a;
      const right = transposeB ? transposed(backend, b) : b;
      const out = stockMatMul({
        inputs: { a: left, b: right },
        backend: backend as unknown as tf.KernelBackend,
        attrs: { transposeA: false, transposeB: false },
      }) as TensorInfo;
      if (left !== a) release(backend, left);
      if (right !== b) release(backend, right);
      if (a.shape.length === 2 && out.shape.length === 3) {
        return {
          dataId: out.dataId,
          shape: out.shape.slice(1),
          dtype: out.dtype,
        };
      }
      return out;
    },
  };
}
