/**
 * Tests of the embedding-quality measures on small cases worked out by hand
 * and on random data against a brute-force reference.
 *
 * @module
 */

import assert from "node:assert/strict";
import seedrandom from "seedrandom";

import { knnAccuracy, perClassMse, trustworthiness } from "../src/embedding.ts";

/** Places 1-D positions on the x axis of 2-D codes. */
function onXAxis(positions: number[]): Float32Array {
  return Float32Array.from(positions.flatMap((x) => [x, 0]));
}

/** Uniform random codes in [0, 1)^dims. */
function randomCodes(
  rows: number,
  dims: number,
  random: () => number,
): Float32Array {
  return Float32Array.from({ length: rows * dims }, () => random());
}

/** Random labels in [0, classes). */
function randomLabels(
  rows: number,
  classes: number,
  random: () => number,
): Uint8Array {
  return Uint8Array.from(
    { length: rows },
    () => Math.floor(random() * classes),
  );
}

/**
 * kNN accuracy by sorting every training code by distance, with majority
 * ties going to the label seen first in distance order.
 */
function referenceKnnAccuracy(
  trainCodes: Float32Array,
  trainLabels: Uint8Array,
  testCodes: Float32Array,
  testLabels: Uint8Array,
  dims: number,
  k: number,
): number {
  let correct = 0;
  for (let test = 0; test < testLabels.length; test++) {
    const distances = Array.from(trainLabels, (_, train) => {
      let sum = 0;
      for (let d = 0; d < dims; d++) {
        sum += (testCodes[test * dims + d] - trainCodes[train * dims + d]) **
          2;
      }
      return { train, sum };
    });
    distances.sort((a, b) => a.sum - b.sum || a.train - b.train);
    const nearest = distances.slice(0, k).map(({ train }) =>
      trainLabels[train]
    );

    const counts = new Map<number, number>();
    for (const label of nearest) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const highest = Math.max(...counts.values());
    const predicted = nearest.find((label) => counts.get(label) === highest);
    if (predicted === testLabels[test]) correct++;
  }
  return correct / testLabels.length;
}

Deno.test("knnAccuracy() points on a line", () => {
  // Training codes 0, 1, 2, 3 are class 0 and 10, 11, 12 are class 1.
  // With k = 3, the test point 1.4 has neighbours 1, 2 and 0 (all class 0)
  // and 11.2 has 11, 12 and 10 (all class 1). The third test point, 2.5,
  // has neighbours 2, 3 and 1 (class 0) but is labelled 1, so 2 of 3 are
  // correct.
  const train = [0, 1, 2, 3, 10, 11, 12];
  const trainLabels = Uint8Array.from([0, 0, 0, 0, 1, 1, 1]);
  const test = [1.4, 11.2, 2.5];
  const testLabels = Uint8Array.from([0, 1, 1]);

  const in2d = knnAccuracy(
    onXAxis(train),
    trainLabels,
    onXAxis(test),
    testLabels,
    2,
    3,
  );
  const in1d = knnAccuracy(
    Float32Array.from(train),
    trainLabels,
    Float32Array.from(test),
    testLabels,
    1,
    3,
  );

  assert.ok(Math.abs(in2d - 2 / 3) < 1e-12, `2-D accuracy ${in2d}`);
  assert.ok(Math.abs(in1d - 2 / 3) < 1e-12, `1-D accuracy ${in1d}`);
});

Deno.test("knnAccuracy() tie goes to nearest neighbour", () => {
  // k = 2: the test point 0.4 has neighbours 0 (class 0, distance 0.4) and
  // 1 (class 1, distance 0.6). Each class has one vote, so the nearest
  // neighbour's class 0 wins: labelled 0 it is correct, labelled 1 it is not.
  const train = [0, 1];
  const trainLabels = Uint8Array.from([0, 1]);

  for (const dims of [1, 2]) {
    const trainCodes = dims === 2 ? onXAxis(train) : Float32Array.from(train);
    const testCodes = dims === 2 ? onXAxis([0.4]) : Float32Array.from([0.4]);
    const right = knnAccuracy(
      trainCodes,
      trainLabels,
      testCodes,
      Uint8Array.from([0]),
      dims,
      2,
    );
    const wrong = knnAccuracy(
      trainCodes,
      trainLabels,
      testCodes,
      Uint8Array.from([1]),
      dims,
      2,
    );
    assert.equal(right, 1, `${dims}-D, test labelled 0`);
    assert.equal(wrong, 0, `${dims}-D, test labelled 1`);
  }
});

