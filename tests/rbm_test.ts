/**
 * Tests of the RBM module: the plain-JavaScript gemm, CD-1 updates worked
 * out by hand, training on a tiny dataset, stacking and unrolling.
 *
 * @module
 */

import assert from "node:assert/strict";
import seedrandom from "seedrandom";

import { type Blas, loadBlas } from "../src/backend/blas.ts";
import type { DataMatrix } from "../src/pca.ts";
import {
  jsGemm,
  pretrainStack,
  type Rbm,
  type RbmEpochRecord,
  rbmHidden,
  trainRbm,
  unrollStack,
} from "../src/rbm.ts";

/** Asserts that two arrays have the same length and agree entry by entry within `tolerance`. */
function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  label: string,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance,
      `${label}[${i}]: expected ${expected[i]}, found ${actual[i]}`,
    );
  }
}

/**
 * 60 rows of 6 binary visible units: three patterns repeated 20 times each,
 * so an RBM with 3 hidden units can learn them.
 */
function tinyPatterns(): DataMatrix {
  const patterns = [
    [1, 1, 1, 0, 0, 0],
    [0, 0, 0, 1, 1, 1],
    [1, 0, 1, 0, 1, 0],
  ];
  const rows = Array.from({ length: 60 }, (_, i) => patterns[i % 3]);
  return { values: Float32Array.from(rows.flat()), rows: 60, columns: 6 };
}

/** Loads the system BLAS, or returns null where none is installed. */
function tryLoadBlas(): Blas | null {
  try {
    return loadBlas(undefined, 1);
  } catch {
    return null;
  }
}

Deno.test("jsGemm() transposes by hand", () => {
  // a = [[1, 2, 3], [4, 5, 6]] (2×3), b = [[1, 0], [0, 1], [1, 1]] (3×2):
  //   a·b = [[1 + 3, 2 + 3], [4 + 6, 5 + 6]] = [[4, 5], [10, 11]].
  // The same product from stored transposes: aᵀ stored as 3×2 and bᵀ as 2×3.
  const a = Float32Array.from([1, 2, 3, 4, 5, 6]);
  const aStoredTransposed = Float32Array.from([1, 4, 2, 5, 3, 6]);
  const b = Float32Array.from([1, 0, 0, 1, 1, 1]);
  const bStoredTransposed = Float32Array.from([1, 0, 1, 0, 1, 1]);
  const expected = [4, 5, 10, 11];

  const cases: [string, Float32Array, Float32Array, boolean, boolean][] = [
    ["a·b", a, b, false, false],
    ["aᵀ·b", aStoredTransposed, b, true, false],
    ["a·bᵀ", a, bStoredTransposed, false, true],
    ["aᵀ·bᵀ", aStoredTransposed, bStoredTransposed, true, true],
  ];
  for (const [label, left, right, transposeA, transposeB] of cases) {
    const c = new Float32Array(4).fill(Number.NaN);
    jsGemm(left, right, c, 2, 2, 3, transposeA, transposeB);
    assertClose(c, expected, 0, label);
  }

  // beta = 1 adds to c: [[1, 1], [1, 1]] + a·b.
  const c = new Float32Array(4).fill(1);
  jsGemm(a, b, c, 2, 2, 3, false, false, 1);
  assertClose(c, [5, 6, 11, 12], 0, "a·b + c");
});

Deno.test("jsGemm() matches BLAS", {
  ignore: tryLoadBlas() === null,
}, () => {
  const blas = tryLoadBlas()!;
  const random = seedrandom("gemm");
  const [m, n, k] = [7, 5, 11];
  const a = Float32Array.from({ length: m * k }, () => random() - 0.5);
  const b = Float32Array.from({ length: k * n }, () => random() - 0.5);

  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      const plain = new Float32Array(m * n).fill(0.25);
      const fast = new Float32Array(m * n).fill(0.25);
      jsGemm(a, b, plain, m, n, k, transposeA, transposeB, 1);
      blas.gemm(a, b, fast, m, n, k, transposeA, transposeB, 1);
      // Sums of 11 products of values below 0.25 in float32: rounding well below 1e-5.
      assertClose(
        plain,
        fast,
        1e-5,
        `transposeA ${transposeA}, transposeB ${transposeB}`,
      );
    }
  }
  blas.close();
});

