/**
 * The machine-readable record of a run, written as metrics.json beside the
 * report.
 *
 * @module
 */

import type { DataFile, EpochRecord } from "../types.ts";
import type { DecoderError } from "./explorer/pack.ts";
import type {
  EmbeddingSummary,
  ExperimentReport,
  ReportInput,
} from "./types.ts";

/** Contents of metrics.json, with camelCase keys. Every MSE is per pixel, with pixels in [0, 1]. */
export interface MetricsJson {
  /** Time the report was written, ISO 8601 in UTC. */
  generatedAt: string;
  dataset: {
    name: string;
    source: string;
    classNames: string[];
    height: number;
    width: number;
    train: { count: number };
    test: { count: number };
    files: DataFile[];
  };
  config: ReportInput["config"];
  pca: ReportInput["pca"] & {
    /** kNN accuracy (k = 5) of PCA's 2-D test codes, when the input measured it. */
    knnAccuracy?: number;
    /** Trustworthiness (k = 10) of PCA's 2-D codes of the first 1000 test images, when measured. */
    trustworthiness?: number;
    /** PCA with 30 components, from the experiment whose PCA baseline has 30 components, when one ran. */
    components30?: {
      trainMse: number;
      testMse: number;
      testSsePerImage: number;
    };
  };
  meanImage: ReportInput["meanImage"];
  autoencoder: {
    parameters: number;
    trainMse: number;
    testMse: number;
    belowPcaEpoch: number | null;
    epochs: EpochRecord[];
  };
  scatter: { description: string; count: number };
  reconstructions: { count: number };
  environment: ReportInput["environment"];
  /** Wall-clock seconds per phase, `rendering` included. */
  phaseSeconds: Record<string, number>;
  /** The run's manifest (configuration, data and model hashes), when the caller supplied one. */
  run?: ReportInput["run"];
  /** Embedding quality of the main figure's PCA and autoencoder, when measured. */
  embedding?: { pca: EmbeddingSummary; autoencoder: EmbeddingSummary };
  /** Final losses of every seed (the first is the figures' model), with their median and range. */
  repeats?: {
    runs: { seed: number; loss: number; valLoss: number }[];
    median: { loss: number; valLoss: number };
    range: {
      loss: { min: number; max: number };
      valLoss: { min: number; max: number };
    };
  };
  /** One entry per named experiment, in the order they ran; empty when none ran. */
  experiments: ExperimentMetrics[];
  /**
   * The page explorer's decoder: its storage and its measured absolute
   * pixel error against the float32 decoder on the scatter sample's
   * autoencoder codes. Null for a report without decoder weights.
   */
  explorer: {
    decoderPrecision: string;
    maxAbsError: number;
    meanAbsError: number;
    codes: number;
  } | null;
}

/** One named experiment in metrics.json. */
export interface ExperimentMetrics {
  name: string;
  description: string;
  notes: string;
  layerSizes: number[];
  activation: string;
  outputActivation: string;
  codeSize: number;
  parameters: number;
  /** Number of training epochs (fine-tuning epochs after any pretraining). */
  epochs: number;
  /** Per-epoch records of the training. */
  history: EpochRecord[];
  trainMse: number;
  testMse: number;
  trainCrossEntropy: number;
  testCrossEntropy: number;
  testSsePerImage: number;
  knnAccuracy: number | null;
  trustworthiness: number | null;
  perClassMse: number[];
  seconds: number;
  pretraining: ExperimentReport["pretraining"];
  /** Components of the experiment's PCA baseline (its code size unless the experiment file sets another). */
  pcaComponents: number;
  pcaTrainMse: number;
  pcaTestMse: number;
  pcaTestSsePerImage: number;
  pcaKnnAccuracy: number | null;
  pcaTrustworthiness: number | null;
  /** Test MSE above (positive) or below PCA's, in percent of PCA's. */
  gapToPcaPercent: number;
  reused: boolean;
  run: Record<string, unknown>;
}

/**
 * Builds the metrics.json record; `phaseSeconds` must already contain
 * `rendering`, and `decoderError` is the explorer's measured error or null.
 */
