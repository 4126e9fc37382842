/**
 * Kernels registered for the wasm backend: the public BatchMatMul and
 * _FusedMatMul run on the chosen product engine, and three fused kernels carry
 * a whole dense layer (forward and backward) and the MSE loss in one call each.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from "@tensorflow/tfjs";
import {
  activationGradient,
  addBiasAndActivate,
  type FusedActivation,
  isFusedActivation,
  sumRows,
} from "./activations.ts";
import { heapView, release, type WasmBackend } from "./heap.ts";
import { matrixDims, type ProductEngine } from "./products.ts";

/** Kernel name of a dense layer's forward pass: `y = f(x · kernel + bias)`. */
export const DENSE_FORWARD = "Hs2006DenseForward";
/** Kernel name of a dense layer's backward pass: `[dx?, dKernel, dBias]`. */
export const DENSE_BACKWARD = "Hs2006DenseBackward";
/** Kernel name of the mean squared error between two tensors of equal shape. */
export const MSE = "Hs2006MeanSquaredError";
/** Kernel name of the MSE gradient with respect to the prediction. */
export const MSE_GRADIENT = "Hs2006MeanSquaredErrorGradient";

const BACKEND = "wasm";

/** The stock kernels that the overrides replace, kept for fallback and the self-test. */
export interface StockKernels {
  batchMatMul: KernelFunc;
  fusedMatMul: KernelFunc;
  transpose: KernelFunc;
  elu: KernelFunc;
  sigmoid: KernelFunc;
}

let stock: StockKernels | null = null;

/** Returns the stock wasm kernels, captured before the first override. */
export function stockKernels(): StockKernels {
  if (stock == null) {
    const find = (name: string) => {
      const config = tf.getKernel(name, BACKEND);
      if (config == null) {
        throw new Error(`Cannot find the stock wasm kernel ${name}.`);
      }
      return config.kernelFunc;
    };
    stock = {
      batchMatMul: find("BatchMatMul"),
      fusedMatMul: find("_FusedMatMul"),
      transpose: find("Transpose"),
      elu: find("Elu"),
      sigmoid: find("Sigmoid"),
    };
  }
  return stock;
}

function replaceKernel(config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName) != null) {
    tf.unregisterKernel(config.kernelName, config.backendName);
  }
  tf.registerKernel(config);
}

/** Restores the stock BatchMatMul and _FusedMatMul kernels. */
export function restoreStockKernels(): void {
  const kernels = stockKernels();
  replaceKernel({
    kernelName: "BatchMatMul",
    backendName: BACKEND,
    kernelFunc: kernels.batchMatMul,
  });
  replaceKernel({
    kernelName: "_FusedMatMul",
    backendName: BACKEND,
    kernelFunc: kernels.fusedMatMul,
  });
}

/**
 * Adds the bias to `z` in place and applies the activation, returning the
 * output tensor. ELU and sigmoid run on the stock wasm kernels (SIMD, about 8x
 * faster than a JavaScript loop calling Math.exp), which replace `z`.
 */
function biasAndActivation(
  backend: WasmBackend,
  z: TensorInfo,
  bias: TensorInfo | null,
  activation: FusedActivation,
): TensorInfo {
  const columns = z.shape[z.shape.length - 1];
  const elementWise = activation === "elu" || activation === "sigmoid"
    ? "linear"
    : activation;
  addBiasAndActivate(
    heapView(backend, z),
    bias == null ? null : heapView(backend, bias),
    columns,
    elementWise,
  );
  if (elementWise === activation) return z;

  const kernels = stockKernels();
  const stockActivation = activation === "elu" ? kernels.elu : kernels.sigmoid;
  const y = stockActivation({
    inputs: { x: z },
    backend: backend as unknown as tf.KernelBackend,
    attrs: {},
  }) as TensorInfo;
  release(backend, z);
  return y;
}