Deno.test("trainRbm() one CD-1 step by hand", () => {
  // With zero initial weights and biases, every hidden probability is
  // sigmoid(0) = 0.5 and every reconstruction is sigmoid(0) = 0.5 whatever
  // hidden states are sampled, so one update on the single row
  // v0 = (1, 0, 0.5) is deterministic. With momentum step 0 before the
  // update, batch size 1 and learning rate 0.1:
  //   ΔW[i][j] = 0.1 · (v0[i] · 0.5 − 0.5 · 0.5) = (0.025, −0.025, 0) for each j
  //   Δvisible bias = 0.1 · (v0 − 0.5) = (0.05, −0.05, 0)
  //   Δhidden bias = 0.1 · (0.5 − 0.5) = 0
  // Weight decay multiplies the weights before the update, which are 0.
  // Reconstruction error: ((1 − 0.5)² + (0 − 0.5)² + 0²) / 3 = 1/6.
  const data = { values: Float32Array.from([1, 0, 0.5]), rows: 1, columns: 3 };
  const records: RbmEpochRecord[] = [];

  const rbm = trainRbm(data, {
    hidden: 2,
    epochs: 1,
    batchSize: 1,
    initialWeightScale: 0,
    onEpochEnd: (record) => records.push(record),
  });

  assertClose(
    rbm.weights,
    [0.025, 0.025, -0.025, -0.025, 0, 0],
    1e-8,
    "weights",
  );
  assertClose(rbm.visibleBias, [0.05, -0.05, 0], 1e-8, "visible bias");
  assertClose(rbm.hiddenBias, [0, 0], 0, "hidden bias");
  assert.equal(records.length, 1);
  assert.ok(
    Math.abs(records[0].reconstructionError - 1 / 6) < 1e-7,
    `reconstruction error ${records[0].reconstructionError}`,
  );
});

Deno.test("trainRbm() linear step by hand", () => {
  // Linear hidden units with zero weights and biases: the positive and
  // negative hidden activations are 0. The noise only enters the sampled
  // states, which meet zero weights, so the reconstruction is 0.5. The weight
  // statistics are then 0 and only the visible bias moves, at the linear
  // default learning rate 0.001:
  //   Δvisible bias = 0.001 · (v0 − 0.5) = (0.0005, −0.0005, 0).
  const data = { values: Float32Array.from([1, 0, 0.5]), rows: 1, columns: 3 };

  const rbm = trainRbm(data, {
    hidden: 2,
    hiddenType: "linear",
    epochs: 1,
    batchSize: 1,
    initialWeightScale: 0,
  });

  assert.equal(rbm.hiddenType, "linear");
  assertClose(rbm.weights, [0, 0, 0, 0, 0, 0], 0, "weights");
  assertClose(rbm.visibleBias, [0.0005, -0.0005, 0], 1e-9, "visible bias");
  assertClose(rbm.hiddenBias, [0, 0], 0, "hidden bias");
});

