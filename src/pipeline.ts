/**
 * One run of the reproduction: load the data, fit PCA, train the autoencoder
 * and measure everything the report shows.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { basename, dirname, join, resolve } from "node:path";
import {
  dataIdentity,
  findCachedRun,
  MODEL_DIR,
  type RunIdentity,
  runKey,
  type RunManifest,
  sha256,
  TOOL_VERSION,
} from "./manifest.ts";
import { loadModel, modelFiles } from "./model_io.ts";
import { type RepeatResult, runTraining } from "./training_run.ts";
import { type Accel, type BackendInfo, setupBackend } from "./backend/mod.ts";
import type { DatasetName } from "./data/classes.ts";
import { loadDataset } from "./data/sources.ts";
import {
  constantPredictionMse,
  firstEpochBelow,
  meanImage,
} from "./metrics.ts";
import {
  BOTTLENECK,
  decoderOf,
  DEFAULT_AUTOENCODER,
  encoderOf,
} from "./model.ts";
import {
  fitPca,
  pcaDecode,
  pcaEncode,
  pcaReconstructionMse,
  pcaSolvers,
} from "./pca.ts";
import type { DenseLayerWeights, ReportInput } from "./report/types.ts";
import { type BatchProgress, evaluateMse } from "./train.ts";
import type { Dataset, EpochRecord, ImageSet } from "./types.ts";

/** Options of one run; every field has the documented default of `deno task report`. */
export interface RunOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** Folder of IDX files; default: the dataset's bundled or system copy. */
  dataDir?: string;
  dataset?: DatasetName;
  /** First N training images only; default: all. */
  trainSize?: number;
  accel?: Accel;
  /** Images in the scatter sample (default 5000, the first training images). */
  scatterCount?: number;
  /** Images in the reconstruction grid (default 10, the first training images). */
  gridCount?: number;
  /** Report folder: where an earlier run's saved model is looked for, and beside which the checkpoint is kept. */
  outDir?: string;
  /** Train even when the report folder holds a model trained the same way. */
  retrain?: boolean;
  /** Continue an interrupted run from its checkpoint. */
  resume?: boolean;
  /** Models trained with consecutive seeds; the first one's figures are shown (default 1). */
  repeats?: number;
  /** Called when a repeat's training starts. */
  onRepeatStart?: (repeat: number, repeats: number, seed: number) => void;
  /** Called with one-line notices (for example a fallback to the wasm path). */
  onNotice?: (message: string) => void;
  /** Called when a phase starts: "load", "pca", "training", "evaluation". */
  onPhase?: (phase: string) => void;
  onBatchEnd?: (progress: BatchProgress) => void;
  onEpochEnd?: (record: EpochRecord) => void;
}

/** What a run produces: the report's input, the trained model and the backend facts. */
export interface RunResult {
  input: ReportInput;
  model: tf.LayersModel;
  /** The saved model's files by path relative to the report folder, to write with the report. */
  files: Record<string, Uint8Array>;
  backend: BackendInfo;
  dataset: Dataset;
}

/** The rows `[0, count)` of an image set. */
function firstImages(images: ImageSet, count: number): ImageSet {
  const size = images.height * images.width;
  const kept = Math.min(count, images.count);
  return {
    ...images,
    images: images.images.subarray(0, kept * size),
    labels: images.labels.subarray(0, kept),
    count: kept,
  };
}

function matrixOf(images: ImageSet) {
  return {
    values: images.images,
    rows: images.count,
    columns: images.height * images.width,
  };
}

/** Runs the model on `images` and returns its output as one Float32Array. */
function predict(model: tf.LayersModel, images: ImageSet): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor2d(images.images, [
      images.count,
      images.height * images.width,
    ]);
    return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  });
}

/** The float32 weights of the dense layers after the bottleneck. */
function decoderWeights(model: tf.LayersModel): DenseLayerWeights[] {
  const codeIndex = model.layers.findIndex((layer) =>
    layer.name === BOTTLENECK
  );
  return model.layers.slice(codeIndex + 1).map((layer) => {
    const [kernel, bias] = layer.getWeights().map((weight) =>
      weight.dataSync() as Float32Array
    );
    return {
      units: kernel.length / (layer.getWeights()[0].shape[0] ?? 1),
      activation: String(layer.getConfig().activation),
      kernel,
      bias,
    };
  });
}

/** The checkpoint file of a report folder: beside it, so that swapping the report in never touches it. */
export function checkpointPathFor(outDir: string): string {
  const target = resolve(outDir);
  return join(dirname(target), `.${basename(target)}.checkpoint`);
}

/** The first "model name" line of /proc/cpuinfo, or the architecture elsewhere. */
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

