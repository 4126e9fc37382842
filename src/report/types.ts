/**
 * The measured results that the report renders, assembled by main.ts.
 *
 * @module
 */

import type { DataFile, EpochRecord } from "../types.ts";

/** 2-D codes of the scatter sample, one row per image. */
export interface ScatterSample {
  /** Label of each image in the sample. */
  labels: Uint8Array;
  /** PCA codes, `[count, 2]` row-major. */
  pca: Float32Array;
  /** Autoencoder latent codes (bottleneck activations), `[count, 2]` row-major. */
  autoencoder: Float32Array;
  /** How the sample was drawn, e.g. "first 5000 training images". */
  description: string;
}

/** Images shown in the reconstruction grid, each `[count, height * width]` in [0, 1]. */
export interface ReconstructionSample {
  /** Number of images (columns of the grid). */
  count: number;
  /** Original images. */
  original: Float32Array;
  /** PCA reconstructions. */
  pca: Float32Array;
  /** Autoencoder reconstructions. */
  autoencoder: Float32Array;
}

/** One dense layer's float32 weights, as the trained model holds them. */
export interface DenseLayerWeights {
  /** Output units. */
  units: number;
  /** Activation: "linear", "relu", "elu" or "sigmoid". */
  activation: string;
  /** Kernel, `[inputs, units]` row-major. */
  kernel: Float32Array;
  /** Bias, length `units`. */
  bias: Float32Array;
}

/** What the page's latent-space explorer needs to decode points of the 2-D planes. */
export interface ExplorerData {
  /** The autoencoder's decoder: dense layers from the 2-D code to the image. */
  decoder: DenseLayerWeights[];
  /** PCA's inverse projection: image = mean + code · components. */
  pca: {
    /** Mean training image, length `height * width`. */
    mean: Float32Array;
    /** The 2 principal directions, `[2, height * width]`. */
    components: Float32Array;
  };
}

/** Everything the report shows; every number is measured in the run that made it. */
export interface ReportInput {
  /** Dataset facts. */
  dataset: {
    name: string;
    classNames: string[];
    source: string;
    height: number;
    width: number;
    trainCount: number;
    testCount: number;
    files: DataFile[];
  };
  /** Training configuration that was actually used. */
  config: {
    epochs: number;
    batchSize: number;
    learningRate: number;
    seed: number;
    trainSize: number;
    /** Layer sizes from input to output, e.g. [784, 512, 128, 2, 128, 512, 784]. */
    layerSizes: number[];
    activation: string;
    outputActivation: string;
    optimizer: string;
    kernelInitializer: string;
  };
  /** PCA with 2 components fitted on the training split. */
  pca: {
    trainMse: number;
    testMse: number;
    /** Fraction of the total variance each of the 2 components explains. */
    explainedVarianceRatio: number[];
  };
  /** Predicting the mean training image for every input: a model at or above this learned nothing. */
  meanImage: { trainMse: number; testMse: number };
  /** The trained autoencoder. */
  autoencoder: {
    parameters: number;
    epochs: EpochRecord[];
    /** MSE per pixel on the full training split after training (evaluated, not running mean). */
    trainMse: number;
    /** MSE per pixel on the test split after training. */
    testMse: number;
    /** First epoch whose validation loss fell below PCA's test MSE, or null if none did. */
    belowPcaEpoch: number | null;
  };
  /** Scatter sample of 2-D codes. */
  scatter: ScatterSample;
  /** Reconstruction grid sample. */
  reconstructions: ReconstructionSample;
  /** Software and hardware facts: Deno, tfjs, backend, SIMD, threads, BLAS library, CPU. */
  environment: Record<string, string | number | boolean | null>;
  /** The run's manifest for metrics.json: configuration, data and model hashes, versions (JSON values only). */
  run?: Record<string, unknown>;
  /** Decoder weights and PCA basis for the interactive explorer; absent in reports made without them. */
  explorer?: ExplorerData;
  /** Wall-clock seconds of each phase measured before rendering: load, pca, training. */
  phaseSeconds: Record<string, number>;
}