export function buildMetricsJson(
  input: ReportInput,
  phaseSeconds: Record<string, number>,
  generatedAt: Date,
  decoderError: DecoderError | null = null,
): MetricsJson {
  const { dataset, autoencoder } = input;

  return {
    generatedAt: generatedAt.toISOString(),
    dataset: {
      name: dataset.name,
      source: dataset.source,
      classNames: [...dataset.classNames],
      height: dataset.height,
      width: dataset.width,
      train: { count: dataset.trainCount },
      test: { count: dataset.testCount },
      files: dataset.files.map((file) => ({ ...file })),
    },
    ...(input.run ? { run: structuredClone(input.run) } : {}),
    config: { ...input.config, layerSizes: [...input.config.layerSizes] },
    pca: pcaMetrics(input),
    meanImage: { ...input.meanImage },
    autoencoder: {
      parameters: autoencoder.parameters,
      trainMse: autoencoder.trainMse,
      testMse: autoencoder.testMse,
      belowPcaEpoch: autoencoder.belowPcaEpoch,
      epochs: autoencoder.epochs.map(({ epoch, loss, valLoss, seconds }) => ({
        epoch,
        loss,
        valLoss,
        seconds,
      })),
    },
    scatter: {
      description: input.scatter.description,
      count: input.scatter.labels.length,
    },
    reconstructions: { count: input.reconstructions.count },
    environment: { ...input.environment },
    phaseSeconds: { ...phaseSeconds },
    ...(input.embedding ? { embedding: structuredClone(input.embedding) } : {}),
    ...(input.repeats && input.repeats.length > 0
      ? { repeats: repeatsMetrics(input.repeats) }
      : {}),
    experiments: (input.experiments ?? []).map(experimentMetrics),
    explorer: decoderError
      ? {
        decoderPrecision: DECODER_PRECISION,
        maxAbsError: decoderError.max,
        meanAbsError: decoderError.mean,
        codes: decoderError.codes,
      }
      : null,
  };
}

function pcaMetrics(input: ReportInput): MetricsJson["pca"] {
  const pca: MetricsJson["pca"] = {
    ...input.pca,
    explainedVarianceRatio: [...input.pca.explainedVarianceRatio],
  };
  if (input.embedding) {
    pca.knnAccuracy = input.embedding.pca.knnAccuracy;
    pca.trustworthiness = input.embedding.pca.trustworthiness;
  }

  const with30 = input.experiments?.find((experiment) =>
    experiment.pca.components === 30
  );
  if (with30) {
    pca.components30 = {
      trainMse: with30.pca.trainMse,
      testMse: with30.pca.testMse,
      testSsePerImage: with30.pca.testSsePerImage,
    };
  }

  return pca;
}

/** Returns the final losses of every seed with their median and range. `repeats` must not be empty. */
export function repeatsMetrics(
  repeats: NonNullable<ReportInput["repeats"]>,
): NonNullable<MetricsJson["repeats"]> {
  const losses = repeats.map((repeat) => repeat.loss);
  const valLosses = repeats.map((repeat) => repeat.valLoss);

  return {
    runs: repeats.map(({ seed, loss, valLoss }) => ({ seed, loss, valLoss })),
    median: { loss: median(losses), valLoss: median(valLosses) },
    range: {
      loss: { min: Math.min(...losses), max: Math.max(...losses) },
      valLoss: { min: Math.min(...valLosses), max: Math.max(...valLosses) },
    },
  };
}

/** Returns the median, the mean of the two middle values for an even count. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function experimentMetrics(experiment: ExperimentReport): ExperimentMetrics {
  return {
    name: experiment.name,
    description: experiment.description,
    notes: experiment.notes,
    layerSizes: [...experiment.layerSizes],
    activation: experiment.activation,
    outputActivation: experiment.outputActivation,
    codeSize: experiment.codeSize,
    parameters: experiment.parameters,
    epochs: experiment.epochs.length,
    history: experiment.epochs.map(({ epoch, loss, valLoss, seconds }) => ({
      epoch,
      loss,
      valLoss,
      seconds,
    })),
    trainMse: experiment.trainMse,
    testMse: experiment.testMse,
    trainCrossEntropy: experiment.trainCrossEntropy,
    testCrossEntropy: experiment.testCrossEntropy,
    testSsePerImage: experiment.testSsePerImage,
    knnAccuracy: experiment.knnAccuracy,
    trustworthiness: experiment.trustworthiness,
    perClassMse: [...experiment.perClassMse],
    seconds: experiment.seconds,
    pretraining: experiment.pretraining ? { ...experiment.pretraining } : null,
    pcaComponents: experiment.pca.components,
    pcaTrainMse: experiment.pca.trainMse,
    pcaTestMse: experiment.pca.testMse,
    pcaTestSsePerImage: experiment.pca.testSsePerImage,
    pcaKnnAccuracy: experiment.pca.knnAccuracy,
    pcaTrustworthiness: experiment.pca.trustworthiness,
    gapToPcaPercent: experiment.gapToPcaPercent,
    reused: experiment.reused,
    run: structuredClone(experiment.run),
  };
}

/** Storage format of the page's decoder, as metrics.json names it. */
export const DECODER_PRECISION =
  "int16 kernels with one float32 scale per output unit, float32 biases";