/** Builds the kernel configs that run on `engine`. */
export function kernelConfigs(engine: ProductEngine): KernelConfig[] {
  const kernels = stockKernels();

  const batchMatMul: KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as {
      transposeA: boolean;
      transposeB: boolean;
    };
    if (
      matrixDims(a) == null || matrixDims(b) == null ||
      a.shape.length !== b.shape.length
    ) {
      return kernels.batchMatMul(args);
    }
    return engine.matMul(
      args.backend as unknown as WasmBackend,
      a,
      b,
      transposeA,
      transposeB,
    );
  };

  const fusedMatMul: KernelFunc = (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<
      string,
      TensorInfo | undefined
    >;
    const { transposeA, transposeB, activation } = args.attrs as {
      transposeA: boolean;
      transposeB: boolean;
      activation: string;
    };
    const plain = a != null && b != null && matrixDims(a) != null &&
      matrixDims(b) != null &&
      a.shape.length === b.shape.length;
    if (
      !plain || preluActivationWeights != null ||
      !isFusedActivation(activation) ||
      (bias != null && bias.shape.length !== 1)
    ) {
      return kernels.fusedMatMul(args);
    }
    const backend = args.backend as unknown as WasmBackend;
    const out = engine.matMul(backend, a!, b!, transposeA, transposeB);
    return biasAndActivation(backend, out, bias ?? null, activation);
  };

  const denseForward: KernelFunc = (args) => {
    const { x, kernel, bias } = args.inputs as {
      x: TensorInfo;
      kernel: TensorInfo;
      bias: TensorInfo;
    };
    const activation = args.attrs!.activation as FusedActivation;
    const backend = args.backend as unknown as WasmBackend;

    // [batch, units] = [batch, inputs] · [inputs, units]
    const z = engine.matMul(backend, x, kernel, false, false);
    return biasAndActivation(backend, z, bias, activation);
  };

  const denseBackward: KernelFunc = (args) => {
    const { dy, x, kernel, y } = args.inputs as Record<string, TensorInfo>;
    const { activation, inputGradient } = args.attrs as {
      activation: FusedActivation;
      inputGradient: boolean;
    };
    const backend = args.backend as unknown as WasmBackend;

    // Gradient before the activation: dz = dy · f'(z), [batch, units].
    const dz = backend.makeOutput(dy.shape.slice(), "float32");
    activationGradient(
      heapView(backend, dy),
      heapView(backend, y),
      activation,
      heapView(backend, dz),
    );

    // dKernel = xᵀ · dz, dBias = column sums of dz, dx = dz · kernelᵀ.
    const dKernel = engine.matMul(backend, x, dz, true, false);
    const dBias = backend.makeOutput([kernel.shape[1]], "float32");
    sumRows(heapView(backend, dz), kernel.shape[1], heapView(backend, dBias));
    const outputs = [dKernel, dBias];
    if (inputGradient) {
      outputs.unshift(engine.matMul(backend, dz, kernel, false, true));
    }

    release(backend, dz);
    return outputs;
  };

  const mse: KernelFunc = (args) => {
    const { prediction, target } = args.inputs as Record<string, TensorInfo>;
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput([], "float32");
    const p = heapView(backend, prediction);
    const t = heapView(backend, target);
    let sum = 0;
    for (let i = 0; i < p.length; i++) {
      const difference = p[i] - t[i];
      sum += difference * difference;
    }
    heapView(backend, out)[0] = sum / p.length;
    return out;
  };

  const mseGradient: KernelFunc = (args) => {
    const { dy, prediction, target } = args.inputs as Record<
      string,
      TensorInfo
    >;
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput(prediction.shape.slice(), "float32");
    const p = heapView(backend, prediction);
    const t = heapView(backend, target);
    const o = heapView(backend, out);
    const scale = (2 * heapView(backend, dy)[0]) / p.length;
    for (let i = 0; i < p.length; i++) o[i] = scale * (p[i] - t[i]);
    return out;
  };

  return [
    {
      kernelName: "BatchMatMul",
      backendName: BACKEND,
      kernelFunc: batchMatMul,
    },
    {
      kernelName: "_FusedMatMul",
      backendName: BACKEND,
      kernelFunc: fusedMatMul,
    },
    {
      kernelName: DENSE_FORWARD,
      backendName: BACKEND,
      kernelFunc: denseForward,
    },
    {
      kernelName: DENSE_BACKWARD,
      backendName: BACKEND,
      kernelFunc: denseBackward,
    },
    { kernelName: MSE, backendName: BACKEND, kernelFunc: mse },
    { kernelName: MSE_GRADIENT, backendName: BACKEND, kernelFunc: mseGradient },
  ];
}

/** Registers the kernels of `engine` for the wasm backend, replacing earlier ones. */
export function registerKernels(engine: ProductEngine): void {
  stockKernels();
  for (const config of kernelConfigs(engine)) replaceKernel(config);
}

/** Runs a registered kernel outside autodiff. */
export function runKernel<T extends tf.Tensor | tf.Tensor[]>(
  name: string,
  inputs: Record<string, tf.Tensor>,
  attrs: NamedAttrMap = {},
): T {
  return tf.engine().runKernel(name, inputs, attrs) as T;
}