Deno.test("knnAccuracy() tie without nearest label", () => {
  // k = 5, test point at 0: neighbours at distance 0, 1, 2, 3, 4 have
  // classes 2, 0, 0, 1, 1. Classes 0 and 1 tie with two votes each; class 0
  // occurs first in distance order, so it wins over class 1.
  const train = [0, 1, 2, 3, 4, 9];
  const trainLabels = Uint8Array.from([2, 0, 0, 1, 1, 1]);

  for (const dims of [1, 2]) {
    const trainCodes = dims === 2 ? onXAxis(train) : Float32Array.from(train);
    const testCodes = dims === 2 ? onXAxis([0]) : Float32Array.from([0]);
    const accuracyFor = (label: number) =>
      knnAccuracy(
        trainCodes,
        trainLabels,
        testCodes,
        Uint8Array.from([label]),
        dims,
        5,
      );
    assert.equal(accuracyFor(0), 1, `${dims}-D, test labelled 0`);
    assert.equal(accuracyFor(1), 0, `${dims}-D, test labelled 1`);
    assert.equal(accuracyFor(2), 0, `${dims}-D, test labelled 2`);
  }
});

Deno.test("knnAccuracy() matches brute force", () => {
  const random = seedrandom("knn");
  for (const dims of [2, 3, 30]) {
    const trainCodes = randomCodes(1500, dims, random);
    const trainLabels = randomLabels(1500, 3, random);
    const testCodes = randomCodes(300, dims, random);
    const testLabels = randomLabels(300, 3, random);

    for (const k of [1, 4, 5, 15]) {
      const fast = knnAccuracy(
        trainCodes,
        trainLabels,
        testCodes,
        testLabels,
        dims,
        k,
      );
      const reference = referenceKnnAccuracy(
        trainCodes,
        trainLabels,
        testCodes,
        testLabels,
        dims,
        k,
      );
      assert.equal(fast, reference, `dims ${dims}, k ${k}`);
    }
  }
});

Deno.test("knnAccuracy() 60000 x 10000 in 2-D", () => {
  // The full MNIST split sizes; the bound is about 10 times the time taken
  // on a 2-core x86-64 machine.
  const random = seedrandom("knn-size");
  const trainCodes = randomCodes(60000, 2, random);
  const trainLabels = randomLabels(60000, 10, random);
  const testCodes = randomCodes(10000, 2, random);
  const testLabels = randomLabels(10000, 10, random);

  const started = performance.now();
  const accuracy = knnAccuracy(
    trainCodes,
    trainLabels,
    testCodes,
    testLabels,
    2,
    5,
  );
  const seconds = (performance.now() - started) / 1000;

  // Random labels: accuracy near chance, 1 in 10.
  assert.ok(Math.abs(accuracy - 0.1) < 0.02, `accuracy ${accuracy}`);
  assert.ok(seconds < 5, `took ${seconds.toFixed(2)} s`);
});

Deno.test("knnAccuracy() invalid arguments", () => {
  const codes = onXAxis([0, 1, 2]);
  const labels = Uint8Array.from([0, 1, 0]);

  assert.throws(
    () => knnAccuracy(codes, labels, codes, labels, 2, 4),
    /Invalid k 4 for kNN: expected an integer from 1 to the number of training codes \(3\)/,
  );
  assert.throws(
    () => knnAccuracy(codes, labels, codes, labels, 2, 0),
    /Invalid k 0/,
  );
  assert.throws(
    () => knnAccuracy(codes, labels, codes.subarray(1), labels, 2, 1),
    /Invalid length of testCodes: expected 3 rows × 2 = 6 values, found 5/,
  );
  assert.throws(
    () => knnAccuracy(codes, labels, codes, labels, 0, 1),
    /Invalid dimension 0 for trainCodes/,
  );
});

Deno.test("trustworthiness() isometric embedding is 1", () => {
  // Reflecting, translating by a power of two and padding with zeros keeps
  // every distance exactly, so every neighbourhood and rank is the same and
  // the penalty sum is 0.
  const random = seedrandom("isometry");
  const rows = 60;
  const low = randomCodes(rows, 2, random);
  const high = new Float32Array(rows * 5);
  for (let i = 0; i < rows; i++) {
    high[i * 5 + 1] = 4 - low[i * 2 + 1];
    high[i * 5 + 3] = low[i * 2];
  }

  for (const k of [1, 5, 10, 29]) {
    const value = trustworthiness(high, low, rows, 5, 2, k);
    assert.ok(Math.abs(value - 1) < 1e-12, `k ${k}: ${value}`);
  }
});

