/**
 * The measured results that the report renders, assembled by main.ts.
 *
 * @module
 */

import type { ExperimentTranslations } from "../experiments.ts";
import type { ScatterProtocol } from "../sample.ts";
import type { DataFile, EpochRecord } from "../types.ts";

/**
 * 2-D codes of the scatter sample, one row per image.
 *
 * @example
 * ```ts
 * import { runReproduction, type ScatterSample } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 2000, epochs: 1 });
 * const scatter: ScatterSample = input.scatter;
 * console.log(scatter.description, scatter.autoencoder.slice(0, 2)); // first point's code
 * ```
 */
export interface ScatterSample {
  /** Label of each image in the sample. */
  labels: Uint8Array;
  /** PCA codes, `[count, 2]` row-major. */
  pca: Float32Array;
  /** Autoencoder latent codes (bottleneck activations), `[count, 2]` row-major. */
  autoencoder: Float32Array;
  /** Description of how the sample was drawn, e.g. "first 5000 training images". */
  description: string;
  /**
   * Protocol that drew the sample, so that a report in another language can
   * word it. Without it, the report shows `description`.
   */
  protocol?: ScatterProtocol;
  /**
   * The sample's images, `[count, height * width]` in [0, 1], for the
   * page's point tooltips; without them the tooltips show only the class.
   */
  images?: Float32Array;
}

/**
 * Images shown in the reconstruction grid, each `[count, height * width]` in [0, 1].
 *
 * @example
 * ```ts
 * import { type ReconstructionSample, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 2000, epochs: 1 });
 * const grid: ReconstructionSample = input.reconstructions;
 * console.log(grid.count, grid.autoencoder.length / grid.count); // 10 images of 784 pixels
 * ```
 */
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

/**
 * One dense layer's float32 weights, as the trained model stores them.
 *
 * @example
 * ```ts
 * import { type DenseLayerWeights, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 2000, epochs: 1 });
 * const layers: DenseLayerWeights[] = input.explorer?.decoder ?? [];
 * console.log(layers.map((layer) => `${layer.units} ${layer.activation}`)); // 128 elu, 512 elu, 784 sigmoid
 * ```
 */
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

/**
 * Data the page's latent-space explorer needs to decode points of the 2-D planes.
 *
 * @example
 * ```ts
 * import { type ExplorerData, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 2000, epochs: 1 });
 * const explorer: ExplorerData | undefined = input.explorer;
 * console.log(explorer?.pca.mean.length); // 784
 * ```
 */
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

/**
 * PCA with as many components as an experiment's code, as the experiment's baseline.
 *
 * @example
 * ```ts
 * import { type PcaBaseline, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ experiments: ["code30"] });
 * const baseline: PcaBaseline | undefined = input.experiments?.[0].pca;
 * console.log(baseline?.components, baseline?.testMse); // PCA with 30 components
 * ```
 */
export interface PcaBaseline {
  /** Number of principal components. */
  components: number;
  /** MSE per pixel on the training split. */
  trainMse: number;
  /** MSE per pixel on the test split. */
  testMse: number;
  /** Squared error summed over the pixels, averaged over test images (MSE times pixels), as Hinton & Salakhutdinov report. */
  testSsePerImage: number;
  /** kNN accuracy (k = 5) of the 2-D test codes, or null for other code sizes. */
  knnAccuracy: number | null;
  /** Trustworthiness (k = 10) on the first 1000 test images, or null for codes that are not 2-D. */
  trustworthiness: number | null;
}

/**
 * The measured results of one named experiment (experiments/*.json).
 *
 * @example
 * ```ts
 * import { type ExperimentReport, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ experiments: ["linear"] });
 * const [linear]: ExperimentReport[] = input.experiments ?? [];
 * console.log(linear.name, linear.testMse, linear.gapToPcaPercent);
 * ```
 */
