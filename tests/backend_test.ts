import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { type Accel, setupBackend } from "../src/backend/mod.ts";
import { BLAS_LIBRARY_ENV } from "../src/backend/blas.ts";
import { runKernel, stockKernels } from "../src/backend/kernels.ts";
import { DENSE_BACKWARD, DENSE_FORWARD } from "../src/backend/kernels.ts";
import { buildAutoencoder } from "../src/model.ts";
import { trainAutoencoder } from "../src/train.ts";
import type { ImageSet } from "../src/types.ts";
import { maxDifference } from "./arrays.ts";

const TOLERANCE = 1e-4;

/** The stock wasm BatchMatMul, called directly. */
function stockMatMul(
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
  }) as tf.TensorInfo;
  const values = backend.readSync(out.dataId) as Float32Array;
  backend.disposeData(out.dataId, true);
  return values;
}

/** The training products: forward, dKernel = xᵀ·dz and dx = dz·kernelᵀ, plus odd shapes. */
const PRODUCTS: [string, number[], number[], boolean, boolean][] = [
  ["forward [128,784]x[784,512]", [128, 784], [784, 512], false, false],
  ["kernel gradient [128,784]ᵀx[128,512]", [128, 784], [128, 512], true, false],
  ["input gradient [128,512]x[784,512]ᵀ", [128, 512], [784, 512], false, true],
  ["both transposed [9,13]ᵀx[5,9]ᵀ", [9, 13], [5, 9], true, true],
  ["odd [1,3]x[3,1]", [1, 3], [3, 1], false, false],
];

for (const accel of ["blas", "wasm"] as Accel[]) {
  Deno.test(`matMul on the ${accel} path matches the stock kernel`, async () => {
    const info = await setupBackend(accel);
    assert.equal(info.accel, accel);
    assert.equal(info.engine, "fused");
    for (const [name, aShape, bShape, transposeA, transposeB] of PRODUCTS) {
      tf.tidy(() => {
        const a = tf.randomUniform(aShape, -1, 1, "float32", 11);
        const b = tf.randomUniform(bShape, -1, 1, "float32", 12);
        const actual = tf.matMul(a, b, transposeA, transposeB).dataSync();
        const difference = maxDifference(
          actual,
          stockMatMul(a, b, transposeA, transposeB),
        );
        assert.ok(difference <= TOLERANCE, `${name}: differs by ${difference}`);
      });
    }
  });

  Deno.test(`dense kernels on the ${accel} path match stock autodiff`, async () => {
    await setupBackend(accel);
    for (const activation of ["linear", "elu", "sigmoid", "relu"] as const) {
      tf.tidy(() => {
        const x = tf.randomUniform([64, 100], -1, 1, "float32", 1);
        const kernel = tf.randomUniform([100, 30], -0.3, 0.3, "float32", 2);
        const bias = tf.randomUniform([30], -0.3, 0.3, "float32", 3);
        const dy = tf.randomUniform([64, 30], -1, 1, "float32", 4);

        // Reference: the same layer through tfjs's own ops and gradients.
        const layer = (
          input: tf.Tensor,
          weights: tf.Tensor,
          offsets: tf.Tensor,
        ) =>
          tf.layers.activation({ activation }).apply(
            tf.add(tf.matMul(input, weights), offsets),
          ) as tf.Tensor;
        const expectedY = layer(x, kernel, bias);
        const [dx, dKernel, dBias] = tf.grads((a, b, c) => layer(a, b, c))([
          x,
          kernel,
          bias,
        ], dy);

        const y = runKernel<tf.Tensor>(DENSE_FORWARD, { x, kernel, bias }, {
          activation,
        });
        const grads = runKernel<tf.Tensor[]>(DENSE_BACKWARD, {
          dy,
          x,
          kernel,
          y,
        }, { activation, inputGradient: true });
        assert.ok(
          maxDifference(y.dataSync(), expectedY.dataSync()) <= TOLERANCE,
          `${activation} forward`,
        );
        assert.ok(
          maxDifference(grads[0].dataSync(), dx.dataSync()) <= TOLERANCE,
          `${activation} dx`,
        );
        assert.ok(
          maxDifference(grads[1].dataSync(), dKernel.dataSync()) <= TOLERANCE,
          `${activation} dKernel`,
        );
        assert.ok(
          maxDifference(grads[2].dataSync(), dBias.dataSync()) <= TOLERANCE,
          `${activation} dBias`,
        );
      });
    }
  });
}

Deno.test("setupBackend() falls back from a broken BLAS path", async () => {
  const previous = Deno.env.get(BLAS_LIBRARY_ENV);
  Deno.env.set(BLAS_LIBRARY_ENV, "/nonexistent/libopenblas-broken.so");
  try {
    const info = await setupBackend("auto");
    assert.equal(info.accel, "wasm");
    assert.equal(info.notices.length, 1);
    assert.match(info.notices[0], /BLAS not available/);
    assert.match(info.notices[0], /libopenblas-broken\.so/);
    await assert.rejects(
      () => setupBackend("blas"),
      /Cannot load a BLAS library/,
    );
  } finally {
    if (previous === undefined) Deno.env.delete(BLAS_LIBRARY_ENV);
    else Deno.env.set(BLAS_LIBRARY_ENV, previous);
  }
});

function syntheticImages(count: number, seed: number): ImageSet {
  const images = new Float32Array(count * 784);
  let state = seed;
  for (let i = 0; i < images.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    images[i] = (state % 5 === 0) ? (state % 1000) / 1000 : 0;
  }
  return {
    images,
    labels: new Uint8Array(count),
    count,
    height: 28,
    width: 28,
  };
}

Deno.test("blas and wasm paths give the same losses after 20 steps", async () => {
  const images = syntheticImages(20 * 32, 7);
  const losses: number[][] = [];
  for (const accel of ["blas", "wasm"] as Accel[]) {
    await setupBackend(accel);
    const model = buildAutoencoder({ seed: 3 });
    const batchLosses: number[] = [];
    trainAutoencoder(model, images, syntheticImages(64, 9), {
      epochs: 1,
      batchSize: 32,
      seed: 5,
      onBatchEnd: (progress) => batchLosses.push(progress.loss),
    });
    model.dispose();
    losses.push(batchLosses);
  }
  assert.equal(losses[0].length, 20);
  const difference = maxDifference(losses[0], losses[1]);
  assert.ok(difference <= TOLERANCE, `losses differ by ${difference}`);
});
