/**
 * One run of the reproduction: load the data, fit PCA, train the autoencoder
 * (and any named experiments) and measure everything the report shows.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import {
  type Accel,
  type Backend,
  type BackendInfo,
  startBackend,
} from "./backend/mod.ts";
import type { DatasetName } from "./data/classes.ts";
import { ADAM_DESCRIPTION } from "./adam.ts";
import { loadDataset } from "./data/sources.ts";
import { type Autoencoder, autoencoderOf } from "./autoencoder.ts";
import {
  embeddingQuality,
  experimentSpec,
  runExperiment,
} from "./experiment_run.ts";
import { listExperiments, loadExperiment } from "./experiments.ts";
import { predictAll, reconstructionStats } from "./evaluate.ts";
import {
  constantPredictionMse,
  firstEpochBelow,
  meanImage,
} from "./metrics.ts";
import { MODEL_DIR } from "./manifest.ts";
import {
  BOTTLENECK,
  DEFAULT_AUTOENCODER,
  encoderOf,
  INITIALIZER_DESCRIPTION,
} from "./model.ts";
import {
  fitPca,
  pcaDecode,
  pcaEncode,
  type PcaModel,
  pcaReconstructionMse,
  pcaSolvers,
} from "./pca.ts";
import { type Gemm, jsGemm } from "./rbm.ts";
import type {
  DenseLayerWeights,
  ExperimentReport,
  ReportInput,
} from "./report/types.ts";
import {
  firstImages,
  scatterIndices,
  type ScatterProtocol,
  selectImages,
} from "./sample.ts";
import type { BatchProgress } from "./train.ts";
import { type ModelSpec, trainOrReuse } from "./trained_model.ts";
import type { Dataset, EpochRecord, ImageSet } from "./types.ts";

export { checkpointPathFor } from "./trained_model.ts";

/**
 * Options of one run; every field has the documented default of `deno task report`.
 *
 * @example
 * ```ts
 * import { runReproduction, type RunOptions } from "@hs2006/dimensionality-report";
 *
 * const options: RunOptions = {
 *   epochs: 10,
 *   seed: 1,
 *   onEpochEnd: (record, epochs) => console.log(`epoch ${record.epoch}/${epochs}: ${record.valLoss}`),
 * };
 * const result = await runReproduction(options);
 * ```
 */
export interface RunOptions {
  /** Passes over the training images (default 5). */
  epochs?: number;
  /** Images per Adam step (default 128). */
  batchSize?: number;
  /** Adam's step size (default 0.001). */
  learningRate?: number;
  /** Seed of the weight initialisation and the shuffling (default 0). */
  seed?: number;
  /** Folder of IDX files; default: the dataset's bundled or system copy. */
  dataDir?: string;
  /** Dataset whose class names and default folder to use (default "mnist"). */
  dataset?: DatasetName;
  /** First N training images only; default: all. */
  trainSize?: number;
  /** Acceleration path (default "auto"). */
  accel?: Accel;
  /** Report folder: where an earlier run's saved model is looked for, and beside which the checkpoint is kept. */
  outDir?: string;
  /** Train even when the report folder contains a model trained the same way. */
  retrain?: boolean;
  /** Continue an interrupted run from its checkpoint. */
  resume?: boolean;
  /** Models trained with consecutive seeds; the first one's figures are shown (default 1). */
  repeats?: number;
  /** Named experiments to run after the default model, or ["all"]. */
  experiments?: string[];
  /** Scatter sample protocol (default "first"). */
  scatter?: ScatterProtocol;
  /** Images in the scatter sample (default 5000). */
  scatterCount?: number;
  /** Images in the reconstruction grid (default 10, the first training images). */
  gridCount?: number;
  /** Called when a repeat's training starts. */
  onRepeatStart?: (repeat: number, repeats: number, seed: number) => void;
  /** Called with one-line notices (for example a fallback to the wasm path). */
  onNotice?: (message: string) => void;
  /** Called when a phase starts: "load", "pca", "training", "evaluation"... */
  onPhase?: (phase: string) => void;
  /** Called after every training batch. */
  onBatchEnd?: (progress: BatchProgress) => void;
  /** Called after every training epoch with its record and the run's number of epochs. */
  onEpochEnd?: (record: EpochRecord, epochs: number) => void;
}

