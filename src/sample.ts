/**
 * Which training images the scatter plots show: the first N (as the Keras
 * reproduction of the 2006 figure does), or an equal number of each class
 * (as Hinton & Salakhutdinov's Fig. 3 plots 500 images of each digit).
 *
 * @module
 */

import type { ImageSet } from "./types.ts";

/** "first": the first N training images; "balanced": the first N / classes of each class. */
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
