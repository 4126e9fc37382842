/**
 * The machine-readable record of a run, written as metrics.json beside the
 * report.
 *
 * @module
 */

import type { DataFile, EpochRecord } from "../types.ts";
import type { DecoderError } from "./explorer/pack.ts";
import type { ReportInput } from "./types.ts";

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
  pca: ReportInput["pca"];
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
    pca: {
      ...input.pca,
      explainedVarianceRatio: [...input.pca.explainedVarianceRatio],
    },
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

/** Storage format of the page's decoder, as metrics.json names it. */
export const DECODER_PRECISION =
  "int16 kernels with one float32 scale per output unit, float32 biases";
