/**
 * The autoencoder of the public API: build, train, evaluate, encode, decode,
 * save and load, on plain typed arrays. The TensorFlow.js Layers model behind
 * it stays internal, so that the library's documented types do not depend on
 * tfjs's.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { activeBackend } from "./backend/mod.ts";
import {
  type AutoencoderConfig,
  BOTTLENECK,
  buildAutoencoder,
  decoderOf,
  encoderOf,
} from "./model.ts";
import { loadModel, saveModel } from "./model_io.ts";
import { evaluateMse, trainAutoencoder, type TrainOptions } from "./train.ts";
import type { EpochRecord, ImageSet } from "./types.ts";

/** Images or codes per forward pass in `encode`, `decode` and `reconstruct`. */
const PREDICT_BATCH = 2000;

/** Set in Autoencoder's static block: wraps a Layers model without a public constructor taking tfjs types. */
let wrap: (model: tf.LayersModel) => Autoencoder;

/** Set in Autoencoder's static block: the Layers model behind an Autoencoder. */
let unwrap: (autoencoder: Autoencoder) => tf.LayersModel;

/**
 * A dense autoencoder: image → latent code → reconstruction. Create one with
 * `Autoencoder.create` or `Autoencoder.load`; a tfjs backend must be set up
 * first (`setupBackend()`). Images are row-major `Float32Array`s of
 * `[count, pixels]` values in [0, 1]; codes are `[count, codeSize]`.
 *
 * @example Train on 1000 MNIST images and encode the test images
 * ```ts
 * import { Autoencoder, loadDataset, setupBackend } from "@hs2006/dimensionality-report";
 *
 * await setupBackend();
 * const { train, test } = await loadDataset({ trainSize: 1000 });
 * const autoencoder = Autoencoder.create({ seed: 1 });
 * autoencoder.train(train, test, { epochs: 1 });
 * const codes = autoencoder.encode(test.images, test.count); // [count, 2]
 * autoencoder.dispose();
 * ```
 */
export class Autoencoder {
  #model: tf.LayersModel;
  #encoder: tf.LayersModel | null = null;
  #decoder: tf.LayersModel | null = null;

  private constructor(model: tf.LayersModel) {
    this.#model = model;
  }

  static {
    wrap = (model) => new Autoencoder(model);
    unwrap = (autoencoder) => autoencoder.#model;
  }

  /**
   * Builds a new autoencoder with Glorot-uniform kernels and zero biases.
   * Fields missing from `config` take the values of `DEFAULT_AUTOENCODER`.
   *
   * @throws {RangeError} when the layer sizes do not describe an autoencoder.
   * @throws {Error} when `setupBackend` has not run.
   *
   * @example A 30-dimensional code, as in Hinton & Salakhutdinov's MNIST figure
   * ```ts ignore
   * const autoencoder = Autoencoder.create({ layerSizes: [784, 1000, 500, 250, 30, 250, 500, 1000, 784] });
   * console.log(autoencoder.codeSize); // 30
   * ```
   */
  static create(config: Partial<AutoencoderConfig> = {}): Autoencoder {
    requireBackend("Autoencoder.create()");
    return new Autoencoder(buildAutoencoder(config));
  }

  /**
   * Loads an autoencoder saved by `save`, or a report's `model/autoencoder`
   * folder written by `deno task report`.
   *
   * @throws {Error} naming the missing or invalid `model.json`.
   *
   * @example
   * ```ts ignore
   * const autoencoder = await Autoencoder.load("reports/latest/model/autoencoder");
   * ```
   */
  static async load(dir: string): Promise<Autoencoder> {
    requireBackend("Autoencoder.load()");
    const model = await loadModel(dir);
    if (!model.layers.some((layer) => layer.name === BOTTLENECK)) {
      model.dispose();
      throw new TypeError(
        `The model in "${dir}" has no layer named "${BOTTLENECK}": ` +
          `point to a model/autoencoder folder written by deno task report.`,
      );
    }
    return new Autoencoder(model);
  }

  /**
   * Layer sizes from input to output, the input size first.
   *
   * @example
   * ```ts ignore
   * Autoencoder.create().layerSizes; // [784, 512, 128, 2, 128, 512, 784]
   * ```
   */
  get layerSizes(): number[] {
    return [
      this.pixels,
      ...this.#model.layers.map((layer) => (layer.outputShape as number[])[1]),
    ];
  }

  /**
   * Values per input image.
   *
   * @example
   * ```ts ignore
   * Autoencoder.create().pixels; // 784
   * ```
   */
  get pixels(): number {
    return this.#model.inputs[0].shape[1] as number;
  }

  /**
   * Size of the latent code.
   *
   * @example
   * ```ts ignore
   * Autoencoder.create().codeSize; // 2
   * ```
   */
  get codeSize(): number {
    const code = this.#model.getLayer(BOTTLENECK);
    return (code.outputShape as number[])[1];
  }

