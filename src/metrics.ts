/**
 * Reconstruction-error figures shared by PCA, the autoencoder and the
 * baselines: all are MSE per pixel on images scaled to [0, 1].
 *
 * @module
 */

import type { EpochRecord, ImageSet } from "./types.ts";

/** Mean of each pixel over the images: the mean image. */
export function meanImage(images: ImageSet): Float32Array {
  const size = images.height * images.width;
  const sums = new Float64Array(size);
  for (let row = 0; row < images.count; row++) {
    const offset = row * size;
    for (let j = 0; j < size; j++) sums[j] += images.images[offset + j];
  }
  return Float32Array.from(sums, (sum) => sum / images.count);
}

/** MSE per pixel of predicting `prediction` (one image) for every image in `images`. */
export function constantPredictionMse(
  images: ImageSet,
  prediction: Float32Array,
): number {
  const size = images.height * images.width;
  let sum = 0;
  for (let row = 0; row < images.count; row++) {
    const offset = row * size;
    for (let j = 0; j < size; j++) {
      const difference = images.images[offset + j] - prediction[j];
      sum += difference * difference;
    }
  }
  return sum / (images.count * size);
}

/** MSE per pixel between two equally long pixel arrays. */
export function meanSquaredError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `Cannot compare arrays of ${a.length} and ${b.length} values.`,
    );
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = a[i] - b[i];
    sum += difference * difference;
  }
  return sum / a.length;
}

/** First epoch whose validation loss is below `threshold`, or null if none is. */
export function firstEpochBelow(
  history: EpochRecord[],
  threshold: number,
): number | null {
  return history.find((record) => record.valLoss < threshold)?.epoch ?? null;
}
