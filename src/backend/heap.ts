/**
 * Direct access to tensors that live on the wasm backend's heap.
 *
 * NOTE: this relies on tfjs-backend-wasm 4.22.0 internals (`dataIdMap`,
 * `memoryOffset`, `makeOutput`); the start-up self-test checks the kernels
 * that use it against the stock kernels before training.
 *
 * @module
 */

import type { TensorInfo } from "@tensorflow/tfjs";

/** The parts of the wasm backend object that the kernels use. */
export interface WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: {
    get(dataId: object): { memoryOffset: number; refCount: number } | undefined;
  };
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

/**
 * Returns a Float32Array over a tensor's memory on the heap. Make views after
 * all allocations of a kernel, because a heap that grows detaches older views.
 */
export function heapView(
  backend: WasmBackend,
  tensor: TensorInfo,
): Float32Array {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (data == null) {
    throw new Error("Cannot view a tensor that is not on the wasm heap.");
  }
  return new Float32Array(
    backend.wasm.HEAPU8.buffer,
    data.memoryOffset,
    sizeOf(tensor.shape),
  );
}

/**
 * Releases a kernel's temporary tensor. Not forced: a stock kernel may return
 * its input's memory with one more reference (Transpose does for size-1
 * dimensions), and that memory must outlive the temporary.
 */
export function release(backend: WasmBackend, tensor: TensorInfo): void {
  backend.disposeData(tensor.dataId);
}