  /**
   * Number of trainable parameters (kernels and biases).
   *
   * @example
   * ```ts ignore
   * Autoencoder.create().parameterCount; // 936466
   * ```
   */
  get parameterCount(): number {
    return this.#model.countParams();
  }

  /**
   * Trains the autoencoder to reconstruct `train.images` with Adam on the MSE,
   * validating on `validation` after each epoch, and returns one record per
   * epoch. The engine defaults to the one `setupBackend` chose.
   *
   * @throws {NonFiniteLossError} when a batch loss is NaN or infinite.
   *
   * @example
   * ```ts ignore
   * const history = autoencoder.train(train, test, { epochs: 2, seed: 0 });
   * console.log(history.at(-1)?.valLoss);
   * ```
   */
  train(
    train: ImageSet,
    validation: ImageSet,
    options: TrainOptions = {},
  ): EpochRecord[] {
    return trainAutoencoder(this.#model, train, validation, {
      engine: activeBackend()?.engine,
      ...options,
    });
  }

  /**
   * Returns the MSE per pixel between `images` and their reconstructions.
   *
   * @example
   * ```ts ignore
   * console.log("test MSE", autoencoder.evaluate(test));
   * ```
   */
  evaluate(images: ImageSet): number {
    return evaluateMse(this.#model, images, activeBackend()?.engine);
  }

  /**
   * Encodes `count` images (`[count, pixels]`) to latent codes (`[count, codeSize]`).
   *
   * @throws {RangeError} when `images` does not contain `count × pixels` values.
   *
   * @example
   * ```ts ignore
   * const codes = autoencoder.encode(test.images, test.count);
   * ```
   */
  encode(images: Float32Array, count: number): Float32Array {
    this.#encoder ??= encoderOf(this.#model);
    return predict(this.#encoder, images, count, this.pixels);
  }

  /**
   * Decodes `count` latent codes (`[count, codeSize]`) to images (`[count, pixels]`).
   *
   * @throws {RangeError} when `codes` does not contain `count × codeSize` values.
   *
   * @example Decode the origin of the 2-D code plane
   * ```ts ignore
   * const image = autoencoder.decode(new Float32Array([0, 0]), 1); // 784 values
   * ```
   */
  decode(codes: Float32Array, count: number): Float32Array {
    this.#decoder ??= decoderOf(this.#model);
    return predict(this.#decoder, codes, count, this.codeSize);
  }

  /**
   * Reconstructs `count` images (`[count, pixels]`): encode, then decode.
   *
   * @throws {RangeError} when `images` does not contain `count × pixels` values.
   *
   * @example
   * ```ts ignore
   * const reconstructions = autoencoder.reconstruct(test.images.subarray(0, 10 * 784), 10);
   * ```
   */
  reconstruct(images: Float32Array, count: number): Float32Array {
    return predict(this.#model, images, count, this.pixels);
  }

  /**
   * Writes the autoencoder into `dir` (created if missing) in the TensorFlow.js
   * Layers format: `model.json` and `weights.bin`.
   *
   * @example
   * ```ts ignore
   * await autoencoder.save("models/mnist-2d");
   * ```
   */
  async save(dir: string): Promise<void> {
    await saveModel(this.#model, dir);
  }

  /**
   * Frees the weights' memory; the autoencoder cannot be used afterwards.
   *
   * @example
   * ```ts ignore
   * autoencoder.dispose();
   * ```
   */
  dispose(): void {
    this.#model.dispose();
    this.#encoder = null;
    this.#decoder = null;
  }
}

/**
 * Throws unless `setupBackend` has run: without it tfjs fails deep inside
 * with a message about `tf.ready()` that names none of this library's calls.
 */
export function requireBackend(call: string): void {
  if (activeBackend() == null) {
    throw new Error(
      `${call} needs a backend: call "await setupBackend()" first.`,
    );
  }
}

/** Runs `model` on `count` rows of `width` values, in batches, and returns its output. */
function predict(
  model: tf.LayersModel,
  values: Float32Array,
  count: number,
  width: number,
): Float32Array {
  if (
    !Number.isInteger(count) || count < 0 || values.length !== count * width
  ) {
    throw new RangeError(
      `Expected ${count} × ${width} = ${
        count * width
      } values, found ${values.length}: ` +
        `pass a row-major Float32Array of ${width} values per row.`,
    );
  }
  if (count === 0) return new Float32Array(0);

  // Read the output outside tidy: tidy walks every element of a typed array it returns.
  const output = tf.tidy(() =>
    model.predict(tf.tensor2d(values, [count, width]), {
      batchSize: PREDICT_BATCH,
    }) as tf.Tensor
  );
  const result = output.dataSync() as Float32Array;
  output.dispose();
  return result;
}

/** Wraps a Layers model built by `buildAutoencoder` or loaded by `loadModel`. */
export function autoencoderOf(model: tf.LayersModel): Autoencoder {
  return wrap(model);
}

/** Returns the Layers model behind `autoencoder`, for the pipeline's internals. */
export function layersModelOf(autoencoder: Autoencoder): tf.LayersModel {
  return unwrap(autoencoder);
}
