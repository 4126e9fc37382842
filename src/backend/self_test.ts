/**
 * Start-up self-test of the registered kernels: each is compared with the
 * stock tfjs wasm kernel (products, fused products) or with a float64
 * reference (the dense layer's backward pass) on random inputs.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import type { TensorInfo } from "@tensorflow/tfjs";
import {
  DENSE_BACKWARD,
  DENSE_FORWARD,
  runKernel,
  stockKernels,
} from "./kernels.ts";

/** Largest absolute difference accepted, relative to the reference's largest magnitude. */
export const SELF_TEST_TOLERANCE = 1e-4;

/**
 * Product shapes [m, k, n] tested: odd sizes, and the model's 784-pixel inner
 * size with few columns, because the stock transposed products it is checked
 * against run at 1-2 GFLOP/s.
 */
const SHAPES: [number, number, number][] = [[7, 5, 3], [33, 17, 9], [
  64,
  784,
  40,
]];

function maxRelativeDifference(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): number {
  let scale = 1e-6;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
  }
  return actual.length === expected.length ? difference / scale : Infinity;
}

function stockProduct(
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
): Float32Array {
  const backend = tf.backend();
  const out = stockKernels().batchMatMul({
    inputs: { a, b },
    backend,
    attrs: { transposeA, transposeB },
  }) as TensorInfo;
  const values = backend.readSync(out.dataId) as Float32Array;
  backend.disposeData(out.dataId, true);
  return values;
}

/** Returns null when every kernel matches, else a description of the first mismatch. */
export function selfTest(): string | null {
  let failure: string | null = null;
  tf.tidy(() => {
    failure = compareKernels();
  });
  return failure;
}

function compareKernels(): string | null {
  {
    const random = tf.randomUniform;
    for (const [m, k, n] of SHAPES) {
      // Products with every transpose combination, against the stock kernel.
      for (
        const [transposeA, transposeB] of [[false, false], [false, true], [
          true,
          false,
        ], [true, true]]
      ) {
        const a = random(transposeA ? [k, m] : [m, k], -1, 1, "float32", 1);
        const b = random(transposeB ? [n, k] : [k, n], -1, 1, "float32", 2);
        const actual = tf.matMul(a, b, transposeA, transposeB).dataSync();
        const expected = stockProduct(a, b, transposeA, transposeB);
        const difference = maxRelativeDifference(actual, expected);
        if (!(difference <= SELF_TEST_TOLERANCE)) {
          return `matMul [${a.shape}]x[${b.shape}] transposeA=${transposeA} transposeB=${transposeB} differs by ${difference}`;
        }
      }

      // Dense layer forward and backward, against the stock fused kernel and a float64 reference.
      for (const activation of ["linear", "elu", "sigmoid", "relu"]) {
        const x = random([m, k], -1, 1, "float32", 3);
        const kernel = random([k, n], -1, 1, "float32", 4);
        const bias = random([n], -1, 1, "float32", 5);
        const y = runKernel<tf.Tensor>(DENSE_FORWARD, { x, kernel, bias }, {
          activation,
        });
        const expectedY = tf.fused.matMul({
          a: x,
          b: kernel,
          bias,
          activation: activation as "elu",
        });
        let difference = maxRelativeDifference(
          y.dataSync(),
          expectedY.dataSync(),
        );
        if (!(difference <= SELF_TEST_TOLERANCE)) {
          return `dense forward (${activation}) [${m},${k}]x[${k},${n}] differs by ${difference}`;
        }

        const dy = random([m, n], -1, 1, "float32", 6);
        const [dx, dKernel, dBias] = runKernel<tf.Tensor[]>(
          DENSE_BACKWARD,
          { dy, x, kernel, y },
          { activation, inputGradient: true },
        );
        const reference = denseBackwardReference(
          dy.dataSync(),
          x.dataSync(),
          kernel.dataSync(),
          y.dataSync(),
          m,
          k,
          n,
          activation,
        );
        for (
          const [name, actual, expected] of [
            ["dx", dx, reference.dx],
            ["dKernel", dKernel, reference.dKernel],
            ["dBias", dBias, reference.dBias],
          ] as const
        ) {
          difference = maxRelativeDifference(actual.dataSync(), expected);
          if (!(difference <= SELF_TEST_TOLERANCE)) {
            return `dense backward ${name} (${activation}) [${m},${k}]x[${k},${n}] differs by ${difference}`;
          }
        }
      }
    }
    return null;
  }
}

/** Float64 reference of a dense layer's gradients. */
export function denseBackwardReference(
  dy: ArrayLike<number>,
  x: ArrayLike<number>,
  kernel: ArrayLike<number>,
  y: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  activation: string,
): { dx: Float64Array; dKernel: Float64Array; dBias: Float64Array } {
  const dz = new Float64Array(m * n);
  for (let i = 0; i < m * n; i++) {
    const value = y[i];
    const derivative = activation === "elu"
      ? (value > 0 ? 1 : value + 1)
      : activation === "sigmoid"
      ? value * (1 - value)
      : activation === "relu"
      ? (value > 0 ? 1 : 0)
      : 1;
    dz[i] = dy[i] * derivative;
  }

  const dx = new Float64Array(m * k);
  const dKernel = new Float64Array(k * n);
  const dBias = new Float64Array(n);
  for (let row = 0; row < m; row++) {
    for (let column = 0; column < n; column++) {
      const gradient = dz[row * n + column];
      dBias[column] += gradient;
      for (let inner = 0; inner < k; inner++) {
        dx[row * k + inner] += gradient * kernel[inner * n + column];
        dKernel[inner * n + column] += x[row * k + inner] * gradient;
      }
    }
  }
  return { dx, dKernel, dBias };
}
