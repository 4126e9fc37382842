/**
 * Getting a trained model for a configuration: reuse the one saved in the
 * report folder when its manifest matches, else train it (with optional RBM
 * pretraining, checkpoints and resumption), and serialise it for the report.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { basename, dirname, join, resolve } from "node:path";
import type { BackendInfo } from "./backend/mod.ts";
import type { RbmPretraining } from "./experiments.ts";
import { readCheckpointKey } from "./checkpoint.ts";
import {
  dataIdentity,
  findCachedRun,
  type RunIdentity,
  runKey,
  type RunManifest,
  sha256,
  TOOL_VERSION,
} from "./manifest.ts";
import { type AutoencoderConfig, decoderOf, encoderOf } from "./model.ts";
import { loadModel, modelFiles } from "./model_io.ts";
import { type Gemm, pretrainStack, unrollStack } from "./rbm.ts";
import type { BatchProgress } from "./train.ts";
import { type RepeatResult, runTraining } from "./training_run.ts";
import type { Dataset, EpochRecord } from "./types.ts";

/** Training specification of one model. */
export interface ModelSpec {
  /** Name used for the checkpoint file; "" for the default run. */
  name: string;
  model: AutoencoderConfig;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the kernels (default 0). */
  l2?: number;
  /** Models trained with consecutive seeds (default 1). */
  repeats?: number;
  /** RBM pretraining before training, or null. */
  pretraining?: RbmPretraining | null;
}

/** Data, backend, folders and callbacks of a training run. */
export interface TrainContext {
  dataset: Dataset;
  backend: BackendInfo;
  /** Report folder holding earlier saved models, beside which checkpoints are kept. */
  outDir?: string;
  retrain?: boolean;
  resume?: boolean;
  /** Matrix products for RBM pretraining. */
  gemm: Gemm;
  onNotice?: (message: string) => void;
  onPhase?: (phase: string) => void;
  onRepeatStart?: (repeat: number, repeats: number, seed: number) => void;
  onBatchEnd?: (progress: BatchProgress) => void;
  onEpochEnd?: (record: EpochRecord, epochs: number) => void;
  /** Models trained earlier in this run, by key: an experiment equal to the default model reuses it. */
  trainedByKey?: Map<string, TrainedModel>;
}

/** A trained (or reused) model with its manifest and files. */
export interface TrainedModel {
  model: tf.LayersModel;
  history: EpochRecord[];
  repeats: RepeatResult[];
  /** Whether the model was loaded from the report folder instead of trained. */
  reused: boolean;
  /** Seconds spent training (pretraining included) in this run; 0 when reused. */
  seconds: number;
  /** Seconds of RBM pretraining in this run, or null without pretraining. */
  pretrainingSeconds: number | null;
  manifest: RunManifest;
  /** The saved model's files by path relative to the report folder. */
  files: Record<string, Uint8Array>;
  /** The checkpoint to remove once the report is written, or null. */
  checkpointPath: string | null;
}

/** Returns the checkpoint file of a report folder, kept beside it so that swapping the report in never touches it. */
export function checkpointPathFor(outDir: string, name = ""): string {
  const target = resolve(outDir);
  const suffix = name ? `.${name}` : "";
  return join(dirname(target), `.${basename(target)}${suffix}.checkpoint`);
}

/** Everything that can change a trained model's numbers, for the cache key. */
function identityOf(spec: ModelSpec, context: TrainContext): RunIdentity {
  const { model } = spec;
  return {
    config: {
      epochs: spec.epochs,
      batchSize: spec.batchSize,
      learningRate: spec.learningRate,
      l2: spec.l2 ?? 0,
      seed: model.seed,
      layerSizes: model.layerSizes,
      activation: model.activation,
      codeActivation: model.codeActivation,
      outputActivation: model.outputActivation,
      pretraining: spec.pretraining ?? null,
      repeats: spec.repeats ?? 1,
      dataset: context.dataset.name,
      trainSize: context.dataset.train.count,
    },
    data: dataIdentity(context.dataset.files),
    environment: {
      tool: TOOL_VERSION,
      deno: Deno.version.deno,
      tfjs: tf.version.tfjs,
      accel: context.backend.accel,
      engine: context.backend.engine,
      blasThreads: context.backend.blasThreads,
    },
  };
}

/** Serialises the autoencoder, encoder and decoder in the Layers format, by path relative to the report folder. */
async function savedFiles(
  model: tf.LayersModel,
  modelDir: string,
): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  const parts: [string, tf.LayersModel][] = [
    ["autoencoder", model],
    ["encoder", encoderOf(model)],
    ["decoder", decoderOf(model)],
  ];
  for (const [part, partModel] of parts) {
    for (const [file, bytes] of Object.entries(await modelFiles(partModel))) {
      files[`${modelDir}/${part}/${file}`] = bytes;
    }
  }
  return files;
}

function fileHashes(
  files: Record<string, Uint8Array>,
): { path: string; sha256: string }[] {
  return Object.entries(files).map(([path, bytes]) => ({
    path,
    sha256: sha256(bytes),
  }));
}

