/**
 * The autoencoder as a TensorFlow.js Layers model: a stack of dense layers
 * with a linear code layer named `bottleneck`.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import {
  type FusedActivation,
  isFusedActivation,
} from "./backend/activations.ts";

/**
 * Architecture of a dense autoencoder.
 *
 * @example
 * ```ts
 * import { Autoencoder, type AutoencoderConfig } from "@hs2006/dimensionality-report";
 *
 * const config: Partial<AutoencoderConfig> = { layerSizes: [784, 256, 2, 256, 784], activation: "relu", seed: 7 };
 * const autoencoder = Autoencoder.create(config);
 * ```
 */
export interface AutoencoderConfig {
  /** Layer sizes from input to output; the smallest one in the middle is the code. Default [784, 512, 128, 2, 128, 512, 784]. */
  layerSizes: number[];
  /** Activation of the hidden layers (default "elu"). */
  activation: FusedActivation;
  /** Activation of the code layer (default "linear"). */
  codeActivation: FusedActivation;
  /** Activation of the output layer (default "sigmoid", pixels are in [0, 1]). */
  outputActivation: FusedActivation;
  /** Seed of the Glorot-uniform kernel initialisation. */
  seed: number;
}

/**
 * The default architecture, as in the Keras reproduction of Hinton & Salakhutdinov (2006).
 *
 * @example
 * ```ts
 * import { Autoencoder, DEFAULT_AUTOENCODER } from "@hs2006/dimensionality-report";
 *
 * console.log(DEFAULT_AUTOENCODER.layerSizes); // [784, 512, 128, 2, 128, 512, 784]
 * const wider = Autoencoder.create({ layerSizes: [784, 1024, 128, 2, 128, 1024, 784] });
 * ```
 */
export const DEFAULT_AUTOENCODER: AutoencoderConfig = {
  layerSizes: [784, 512, 128, 2, 128, 512, 784],
  activation: "elu",
  codeActivation: "linear",
  outputActivation: "sigmoid",
  seed: 0,
};

/** The initialisation of `buildAutoencoder` as the report and metrics.json record it. */
export const INITIALIZER_DESCRIPTION = "Glorot uniform, zero biases";

/** Name of the code layer. */
export const BOTTLENECK = "bottleneck";

/** One dense layer's trainable variables and activation. */
export interface DenseParameters {
  kernel: tf.Variable;
  bias: tf.Variable;
  activation: FusedActivation;
}

/** Index of the code layer among the dense layers: the narrowest layer. */
export function codeLayerIndex(layerSizes: number[]): number {
  let index = 1;
  for (let i = 1; i < layerSizes.length - 1; i++) {
    if (layerSizes[i] < layerSizes[index]) index = i;
  }
  return index - 1;
}

/**
 * Builds the autoencoder with Glorot-uniform kernels (as Keras; tfjs's Dense
 * default is Glorot-normal) and zero biases, seeded per layer from `config.seed`.
 */
export function buildAutoencoder(
  config: Partial<AutoencoderConfig> = {},
): tf.Sequential {
  const full = { ...DEFAULT_AUTOENCODER, ...config };
  const sizes = full.layerSizes;
  if (sizes.length < 3 || sizes[0] !== sizes[sizes.length - 1]) {
    throw new RangeError(
      `Cannot build an autoencoder with layer sizes [${sizes}]: expected at least 3 sizes, the first equal to the last.`,
    );
  }

  const code = codeLayerIndex(sizes);
  const model = tf.sequential({ name: "autoencoder" });
  for (let i = 1; i < sizes.length; i++) {
    const index = i - 1;
    const isOutput = i === sizes.length - 1;
    const activation = isOutput
      ? full.outputActivation
      : index === code
      ? full.codeActivation
      : full.activation;
    model.add(tf.layers.dense({
      units: sizes[i],
      activation,
      name: index === code
        ? BOTTLENECK
        : isOutput
        ? "reconstruction"
        : `dense_${i}`,
      inputShape: i === 1 ? [sizes[0]] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({
        seed: full.seed * 1000 + i,
      }),
      biasInitializer: "zeros",
    }));
  }
  return model;
}

/** Returns the dense layers' variables in order, for the fused trainer. */
export function denseParameters(model: tf.LayersModel): DenseParameters[] {
  return model.layers.map((layer) => {
    const [kernel, bias] = layer.trainableWeights.map((weight) =>
      weight.read() as tf.Variable
    );
    const activation = String(layer.getConfig().activation);
    if (kernel == null || bias == null || !isFusedActivation(activation)) {
      throw new TypeError(
        `Cannot train layer "${layer.name}" with the fused kernels: expected a dense layer with a bias and ` +
          `a linear, relu, elu or sigmoid activation, found activation "${activation}".`,
      );
    }
    return { kernel, bias, activation };
  });
}

/** Number of trainable parameters. */
export function countParameters(model: tf.LayersModel): number {
  return model.countParams();
}

/** Returns the layers up to and including the bottleneck, as their own model: image → latent code. */
export function encoderOf(model: tf.LayersModel): tf.LayersModel {
  const code = model.getLayer(BOTTLENECK);
  return tf.model({
    inputs: model.inputs,
    outputs: code.output as tf.SymbolicTensor,
    name: "encoder",
  });
}

/** Returns the layers after the bottleneck, as their own model sharing the weights: latent code → reconstruction. */
export function decoderOf(model: tf.LayersModel): tf.LayersModel {
  const codeIndex = model.layers.findIndex((layer) =>
    layer.name === BOTTLENECK
  );
  const codeSize = (model.layers[codeIndex].outputShape as number[])[1];
  const input = tf.input({ shape: [codeSize], name: "latent_code" });
  let output: tf.SymbolicTensor = input;
  for (const layer of model.layers.slice(codeIndex + 1)) {
    output = layer.apply(output) as tf.SymbolicTensor;
  }
  return tf.model({ inputs: input, outputs: output, name: "decoder" });
}
