/**
 * Loading a finished report's saved model, so that new images can be encoded
 * to latent codes (and codes decoded to images) from a user's own script.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { MODEL_DIR } from "./manifest.ts";
import { loadModel } from "./model_io.ts";

/** A report folder's trained models and its metrics.json. */
export interface SavedRun {
  /** The whole autoencoder: image → reconstruction. */
  autoencoder: tf.LayersModel;
  /** Image → latent code. */
  encoder: tf.LayersModel;
  /** Latent code → image. */
  decoder: tf.LayersModel;
  /** The parsed metrics.json of the run. */
  metrics: Record<string, unknown>;
  /** Number of pixels per image the model expects. */
  pixels: number;
  /** Size of the latent code. */
  codeSize: number;
  /** Encodes `count` images (`[count, pixels]`, values in [0, 1]) to codes, `[count, codeSize]`. */
  encode(images: Float32Array, count: number): Float32Array;
  /** Decodes `count` codes (`[count, codeSize]`) to images, `[count, pixels]`. */
  decode(codes: Float32Array, count: number): Float32Array;
}

function run(
  model: tf.LayersModel,
  values: Float32Array,
  count: number,
  width: number,
): Float32Array {
  if (values.length !== count * width) {
    throw new RangeError(
      `Expected ${count} x ${width} = ${
        count * width
      } values, found ${values.length}.`,
    );
  }
  // Read the output outside tidy: tidy walks every element of a typed array it returns.
  const prediction = tf.tidy(() =>
    model.predict(tf.tensor2d(values, [count, width]), {
      batchSize: 1000,
    }) as tf.Tensor
  );
  const output = prediction.dataSync() as Float32Array;
  prediction.dispose();
  return output;
}

/**
 * Loads the models saved in a report folder written by `deno task report`
 * (its `model/` folder) and the run's metrics.json. A tfjs backend must be
 * set first, for example with `setupBackend()`.
 */
export async function loadSavedRun(reportDir: string): Promise<SavedRun> {
  const [autoencoder, encoder, decoder] = await Promise.all(
    ["autoencoder", "encoder", "decoder"].map((name) =>
      loadModel(join(reportDir, MODEL_DIR, name))
    ),
  );
  const metrics = JSON.parse(
    await Deno.readTextFile(join(reportDir, "metrics.json")),
  );
  const pixels = (encoder.inputs[0].shape[1] ?? 0) as number;
  const codeSize = (decoder.inputs[0].shape[1] ?? 0) as number;

  return {
    autoencoder,
    encoder,
    decoder,
    metrics,
    pixels,
    codeSize,
    encode: (images, count) => run(encoder, images, count, pixels),
    decode: (codes, count) => run(decoder, codes, count, codeSize),
  };
}
