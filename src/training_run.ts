/**
 * A training run as the report needs it: one or more seeds (`--repeats`),
 * a checkpoint after every epoch, and resumption from that checkpoint.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import type { AdamState } from "./adam.ts";
import { readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
import { UsageError } from "./errors.ts";
import { type AutoencoderConfig, buildAutoencoder } from "./model.ts";
import {
  type BatchProgress,
  trainAutoencoder,
  type TrainState,
} from "./train.ts";
import type { EpochRecord, ImageSet } from "./types.ts";

/** Final losses of one seed's model. */
export interface RepeatResult {
  seed: number;
  /** Last epoch's training loss (running mean over its batches). */
  loss: number;
  /** Last epoch's validation loss. */
  valLoss: number;
  /** The seed's per-epoch records. */
  epochs: EpochRecord[];
}

/** Options of `runTraining`. */
export interface TrainingRunOptions {
  /** Architecture; `seed` is the first repeat's seed, repeat r uses seed + r. */
  model: AutoencoderConfig;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2?: number;
  engine: "fused" | "layers";
  /** Models trained with consecutive seeds (default 1). */
  repeats?: number;
  /** Identifies the configuration and data; a checkpoint with another key is not resumed. */
  key: string;
  /** Checkpoint file path, or null for none. */
  checkpointPath: string | null;
  /** Continue from the checkpoint when one exists. */
  resume?: boolean;
  /** Sets the first repeat's initial weights (for example from RBM pretraining); skipped when resuming it. */
  initialize?: (model: tf.LayersModel) => void;
  onNotice?: (message: string) => void;
  onRepeatStart?: (repeat: number, repeats: number, seed: number) => void;
  onBatchEnd?: (progress: BatchProgress) => void;
  onEpochEnd?: (record: EpochRecord, epochs: number) => void;
}

/** Result of a training run. */
export interface TrainingRunResult {
  /** The first seed's model, used for every figure. */
  model: tf.Sequential;
  /** The first seed's per-epoch records. */
  history: EpochRecord[];
  /** Every seed's final losses, the first seed included. */
  repeats: RepeatResult[];
  /** Epoch of the first repeat's checkpoint that the run resumed after, or null. */
  resumedAfterEpoch: number | null;
}

/** Checkpoint state beside the tensors. */
interface RunState extends Record<string, unknown> {
  repeat: number;
  epoch: number;
  history: EpochRecord[];
  step: number;
  random: object;
  completed: RepeatResult[];
}

function weightsOf(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((weight) => weight.dataSync() as Float32Array);
}

function setWeights(model: tf.LayersModel, values: Float32Array[]): void {
  const tensors = model.getWeights().map((weight, index) =>
    tf.tensor(values[index], weight.shape)
  );
  model.setWeights(tensors);
  tf.dispose(tensors);
}

function tensorList(
  tensors: Map<string, Float32Array>,
  prefix: string,
): Float32Array[] {
  return [...tensors].filter(([name]) => name.startsWith(`${prefix}/`)).map((
    [, values],
  ) => values);
}

/** Trains the configured model for every repeat, checkpointing after each epoch. */
export async function runTraining(
  train: ImageSet,
  validation: ImageSet,
  options: TrainingRunOptions,
): Promise<TrainingRunResult> {
  const repeats = options.repeats ?? 1;
  const firstSeed = options.model.seed;

  // Resume: the checkpoint must belong to this very configuration.
  let saved: { state: RunState; tensors: Map<string, Float32Array> } | null =
    null;
  if (options.resume && options.checkpointPath) {
    const checkpoint = await readCheckpoint(options.checkpointPath);
    if (checkpoint == null) {
      options.onNotice?.(
        `no checkpoint at ${options.checkpointPath}; training from epoch 1`,
      );
    } else if (checkpoint.header.key !== options.key) {
      throw new UsageError(
        `Cannot resume from "${options.checkpointPath}": it belongs to a run with other flags or data. ` +
          `Rerun with the same flags as the interrupted run, or drop --resume to start again.`,
      );
    } else {
      saved = {
        state: checkpoint.header.state as RunState,
        tensors: checkpoint.tensors,
      };
      options.onNotice?.(
        `resuming after epoch ${saved.state.epoch} of seed ${
          firstSeed + saved.state.repeat
        } from ${options.checkpointPath}`,
      );
    }
  }

  const primary = buildAutoencoder(options.model);
  const completed: RepeatResult[] = saved ? [...saved.state.completed] : [];
  if (saved && saved.state.repeat > 0) {
    setWeights(primary, tensorList(saved.tensors, "primary"));
  }
  let primaryHistory = completed[0]?.epochs ?? [];

  for (let repeat = saved?.state.repeat ?? 0; repeat < repeats; repeat++) {
    const seed = firstSeed + repeat;
    options.onRepeatStart?.(repeat, repeats, seed);
    const model = repeat === 0
      ? primary
      : buildAutoencoder({ ...options.model, seed });

    if (repeat === 0 && !(saved && saved.state.repeat === 0)) {
      options.initialize?.(model);
    }

    // Continue this repeat from the checkpoint, if it is the one that was interrupted.
    let resume: TrainState | undefined;
    if (saved && saved.state.repeat === repeat) {
      setWeights(model, tensorList(saved.tensors, "weights"));
      const optimizer: AdamState = {
        step: saved.state.step,
        firstMoments: tensorList(saved.tensors, "m"),
        secondMoments: tensorList(saved.tensors, "v"),
      };
      resume = {
        epoch: saved.state.epoch,
        history: saved.state.history,
        optimizer,
        random: saved.state.random,
      };
    }

    const checkpoint = (state: TrainState) => {
      if (options.checkpointPath == null) return;
      const tensors = new Map<string, Float32Array>();
      weightsOf(model).forEach((values, index) =>
        tensors.set(`weights/${index}`, values)
      );
      state.optimizer.firstMoments.forEach((values, index) =>
        tensors.set(`m/${index}`, values)
      );
      state.optimizer.secondMoments.forEach((values, index) =>
        tensors.set(`v/${index}`, values)
      );
      if (repeat > 0) {
        weightsOf(primary).forEach((values, index) =>
          tensors.set(`primary/${index}`, values)
        );
      }
      const runState: RunState = {
        repeat,
        epoch: state.epoch,
        history: state.history,
        step: state.optimizer.step,
        random: state.random,
        completed,
      };
      writeCheckpoint(options.checkpointPath, options.key, runState, tensors);
    };

    const history = trainAutoencoder(model, train, validation, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      l2: options.l2,
      seed,
      engine: options.engine,
      resume,
      onBatchEnd: options.onBatchEnd,
      onEpochEnd: options.onEpochEnd,
      onCheckpoint: checkpoint,
    });

    const last = history[history.length - 1];
    completed.push({
      seed,
      loss: last.loss,
      valLoss: last.valLoss,
      epochs: history,
    });
    if (repeat === 0) primaryHistory = history;
    if (repeat > 0) model.dispose();
  }

  // The checkpoint stays: the caller removes it once the results are saved.
  return {
    model: primary,
    history: primaryHistory,
    repeats: completed,
    resumedAfterEpoch: saved ? saved.state.epoch : null,
  };
}