/** Sets a model's dense layers from RBM-pretrained weights. */
function applyPretraining(
  model: tf.LayersModel,
  spec: ModelSpec,
  context: TrainContext,
): void {
  const { train } = context.dataset;
  const pretraining = spec.pretraining!;
  const sizes = spec.model.layerSizes;
  const encoderSizes = sizes.slice(0, (sizes.length + 1) / 2);

  const rbms = pretrainStack(
    { values: train.images, rows: train.count, columns: sizes[0] },
    encoderSizes,
    {
      epochs: pretraining.epochs,
      batchSize: pretraining.batchSize,
      learningRate: pretraining.learningRate,
      linearLearningRate: pretraining.linearLearningRate,
      initialMomentum: pretraining.initialMomentum,
      finalMomentum: pretraining.finalMomentum,
      momentumEpochs: pretraining.momentumEpochs,
      weightDecay: pretraining.weightDecay,
      seed: String(spec.model.seed),
      gemm: context.gemm,
      onEpochEnd: (layer, record) =>
        context.onNotice?.(
          `RBM ${layer + 1}/${
            encoderSizes.length - 1
          } epoch ${record.epoch}/${record.epochs}: ` +
            `reconstruction error ${record.reconstructionError.toFixed(4)}, ${
              record.seconds.toFixed(1)
            } s`,
        ),
    },
  );

  const layers = unrollStack(rbms);
  const tensors = layers.flatMap((layer) => [
    tf.tensor2d(layer.kernel, [layer.inputs, layer.outputs]),
    tf.tensor1d(layer.bias),
  ]);
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Returns the trained model for `spec`, from the report folder's cache or by training. */
export async function trainOrReuse(
  spec: ModelSpec,
  context: TrainContext,
  modelDir: string,
): Promise<TrainedModel> {
  const identity = identityOf(spec, context);
  const key = runKey(identity);
  const label = spec.name ? `${spec.name}: ` : "";

  // The same configuration trained earlier in this run: same model, new file paths.
  const earlier = context.trainedByKey?.get(key);
  if (earlier) {
    context.onNotice?.(
      `${label}same configuration as the main model: reusing it`,
    );
    const files = await savedFiles(earlier.model, modelDir);
    return {
      ...earlier,
      files,
      manifest: { ...earlier.manifest, model: { files: fileHashes(files) } },
      checkpointPath: null,
    };
  }

  // A checkpoint of this very configuration: resumable, or worth a hint.
  const checkpointPath = context.outDir
    ? checkpointPathFor(context.outDir, spec.name)
    : null;
  const resumable = checkpointPath != null &&
    (await readCheckpointKey(checkpointPath)) === key;

  let trained:
    | Omit<TrainedModel, "manifest" | "files" | "checkpointPath">
    | null = null;
  if (context.outDir && !context.retrain && !(context.resume && resumable)) {
    const cached = await findCachedRun(context.outDir, key);
    if (cached.manifest) {
      const manifest = cached.manifest;
      const autoencoderFile = manifest.model.files.find((file) =>
        file.path.endsWith("autoencoder/model.json")
      )!;
      trained = {
        model: await loadModel(
          join(context.outDir, dirname(autoencoderFile.path)),
        ),
        history: manifest.training.history,
        repeats: manifest.training.repeats,
        reused: true,
        seconds: 0,
        pretrainingSeconds: null,
      };
      context.onNotice?.(
        `${label}reusing the model saved in ${context.outDir} (same flags, data and software); ` +
          `pass --retrain to train again`,
      );
    } else if (cached.reason !== "no earlier report") {
      context.onNotice?.(`${label}training a new model: ${cached.reason}`);
    }
  }

  if (trained == null) {
    if (resumable && !context.resume) {
      context.onNotice?.(
        `${label}${checkpointPath} holds an interrupted run with these flags; pass --resume to continue it`,
      );
    }
    const started = performance.now();
    let pretrainingSeconds: number | null = null;
    const result = await runTraining(
      context.dataset.train,
      context.dataset.test,
      {
        model: spec.model,
        epochs: spec.epochs,
        batchSize: spec.batchSize,
        learningRate: spec.learningRate,
        l2: spec.l2,
        engine: context.backend.engine,
        repeats: spec.repeats,
        key,
        checkpointPath,
        resume: context.resume,
        initialize: spec.pretraining
          ? (model) => {
            context.onPhase?.(`${label}RBM pretraining`);
            const pretrainingStarted = performance.now();
            applyPretraining(model, spec, context);
            pretrainingSeconds = (performance.now() - pretrainingStarted) /
              1000;
          }
          : undefined,
        onNotice: context.onNotice,
        onRepeatStart: context.onRepeatStart,
        onBatchEnd: context.onBatchEnd,
        onEpochEnd: context.onEpochEnd,
      },
    );
    trained = {
      ...result,
      reused: false,
      seconds: (performance.now() - started) / 1000,
      pretrainingSeconds,
    };
  }

  const files = await savedFiles(trained.model, modelDir);

  const manifest: RunManifest = {
    ...identity,
    key,
    tool: { name: "hs2006", version: TOOL_VERSION },
    model: { files: fileHashes(files) },
    training: { history: trained.history, repeats: trained.repeats },
  };
  const result = {
    ...trained,
    manifest,
    files,
    checkpointPath: trained.reused ? null : checkpointPath,
  };
  context.trainedByKey?.set(key, result);
  return result;
}