export interface ExperimentReport {
  /** Experiment name, as its file experiments/<name>.json. */
  name: string;
  /** One-sentence description from the file. */
  description: string;
  /** Reasons for the chosen settings. */
  notes: string;
  /** `description` and `notes` in other report languages; a report in a language missing here shows the English ones. */
  translations?: ExperimentTranslations;
  /** Layer sizes from input to output. */
  layerSizes: number[];
  /** Activation of the hidden layers. */
  activation: string;
  /** Activation of the output layer. */
  outputActivation: string;
  /** Size of the code (latent) layer. */
  codeSize: number;
  /** Number of trainable parameters. */
  parameters: number;
  /** Per-epoch records of the training. */
  epochs: EpochRecord[];
  /** MSE per pixel on the training split after training. */
  trainMse: number;
  /** MSE per pixel on the test split after training. */
  testMse: number;
  /** Binary cross-entropy per pixel on the training split (the 2006 paper's fine-tuning loss). */
  trainCrossEntropy: number;
  /** Binary cross-entropy per pixel on the test split. */
  testCrossEntropy: number;
  /** Squared error summed over the pixels, averaged over test images (MSE times pixels). */
  testSsePerImage: number;
  /** kNN accuracy (k = 5) of the 2-D test codes, or null for other code sizes. */
  knnAccuracy: number | null;
  /** Trustworthiness (k = 10) on the first 1000 test images, or null for codes that are not 2-D. */
  trustworthiness: number | null;
  /** Test MSE per pixel of each class, indexed by label. */
  perClassMse: number[];
  /** Training seconds (pretraining included), as measured when the model was trained. */
  seconds: number;
  /** RBM pretraining: its epochs per RBM and seconds (null when the model was reused), or null without pretraining. */
  pretraining: { epochs: number; seconds: number | null } | null;
  /** PCA with as many components as the code. */
  pca: PcaBaseline;
  /** How far the test MSE is above (positive) or below PCA's, in percent of PCA's. */
  gapToPcaPercent: number;
  /** Codes of the scatter sample, `[count, 2]`, or null when the code is not 2-D. */
  scatter: Float32Array | null;
  /** Reconstructions of the grid's images, `[count, height * width]`. */
  reconstructions: Float32Array;
  /** Whether the model was loaded from the earlier report instead of trained. */
  reused: boolean;
  /** The experiment's run manifest for metrics.json. */
  run: Record<string, unknown>;
}

/**
 * kNN accuracy, trustworthiness and per-class errors of the main figure's two embeddings.
 *
 * @example
 * ```ts
 * import { type EmbeddingSummary, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 2000, epochs: 1 });
 * const summary: EmbeddingSummary | undefined = input.embedding?.autoencoder;
 * console.log(summary?.knnAccuracy, summary?.trustworthiness);
 * ```
 */
export interface EmbeddingSummary {
  /** kNN accuracy (k = 5) of the 2-D test codes, fitted on the training codes. */
  knnAccuracy: number;
  /** Trustworthiness (k = 10) on the first 1000 test images. */
  trustworthiness: number;
  /** Test MSE per pixel of each class, indexed by label. */
  perClassMse: number[];
}

/**
 * Everything the report shows; every number is measured in the run that made it.
 *
 * @example Save the measured results as JSON
 * ```ts
 * import { type ReportInput, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const input: ReportInput = (await runReproduction({ trainSize: 2000, epochs: 1 })).input;
 * await Deno.writeTextFile("results.json", JSON.stringify({ pca: input.pca, autoencoder: input.autoencoder }));
 * ```
 */
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
  /** Embedding quality of PCA and the autoencoder of the main figure. */
  embedding?: { pca: EmbeddingSummary; autoencoder: EmbeddingSummary };
  /** Final losses of every seed with --repeats (the first one is the figures' model). */
  repeats?: { seed: number; loss: number; valLoss: number }[];
  /** Named experiments run with --experiment, in order. */
  experiments?: ExperimentReport[];
  /** Decoder weights and PCA basis for the interactive explorer; absent in reports made without them. */
  explorer?: ExplorerData;
  /** Wall-clock seconds of each phase measured before rendering: load, pca, training. */
  phaseSeconds: Record<string, number>;
}