/**
 * Result of a run: the report's input, the trained model and the backend facts.
 *
 * @example
 * ```ts
 * import { runReproduction, type RunResult } from "@hs2006/dimensionality-report";
 *
 * const result: RunResult = await runReproduction({ trainSize: 2000, epochs: 1 });
 * console.log(result.input.pca.testMse, result.input.autoencoder.testMse, result.backend.accel);
 * const codes = result.autoencoder.encode(result.dataset.test.images, result.dataset.test.count);
 * ```
 */
export interface RunResult {
  /** Everything the report shows. */
  input: ReportInput;
  /** The trained (or reused) autoencoder of the main figure. */
  autoencoder: Autoencoder;
  /** The saved models' files by path relative to the report folder, to write with the report. */
  files: Record<string, Uint8Array>;
  /** Checkpoints of this run, to remove once the report is written. */
  checkpoints: string[];
  /** Backend that ran the products, for the summary lines. */
  backend: BackendInfo;
  /** The loaded data. */
  dataset: Dataset;
}

function matrixOf(images: ImageSet) {
  return {
    values: images.images,
    rows: images.count,
    columns: images.height * images.width,
  };
}

/** Returns the float32 weights of the dense layers after the bottleneck. */
function decoderWeights(model: tf.LayersModel): DenseLayerWeights[] {
  const codeIndex = model.layers.findIndex((layer) =>
    layer.name === BOTTLENECK
  );
  return model.layers.slice(codeIndex + 1).map((layer) => {
    const [kernel, bias] = layer.getWeights();
    return {
      units: kernel.shape[1] as number,
      activation: String(layer.getConfig().activation),
      kernel: kernel.dataSync() as Float32Array,
      bias: bias.dataSync() as Float32Array,
    };
  });
}