Deno.test("trustworthiness() permuted line by hand", () => {
  // Original positions A = 0, B = 1, C = 3, D = 7 on a line; the embedding
  // swaps B and C: A = 0, C = 1, B = 3, D = 7. With k = 1:
  //   nearest in the original: A→B, B→A, C→B, D→C
  //   nearest in the embedding: A→C, B→C, C→A, D→B
  // Every embedded neighbour is wrong and has original rank 2:
  //   r(A,C) = 2 (B 1, C 3, D 7), r(B,C) = 2 (A 1, C 2, D 6),
  //   r(C,A) = 2 (B 2, A 3, D 4), r(D,B) = 2 (C 4, B 6, A 7),
  // so the penalty is Σ (r − k) = 4 × (2 − 1) = 4 and
  //   T = 1 − 2 / (n k (2n − 3k − 1)) × 4 = 1 − 2 / (4 × 1 × 4) × 4 = 0.5.
  const high = Float32Array.from([0, 1, 3, 7]);
  const low = Float32Array.from([0, 3, 1, 7]);

  const value = trustworthiness(high, low, 4, 1, 1, 1);

  assert.ok(Math.abs(value - 0.5) < 1e-12, `trustworthiness ${value}`);
});

Deno.test("trustworthiness() moved point by hand", () => {
  // Original positions of rows 0..4: 0, 1, 3, 7, 15. Each gap is larger than
  // all before it, so every distance is distinct. Nearest with k = 1:
  //   0→1, 1→0, 2→1, 3→2, 4→3.
  // The embedding 4, 3, 2, 1, 0 reverses the order and makes the gaps equal.
  // Its nearest rows, with ties going to the lower row, are the same map, so
  // T = 1.
  // Moving row 4 to 4.5 makes rows 0 and 4 each other's embedded nearest
  // (distance 0.5), while in the original each is the other's farthest
  // (rank 4). That is a penalty of 2 × (4 − 1) = 6. Row 1 (at 3) still has
  // row 0 at distance 1 as its nearest, tied with row 2 and before row 4 at
  // 1.5, and rows 2 and 3 keep theirs, so
  //   T = 1 − 2 / (5 × 1 × (10 − 3 − 1)) × 6 = 1 − 12 / 30 = 0.6.
  const high = Float32Array.from([0, 1, 3, 7, 15]);
  const reversed = Float32Array.from([4, 3, 2, 1, 0]);
  const moved = Float32Array.from([4, 3, 2, 1, 4.5]);

  const unchanged = trustworthiness(high, reversed, 5, 1, 1, 1);
  const value = trustworthiness(high, moved, 5, 1, 1, 1);

  assert.ok(Math.abs(unchanged - 1) < 1e-12, `reversed ${unchanged}`);
  assert.ok(Math.abs(value - 0.6) < 1e-12, `moved ${value}`);
});

Deno.test("trustworthiness() invalid k", () => {
  const codes = Float32Array.from([0, 1, 2, 3]);

  assert.throws(
    () => trustworthiness(codes, codes, 4, 1, 1, 2),
    /Invalid k 2 for trustworthiness of 4 rows: expected an integer from 1 to below rows \/ 2 \(2\)/,
  );
  assert.throws(
    () => trustworthiness(codes, codes.subarray(1), 4, 1, 1, 1),
    /Invalid length of lowDim: expected 4 rows × 1 = 4 values, found 3/,
  );
});

Deno.test("perClassMse() by hand", () => {
  // Two pixels, three images labelled 0, 1, 0:
  //   image 0 errors (1, 0): squared sum 1
  //   image 1 errors (0.5, 0.5): squared sum 0.5
  //   image 2 errors (0, 1): squared sum 1
  // class 0: (1 + 1) / 4 pixels = 0.5, class 1: 0.5 / 2 = 0.25, class 2 has
  // no images: NaN.
  const images = Float32Array.from([1, 0, 0.5, 0.5, 0, 1]);
  const reconstructions = Float32Array.from([0, 0, 0, 0, 0, 0]);
  const labels = Uint8Array.from([0, 1, 0]);

  const mse = perClassMse(images, reconstructions, labels, 2, 3);

  assert.equal(mse.length, 3);
  assert.ok(Math.abs(mse[0] - 0.5) < 1e-12, `class 0: ${mse[0]}`);
  assert.ok(Math.abs(mse[1] - 0.25) < 1e-12, `class 1: ${mse[1]}`);
  assert.ok(Number.isNaN(mse[2]), `class 2: ${mse[2]}`);
});

Deno.test("perClassMse() label out of range", () => {
  const images = Float32Array.from([1, 0]);

  assert.throws(
    () => perClassMse(images, images, Uint8Array.from([3]), 2, 3),
    /Invalid label 3 at row 0: expected an integer from 0 to 2/,
  );
});