Deno.test("trainRbm() lowers reconstruction error", () => {
  const records: RbmEpochRecord[] = [];

  const rbm = trainRbm(tinyPatterns(), {
    hidden: 3,
    epochs: 30,
    batchSize: 10,
    onEpochEnd: (record) => records.push(record),
  });

  assert.equal(records.length, 30);
  assert.deepEqual(
    records.map((record) => record.epoch),
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  const first = records[0].reconstructionError;
  const last = records[29].reconstructionError;
  assert.ok(Number.isFinite(first), `first epoch error ${first}`);
  assert.ok(last < first / 2, `error went from ${first} to ${last}`);
  assert.equal(rbm.weights.length, 18);
  assert.equal(rbm.visibleBias.length, 6);
  assert.equal(rbm.hiddenBias.length, 3);
});

Deno.test("trainRbm() same seed same weights", () => {
  const options = { hidden: 3, epochs: 3, batchSize: 7, seed: 42 };

  const first = trainRbm(tinyPatterns(), options);
  const second = trainRbm(tinyPatterns(), options);
  const other = trainRbm(tinyPatterns(), { ...options, seed: 43 });

  assert.deepEqual(first.weights, second.weights);
  assert.deepEqual(first.visibleBias, second.visibleBias);
  assert.deepEqual(first.hiddenBias, second.hiddenBias);
  assert.notDeepEqual(first.weights, other.weights);
});

Deno.test("trainRbm() linear hidden units learn", () => {
  const records: RbmEpochRecord[] = [];

  const rbm = trainRbm(tinyPatterns(), {
    hidden: 2,
    hiddenType: "linear",
    epochs: 40,
    batchSize: 10,
    learningRate: 0.01,
    onEpochEnd: (record) => records.push(record),
  });

  const first = records[0].reconstructionError;
  const last = records[39].reconstructionError;
  assert.ok(last < first / 2, `error went from ${first} to ${last}`);
  const codes = rbmHidden(rbm, tinyPatterns());
  assert.equal(codes.rows, 60);
  assert.equal(codes.columns, 2);
  assert.ok(codes.values.every(Number.isFinite));
});

Deno.test("trainRbm() invalid options", () => {
  assert.throws(
    () => trainRbm(tinyPatterns(), { hidden: 0 }),
    /Invalid RBM option hidden: 0\. Expected an integer >= 1\./,
  );
  assert.throws(
    () => trainRbm(tinyPatterns(), { hidden: 2, learningRate: -1 }),
    /Invalid RBM option learningRate: -1\. Expected a positive number\./,
  );
  assert.throws(
    () =>
      trainRbm({ values: new Float32Array(5), rows: 2, columns: 3 }, {
        hidden: 2,
      }),
    /Invalid RBM training data: expected at least one row and 2 × 3 values, found 5/,
  );
});

Deno.test("rbmHidden() by hand", () => {
  // Weights [[1, −1], [2, 0]] (visible × hidden), hidden bias (0, 1), and
  // the row (1, 0.5): activations (1 + 0.5·2 + 0, −1 + 0 + 1) = (2, 0).
  // Binary units give the probabilities sigmoid(2) = 0.8807970779778823 and
  // sigmoid(0) = 0.5; linear units give (2, 0).
  const rbm: Rbm = {
    visible: 2,
    hidden: 2,
    weights: Float32Array.from([1, -1, 2, 0]),
    visibleBias: new Float32Array(2),
    hiddenBias: Float32Array.from([0, 1]),
    hiddenType: "binary",
  };
  const data = { values: Float32Array.from([1, 0.5]), rows: 1, columns: 2 };

  const binary = rbmHidden(rbm, data);
  const linear = rbmHidden({ ...rbm, hiddenType: "linear" }, data);

  assertClose(binary.values, [0.8807970779778823, 0.5], 1e-7, "binary");
  assertClose(linear.values, [2, 0], 0, "linear");
  assert.throws(
    () => rbmHidden(rbm, { values: new Float32Array(3), rows: 1, columns: 3 }),
    /RBM with 2 visible units from data with 3 columns/,
  );
});

Deno.test("pretrainStack() shapes and callbacks", () => {
  const epochRecords: [number, number][] = [];
  const layersDone: number[] = [];

  const rbms = pretrainStack(
    tinyPatterns(),
    [6, 4, 3, 2],
    {
      epochs: 2,
      batchSize: 10,
      onEpochEnd: (layer, record) => epochRecords.push([layer, record.epoch]),
    },
    (layer) => layersDone.push(layer),
  );

  assert.deepEqual(rbms.map((rbm) => [rbm.visible, rbm.hidden]), [[6, 4], [
    4,
    3,
  ], [3, 2]]);
  assert.deepEqual(rbms.map((rbm) => rbm.hiddenType), [
    "binary",
    "binary",
    "linear",
  ]);
  assert.deepEqual(rbms.map((rbm) => rbm.weights.length), [24, 12, 6]);
  assert.deepEqual(epochRecords, [[0, 1], [0, 2], [1, 1], [1, 2], [2, 1], [
    2,
    2,
  ]]);
  assert.deepEqual(layersDone, [0, 1, 2]);
  assert.throws(
    () => pretrainStack(tinyPatterns(), [5, 3]),
    /Invalid RBM layer sizes \[5,3\]: the first size must equal the 6 columns of the data/,
  );
});

Deno.test("unrollStack() mirrors the stack", () => {
  const rbms = pretrainStack(tinyPatterns(), [6, 4, 2], {
    epochs: 1,
    batchSize: 10,
  });

  const layers = unrollStack(rbms);

  assert.deepEqual(layers.map((layer) => [layer.inputs, layer.outputs]), [
    [6, 4],
    [4, 2],
    [2, 4],
    [4, 6],
  ]);
  assert.deepEqual(layers.map((layer) => layer.activation), [
    "sigmoid",
    "linear",
    "sigmoid",
    "sigmoid",
  ]);
  assert.deepEqual(layers[0].kernel, rbms[0].weights);
  assert.deepEqual(layers[1].bias, rbms[1].hiddenBias);
  assert.deepEqual(layers[2].bias, rbms[1].visibleBias);
  assert.deepEqual(layers[3].bias, rbms[0].visibleBias);
  // Decoder kernel [4, 6] is the transpose of the first RBM's [6, 4] weights.
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 4; j++) {
      assert.equal(
        layers[3].kernel[j * 6 + i],
        rbms[0].weights[i * 4 + j],
        `kernel (${j}, ${i})`,
      );
    }
  }
});