/** Returns the first "model name" line of /proc/cpuinfo, or the architecture elsewhere. */
function cpuDescription(): string {
  try {
    const info = Deno.readTextFileSync("/proc/cpuinfo");
    const line = info.split("\n").find((text) => text.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // Not Linux, or /proc is hidden: fall through.
  }
  return Deno.build.arch;
}

/** Matrix products on plain arrays for RBM pretraining: BLAS, else tfjs's matMul. */
function arrayGemm(backend: Backend): Gemm {
  if (backend.blas) return backend.blas.gemm.bind(backend.blas);
  return (a, b, c, m, n, k, transposeA, transposeB, beta = 0) => {
    if (m * n * k < 4096) {
      return jsGemm(a, b, c, m, n, k, transposeA, transposeB, beta);
    }
    const product = tf.tidy(() => {
      const left = tf.tensor2d(
        a.subarray(0, m * k),
        transposeA ? [k, m] : [m, k],
      );
      const right = tf.tensor2d(
        b.subarray(0, k * n),
        transposeB ? [n, k] : [k, n],
      );
      return tf.matMul(left, right, transposeA, transposeB);
    });
    const values = product.dataSync();
    product.dispose();
    for (let i = 0; i < m * n; i++) {
      c[i] = values[i] + (beta === 0 ? 0 : beta * c[i]);
    }
  };
}

/** Returns the experiment names to run, with "all" expanded to every shipped experiment. */
export function resolveExperimentNames(names: string[]): string[] {
  const expanded = names.flatMap((
    name,
  ) => (name === "all" ? listExperiments() : [name]));
  return [...new Set(expanded)];
}

/**
 * Runs the whole reproduction and returns the measured results.
 *
 * @example Train as deno task report does, then write the report
 * ```ts
 * import { runReproduction, writeReport } from "@hs2006/dimensionality-report";
 *
 * // With outDir, a later run with the same settings reuses the saved model.
 * const result = await runReproduction({ epochs: 5, outDir: "reports/latest" });
 * await writeReport(result.input, "reports/latest", { extraFiles: result.files });
 * for (const path of result.checkpoints) await Deno.remove(path); // no longer needed
 * ```
 */
export async function runReproduction(
  options: RunOptions = {},
): Promise<RunResult> {
  const phaseSeconds: Record<string, number> = {};
  const timed = async <T>(
    phase: string,
    work: () => T | Promise<T>,
  ): Promise<T> => {
    options.onPhase?.(phase);
    const started = performance.now();
    const result = await work();
    phaseSeconds[phase] = (phaseSeconds[phase] ?? 0) +
      (performance.now() - started) / 1000;
    return result;
  };

  // Experiment files first: a bad file fails in a second, not after training.
  const experiments = resolveExperimentNames(options.experiments ?? []).map(
    loadExperiment,
  );

  // Data and backend.
  const dataset = await timed(
    "load",
    () =>
      loadDataset({
        dataDir: options.dataDir,
        dataset: options.dataset,
        trainSize: options.trainSize,
      }),
  );
  const backend = await startBackend(options.accel ?? "auto");
  backend.notices.forEach((notice) => options.onNotice?.(notice));
  const { train, test } = dataset;
  const pixels = train.height * train.width;

  // Baseline: predict the mean training image for every input.
  const mean = meanImage(train);
  const meanImageMse = {
    trainMse: constantPredictionMse(train, mean),
    testMse: constantPredictionMse(test, mean),
  };

  // PCA with 2 components on the training split.
  const solvers = pcaSolvers(backend.blas);
  const pca = await timed(
    "pca",
    () => fitPca(matrixOf(train), { components: 2, ...solvers }),
  );
  const pcaTrainMse = pcaReconstructionMse(pca, matrixOf(train));
  const pcaTestMse = pcaReconstructionMse(pca, matrixOf(test));

  // The autoencoder of the main figure.
  const spec: ModelSpec = {
    name: "",
    model: {
      ...DEFAULT_AUTOENCODER,
      layerSizes: [
        pixels,
        ...DEFAULT_AUTOENCODER.layerSizes.slice(1, -1),
        pixels,
      ],
      seed: options.seed ?? 0,
    },
    epochs: options.epochs ?? 5,
    batchSize: options.batchSize ?? 128,
    learningRate: options.learningRate ?? 0.001,
    repeats: options.repeats ?? 1,
  };
  const context = {
    dataset,
    backend,
    outDir: options.outDir,
    retrain: options.retrain,
    resume: options.resume,
    gemm: arrayGemm(backend),
    onNotice: options.onNotice,
    onPhase: options.onPhase,
    onRepeatStart: options.onRepeatStart,
    onBatchEnd: options.onBatchEnd,
    onEpochEnd: options.onEpochEnd,
    trainedByKey: new Map(),
  };
  const trained = await timed(
    "training",
    () => trainOrReuse(spec, context, MODEL_DIR),
  );
  const model = trained.model;
  const history = trained.history;
  const files: Record<string, Uint8Array> = { ...trained.files };
  const checkpoints = trained.checkpointPath ? [trained.checkpointPath] : [];

  // Final errors, embedding quality, the scatter sample's codes and the grid's reconstructions.
  const indices = scatterIndices(
    train,
    options.scatter ?? "first",
    options.scatterCount ?? 5000,
  );
  const evaluation = await timed("evaluation", () => {
    const classCount = dataset.classNames.length;
    const encoder = encoderOf(model);
    const trainStats = reconstructionStats(model, train, classCount, false);
    const testStats = reconstructionStats(model, test, classCount, false);
    const autoencoderQuality = embeddingQuality(
      train,
      test,
      predictAll(encoder, train),
      predictAll(encoder, test),
      2,
    );
    const pcaQuality = embeddingQuality(
      train,
      test,
      pcaEncode(pca, matrixOf(train)),
      pcaEncode(pca, matrixOf(test)),
      2,
    );
    const pcaPerClass = perClassPcaMse(pca, test, classCount);
    const scatter = selectImages(train, indices);
    const grid = firstImages(train, options.gridCount ?? 10);
    return {
      trainStats,
      testStats,
      embedding: {
        pca: {
          knnAccuracy: pcaQuality.knnAccuracy!,
          trustworthiness: pcaQuality.trustworthiness!,
          perClassMse: pcaPerClass,
        },
        autoencoder: {
          knnAccuracy: autoencoderQuality.knnAccuracy!,
          trustworthiness: autoencoderQuality.trustworthiness!,
          perClassMse: testStats.perClassMse,
        },
      },
      scatter,
      scatterPca: pcaEncode(pca, matrixOf(scatter)),
      scatterAutoencoder: predictAll(encoder, scatter),
      grid,
      gridPca: pcaDecode(pca, pcaEncode(pca, matrixOf(grid)), grid.count),
      gridAutoencoder: predictAll(model, grid),
    };
  });

  // Named experiments.
  const experimentReports: ExperimentReport[] = [];
  const pcaByComponents = new Map<number, PcaModel>([[2, pca]]);
  for (const [index, experiment] of experiments.entries()) {
    options.onPhase?.(
      `experiment ${experiment.name} (${index + 1}/${experiments.length})`,
    );
    const experimentSpecValue = experimentSpec(
      experiment,
      pixels,
      options.seed ?? 0,
    );
    const result = await timed(
      `experiment ${experiment.name}`,
      () =>
        runExperiment(experiment, experimentSpecValue, {
          ...context,
          scatterIndices: indices,
          gridCount: options.gridCount ?? 10,
          pcaByComponents,
          pcaSolvers: solvers,
        }),
    );
    experimentReports.push(result.report);
    Object.assign(files, result.files);
    if (result.checkpointPath) checkpoints.push(result.checkpointPath);
  }

  const scatterDescription = options.scatter === "balanced"
    ? `${evaluation.scatter.count} training images, the first ${
      indices.length / dataset.classNames.length
    } of each class`
    : `first ${evaluation.scatter.count} training images`;
  const input: ReportInput = {
    dataset: {
      name: dataset.name,
      classNames: dataset.classNames,
      source: dataset.source,
      height: train.height,
      width: train.width,
      trainCount: train.count,
      testCount: test.count,
      files: dataset.files,
    },
    config: {
      epochs: spec.epochs,
      batchSize: spec.batchSize,
      learningRate: spec.learningRate,
      seed: spec.model.seed,
      trainSize: train.count,
      layerSizes: spec.model.layerSizes,
      activation: spec.model.activation,
      outputActivation: spec.model.outputActivation,
      optimizer: ADAM_DESCRIPTION,
      kernelInitializer: INITIALIZER_DESCRIPTION,
    },
    pca: {
      trainMse: pcaTrainMse,
      testMse: pcaTestMse,
      explainedVarianceRatio: pca.explainedVarianceRatio,
    },
    meanImage: meanImageMse,
    autoencoder: {
      parameters: model.countParams(),
      epochs: history,
      trainMse: evaluation.trainStats.mse,
      testMse: evaluation.testStats.mse,
      belowPcaEpoch: firstEpochBelow(history, pcaTestMse),
    },
    scatter: {
      labels: evaluation.scatter.labels,
      pca: evaluation.scatterPca,
      autoencoder: evaluation.scatterAutoencoder,
      images: evaluation.scatter.images,
      description: scatterDescription,
      protocol: options.scatter ?? "first",
    },
    reconstructions: {
      count: evaluation.grid.count,
      original: evaluation.grid.images,
      pca: evaluation.gridPca,
      autoencoder: evaluation.gridAutoencoder,
    },
    embedding: evaluation.embedding,
    repeats: trained.repeats.map(({ seed, loss, valLoss }) => ({
      seed,
      loss,
      valLoss,
    })),
    experiments: experimentReports,
    run: trained.manifest as unknown as Record<string, unknown>,
    explorer: {
      decoder: decoderWeights(model),
      pca: { mean: pca.mean, components: pca.components },
    },
    environment: {
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      tfjs: tf.version.tfjs,
      tfjsBackend: backend.tfjsBackend,
      accel: backend.accel,
      accelRequested: backend.requested,
      trainingEngine: backend.engine,
      wasmSimd: backend.wasmSimd,
      wasmThreads: backend.wasmThreads,
      blasLibrary: backend.blasLibrary,
      blasDescription: backend.blasDescription,
      blasThreads: backend.blasThreads,
      cpu: cpuDescription(),
      logicalCores: navigator.hardwareConcurrency,
      os: `${Deno.build.os} ${Deno.build.arch}`,
      date: new Date().toISOString(),
    },
    phaseSeconds,
  };
  return {
    input,
    autoencoder: autoencoderOf(model),
    backend,
    dataset,
    files,
    checkpoints,
  };
}

/** PCA's test MSE per pixel of each class. */
function perClassPcaMse(
  pca: PcaModel,
  test: ImageSet,
  classCount: number,
): number[] {
  const pixels = test.height * test.width;
  const reconstruction = pcaDecode(
    pca,
    pcaEncode(pca, matrixOf(test)),
    test.count,
  );
  const sums = new Float64Array(classCount);
  const counts = new Float64Array(classCount);
  for (let row = 0; row < test.count; row++) {
    let squared = 0;
    for (let j = row * pixels; j < (row + 1) * pixels; j++) {
      const difference = reconstruction[j] - test.images[j];
      squared += difference * difference;
    }
    sums[test.labels[row]] += squared;
    counts[test.labels[row]] += 1;
  }
  return Array.from(sums, (sum, label) => sum / (counts[label] * pixels));
}
