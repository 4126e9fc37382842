/**
 * Evaluation of a trained autoencoder on a whole split, in batches: MSE and
 * binary cross-entropy per pixel, MSE per class, and the latent codes.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import type { ImageSet } from "./types.ts";

/** Images per forward pass. */
const BATCH = 2000;

/** Clipping of predicted pixels before the logarithms of the cross-entropy, as Keras does. */
const EPSILON = 1e-7;

/** Reconstruction errors of a split. */
export interface ReconstructionStats {
  /** MSE per pixel. */
  mse: number;
  /** Binary cross-entropy per pixel, with pixels in [0, 1] as targets (the 2006 paper's fine-tuning loss). */
  crossEntropy: number;
  /** MSE per pixel of each class; NaN for a class without images. */
  perClassMse: number[];
}

/** Runs `model` over `images` in batches and passes each batch's input and output to `visit`. */
function forEachBatch(
  model: tf.LayersModel,
  images: ImageSet,
  visit: (start: number, input: Float32Array, output: Float32Array) => void,
): void {
  const size = images.height * images.width;
  for (let start = 0; start < images.count; start += BATCH) {
    const end = Math.min(images.count, start + BATCH);
    const input = images.images.subarray(start * size, end * size);
    // Read the output outside tidy: tidy walks every element of a typed array it returns.
    const prediction = tf.tidy(() =>
      model.predict(tf.tensor2d(input, [end - start, size]), {
        batchSize: BATCH,
      }) as tf.Tensor
    );
    const output = prediction.dataSync() as Float32Array;
    prediction.dispose();
    visit(start, input, output);
  }
}

/**
 * Measures how well `model` reconstructs `images`. With `withCrossEntropy`
 * false the cross-entropy (two logarithms per pixel) is skipped and is NaN.
 */
export function reconstructionStats(
  model: tf.LayersModel,
  images: ImageSet,
  classCount: number,
  withCrossEntropy = true,
): ReconstructionStats {
  const size = images.height * images.width;
  const classSums = new Float64Array(classCount);
  const classCounts = new Float64Array(classCount);
  let squared = 0;
  let crossEntropy = 0;

  forEachBatch(model, images, (start, input, output) => {
    for (let row = 0; row * size < input.length; row++) {
      let rowSquared = 0;
      for (let j = row * size; j < (row + 1) * size; j++) {
        const target = input[j];
        const prediction = Math.min(1 - EPSILON, Math.max(EPSILON, output[j]));
        const difference = output[j] - target;
        rowSquared += difference * difference;
        if (withCrossEntropy) {
          crossEntropy -= target * Math.log(prediction) +
            (1 - target) * Math.log(1 - prediction);
        }
      }
      squared += rowSquared;
      const label = images.labels[start + row];
      classSums[label] += rowSquared;
      classCounts[label] += 1;
    }
  });

  return {
    mse: squared / (images.count * size),
    crossEntropy: withCrossEntropy ? crossEntropy / (images.count * size) : NaN,
    perClassMse: Array.from(
      classSums,
      (sum, label) => sum / (classCounts[label] * size),
    ),
  };
}

/** Returns the output of `model` for every image, `[count, outputs]` row-major. */
export function predictAll(
  model: tf.LayersModel,
  images: ImageSet,
): Float32Array {
  const outputs = (model.outputs[0].shape[1] ?? 0) as number;
  const result = new Float32Array(images.count * outputs);
  forEachBatch(
    model,
    images,
    (start, _input, output) => result.set(output, start * outputs),
  );
  return result;
}
