import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { type Accel, startBackend } from "../src/backend/mod.ts";
import { loadDataset } from "../src/data/sources.ts";
import {
  type DataMatrix,
  fitPca,
  mlMatrixEigen,
  pcaDecode,
  pcaEncode,
  pcaReconstructionMse,
  pcaSolvers,
} from "../src/pca.ts";
import type { ImageSet } from "../src/types.ts";

function matrixOf(images: ImageSet): DataMatrix {
  return {
    values: images.images,
    rows: images.count,
    columns: images.height * images.width,
  };
}

/**
 * 3-D points spread along two known orthogonal directions with standard
 * deviations 5 and 2, plus noise of 0.01 along the third.
 */
function syntheticData(
  rows: number,
): { x: DataMatrix; first: number[]; second: number[] } {
  const random = seedrandom("pca");
  const gaussian = () =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const first = [2 / 3, 2 / 3, 1 / 3];
  const second = [-2 / 3, 1 / 3, 2 / 3];
  const third = [1 / 3, -2 / 3, 2 / 3];
  const values = new Float32Array(rows * 3);
  for (let row = 0; row < rows; row++) {
    const a = 5 * gaussian();
    const b = 2 * gaussian();
    const c = 0.01 * gaussian();
    for (let j = 0; j < 3; j++) {
      values[row * 3 + j] = 10 + a * first[j] + b * second[j] + c * third[j];
    }
  }
  return { x: { values, rows, columns: 3 }, first, second };
}

Deno.test("fitPca() recovers known principal directions", () => {
  const { x, first, second } = syntheticData(20000);
  const model = fitPca(x, {
    components: 2,
    gram: (matrix) => gramReference(matrix),
  });

  // Directions up to sign: the absolute cosine with the true direction is ~1.
  const cosine = (component: number, direction: number[]) =>
    Math.abs(
      direction.reduce(
        (sum, value, j) => sum + value * model.components[component * 3 + j],
        0,
      ),
    );
  assert.ok(
    cosine(0, first) > 0.9999,
    `first direction cosine ${cosine(0, first)}`,
  );
  assert.ok(
    cosine(1, second) > 0.9999,
    `second direction cosine ${cosine(1, second)}`,
  );

  // Variances 25 and 4 of 29.0001 in all; sample estimates within 3%.
  assert.ok(
    Math.abs(model.explainedVariance[0] - 25) / 25 < 0.03,
    `variance ${model.explainedVariance[0]}`,
  );
  assert.ok(
    Math.abs(model.explainedVariance[1] - 4) / 4 < 0.03,
    `variance ${model.explainedVariance[1]}`,
  );
  const ratioSum = model.explainedVarianceRatio[0] +
    model.explainedVarianceRatio[1];
  assert.ok(ratioSum > 0.9999, `explained ratio ${ratioSum}`);
  assert.ok(ratioSum <= 1, `explained ratio ${ratioSum}`);

  // Two of three directions keep everything but the noise: MSE ≈ 0.01² / 3.
  assert.ok(pcaReconstructionMse(model, x) < 1e-4);
});

/** Computes a float64 reference Gram matrix. */
function gramReference(x: DataMatrix): Float32Array {
  const gram = new Float64Array(x.columns * x.columns);
  for (let row = 0; row < x.rows; row++) {
    for (let i = 0; i < x.columns; i++) {
      for (let j = 0; j < x.columns; j++) {
        gram[i * x.columns + j] += x.values[row * x.columns + i] *
          x.values[row * x.columns + j];
      }
    }
  }
  return Float32Array.from(gram);
}

Deno.test("pcaEncode() and pcaDecode() round-trip within the kept subspace", () => {
  const { x } = syntheticData(500);
  const model = fitPca(x, { components: 3, gram: gramReference });
  const codes = pcaEncode(model, x);
  const reconstruction = pcaDecode(model, codes, x.rows);
  for (let i = 0; i < x.values.length; i++) {
    assert.ok(Math.abs(reconstruction[i] - x.values[i]) < 1e-3, `value ${i}`);
  }
});

Deno.test("mlMatrixEigen() matches LAPACK on a random symmetric matrix", async () => {
  const backend = await startBackend("blas");
  const n = 40;
  const random = seedrandom("eigen");
  const matrix = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      matrix[i * n + j] = matrix[j * n + i] = random() - 0.5;
    }
  }
  const reference = mlMatrixEigen(matrix, n);
  const lapack = backend.blas!.symmetricEigen(matrix, n);
  assert.ok(lapack != null);
  for (let i = 0; i < n; i++) {
    assert.ok(
      Math.abs(lapack.values[i] - reference.values[i]) < 1e-4,
      `eigenvalue ${i}`,
    );
  }
});

const mnist = await loadDataset();

for (const accel of ["blas", "wasm"] as Accel[]) {
  Deno.test(`fitPca() on full MNIST matches numpy's errors (${accel} path)`, async () => {
    const backend = await startBackend(accel);
    const model = fitPca(matrixOf(mnist.train), {
      components: 2,
      ...pcaSolvers(backend.blas),
    });

    // numpy on the same 60000 + 10000 images: train 0.055953, test 0.055669.
    const trainMse = pcaReconstructionMse(model, matrixOf(mnist.train));
    const testMse = pcaReconstructionMse(model, matrixOf(mnist.test));
    assert.ok(Math.abs(trainMse - 0.0560) <= 0.0005, `train MSE ${trainMse}`);
    assert.ok(Math.abs(testMse - 0.0557) <= 0.0005, `test MSE ${testMse}`);
    assert.ok(
      Math.abs(trainMse - 0.055953) <= 1e-5,
      `train MSE ${trainMse} vs numpy 0.055953`,
    );
  });
}