/** Runs the whole reproduction and returns the measured results. */
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
    phaseSeconds[phase] = (performance.now() - started) / 1000;
    return result;
  };

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
  const backend = await setupBackend(options.accel ?? "auto");
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
  const pca = await timed(
    "pca",
    () =>
      fitPca(matrixOf(train), {
        components: 2,
        ...pcaSolvers(backend.blas),
      }),
  );
  const pcaTrainMse = pcaReconstructionMse(pca, matrixOf(train));
  const pcaTestMse = pcaReconstructionMse(pca, matrixOf(test));

  // The autoencoder.
  const layerSizes = [
    pixels,
    ...DEFAULT_AUTOENCODER.layerSizes.slice(1, -1),
    pixels,
  ];
  const config = {
    ...DEFAULT_AUTOENCODER,
    layerSizes,
    seed: options.seed ?? 0,
  };
  const trainOptions = {
    epochs: options.epochs ?? 5,
    batchSize: options.batchSize ?? 128,
    learningRate: options.learningRate ?? 0.001,
    seed: options.seed ?? 0,
  };
  const repeats = options.repeats ?? 1;

  // The run's identity: everything that can change the trained model's numbers.
  const identity: RunIdentity = {
    config: {
      ...trainOptions,
      layerSizes,
      activation: config.activation,
      codeActivation: config.codeActivation,
      outputActivation: config.outputActivation,
      dataset: dataset.name,
      trainSize: train.count,
      repeats,
    },
    data: dataIdentity(dataset.files),
    environment: {
      tool: TOOL_VERSION,
      deno: Deno.version.deno,
      tfjs: tf.version.tfjs,
      accel: backend.accel,
      engine: backend.engine,
      blasThreads: backend.blasThreads,
    },
  };
  const key = runKey(identity);

  // Reuse the model saved in the output folder when it was trained the same way.
  let trained: {
    model: tf.LayersModel;
    history: EpochRecord[];
    repeats: RepeatResult[];
  } | null = null;
  if (options.outDir && !options.retrain && !options.resume) {
    const cached = await findCachedRun(options.outDir, key);
    if (cached.manifest) {
      const manifest = cached.manifest;
      trained = await timed("loadModel", async () => ({
        model: await loadModel(join(options.outDir!, MODEL_DIR, "autoencoder")),
        history: manifest.training.history,
        repeats: manifest.training.repeats,
      }));
      options.onNotice?.(
        `reusing the model saved in ${options.outDir} (same flags, data and software); pass --retrain to train again`,
      );
    } else if (cached.reason !== "no earlier report") {
      options.onNotice?.(`training a new model: ${cached.reason}`);
    }
  }
  if (trained == null) {
    const checkpointPath = options.outDir
      ? checkpointPathFor(options.outDir)
      : null;
    const result = await timed("training", () =>
      runTraining(train, test, {
        model: config,
        epochs: trainOptions.epochs,
        batchSize: trainOptions.batchSize,
        learningRate: trainOptions.learningRate,
        engine: backend.engine,
        repeats,
        key,
        checkpointPath,
        resume: options.resume,
        onNotice: options.onNotice,
        onRepeatStart: options.onRepeatStart,
        onBatchEnd: options.onBatchEnd,
        onEpochEnd: options.onEpochEnd,
      }));
    trained = result;
  }
  const model = trained.model;
  const history = trained.history;

  // The saved model: autoencoder, encoder and decoder in the Layers format.
  const files: Record<string, Uint8Array> = {};
  const parts: [string, tf.LayersModel][] = [
    ["autoencoder", model],
    ["encoder", encoderOf(model)],
    ["decoder", decoderOf(model)],
  ];
  for (const [name, part] of parts) {
    for (const [file, bytes] of Object.entries(await modelFiles(part))) {
      files[`${MODEL_DIR}/${name}/${file}`] = bytes;
    }
  }
  const manifest: RunManifest = {
    ...identity,
    key,
    tool: { name: "hs2006", version: TOOL_VERSION },
    model: {
      files: Object.entries(files).map(([path, bytes]) => ({
        path,
        sha256: sha256(bytes),
      })),
    },
    training: { history, repeats: trained.repeats },
  };

  // Final errors, the scatter sample's codes and the grid's reconstructions.
  const evaluation = await timed("evaluation", () => {
    const scatter = firstImages(train, options.scatterCount ?? 5000);
    const grid = firstImages(train, options.gridCount ?? 10);
    const encoder = encoderOf(model);
    const result = {
      trainMse: evaluateMse(model, train, backend.engine),
      testMse: evaluateMse(model, test, backend.engine),
      scatter,
      scatterPca: pcaEncode(pca, matrixOf(scatter)),
      scatterAutoencoder: predict(encoder, scatter),
      grid,
      gridPca: pcaDecode(pca, pcaEncode(pca, matrixOf(grid)), grid.count),
      gridAutoencoder: predict(model, grid),
    };
    return result;
  });

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
      ...trainOptions,
      trainSize: train.count,
      layerSizes,
      activation: config.activation,
      outputActivation: config.outputActivation,
      optimizer: "Adam (beta1 0.9, beta2 0.999, epsilon 1e-7)",
      kernelInitializer: "Glorot uniform, zero biases",
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
      trainMse: evaluation.trainMse,
      testMse: evaluation.testMse,
      belowPcaEpoch: firstEpochBelow(history, pcaTestMse),
    },
    scatter: {
      labels: evaluation.scatter.labels,
      pca: evaluation.scatterPca,
      autoencoder: evaluation.scatterAutoencoder,
      description: `first ${evaluation.scatter.count} training images`,
    },
    reconstructions: {
      count: evaluation.grid.count,
      original: evaluation.grid.images,
      pca: evaluation.gridPca,
      autoencoder: evaluation.gridAutoencoder,
    },
    run: manifest as unknown as Record<string, unknown>,
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
  return { input, model, backend, dataset, files };
}
