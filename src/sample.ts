/**
 * Sample of training images for the scatter plots: the first N (as the Keras
 * reproduction of the 2006 figure does), or an equal number of each class
 * (as Hinton & Salakhutdinov's Fig. 3 plots 500 images of each digit).
 *
 * @module
 */

import type { ImageSet } from "./types.ts";

/**
 * "first": the first N training images; "balanced": the first N / classes of each class.
 *
 * @example
 * ```ts
 * import { runReproduction, type ScatterProtocol } from "@hs2006/dimensionality-report";
 *
 * const scatter: ScatterProtocol = "balanced"; // 500 images of each digit
 * const result = await runReproduction({ scatter, scatterCount: 5000 });
 * ```
 */
export type ScatterProtocol = "first" | "balanced";

/** Indices of the scatter sample, in training-set order. */
export function scatterIndices(
  images: ImageSet,
  protocol: ScatterProtocol,
  count: number,
): Uint32Array {
  if (protocol === "first") {
    return Uint32Array.from(
      { length: Math.min(count, images.count) },
      (_, index) => index,
    );
  }

  const classCount = Math.max(...images.labels) + 1;
  const perClass = Math.floor(count / classCount);
  const taken = new Array<number>(classCount).fill(0);
  const indices: number[] = [];
  for (
    let index = 0;
    index < images.count && indices.length < perClass * classCount;
    index++
  ) {
    const label = images.labels[index];
    if (taken[label] < perClass) {
      taken[label] += 1;
      indices.push(index);
    }
  }
  return Uint32Array.from(indices);
}

/** Returns a seeded random permutation of 0..count-1 (Fisher–Yates). */
export function shuffledIndices(
  count: number,
  random: () => number,
): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/** Returns the rows `[0, count)` of an image set, as views (no copy). */
export function firstImages(images: ImageSet, count: number): ImageSet {
  const size = images.height * images.width;
  const kept = Math.min(count, images.count);
  return {
    ...images,
    images: images.images.subarray(0, kept * size),
    labels: images.labels.subarray(0, kept),
    count: kept,
  };
}

/** Returns copies of the rows at `indices` of an image set. */
export function selectImages(images: ImageSet, indices: Uint32Array): ImageSet {
  const size = images.height * images.width;
  const selected = new Float32Array(indices.length * size);
  indices.forEach((index, row) =>
    selected.set(
      images.images.subarray(index * size, (index + 1) * size),
      row * size,
    )
  );
  return {
    ...images,
    images: selected,
    labels: Uint8Array.from(indices, (index) => images.labels[index]),
    count: indices.length,
  };
}
