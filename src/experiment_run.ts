/**
 * Runs the named experiments (experiments/*.json) after the default run and
 * measures what the report's experiment section shows: errors, embedding
 * quality, PCA with as many components as the code, and figure samples.
 *
 * @module
 */

import {
  KNN_K,
  knnAccuracy,
  trustworthiness,
  TRUSTWORTHINESS_K,
  TRUSTWORTHINESS_SAMPLE,
} from "./embedding.ts";
import { predictAll, reconstructionStats } from "./evaluate.ts";
import type { Experiment } from "./experiments.ts";
import { encoderOf } from "./model.ts";
import {
  fitPca,
  pcaEncode,
  type PcaModel,
  type PcaOptions,
  pcaReconstructionMse,
} from "./pca.ts";
import type { ExperimentReport } from "./report/types.ts";
import { firstImages, selectImages } from "./sample.ts";
import {
  type ModelSpec,
  type TrainContext,
  trainOrReuse,
} from "./trained_model.ts";
import type { ImageSet } from "./types.ts";

/** kNN accuracy and trustworthiness of codes, `null` for codes that are not 2-D. */
export interface EmbeddingQuality {
  knnAccuracy: number | null;
  trustworthiness: number | null;
}

/** Measures a 2-D embedding: kNN accuracy of the test codes and trustworthiness on a sample. */
export function embeddingQuality(
  train: ImageSet,
  test: ImageSet,
  trainCodes: Float32Array,
  testCodes: Float32Array,
  dims: number,
): EmbeddingQuality {
  if (dims !== 2) return { knnAccuracy: null, trustworthiness: null };
  const pixels = test.height * test.width;
  const sample = Math.min(TRUSTWORTHINESS_SAMPLE, test.count);
  return {
    knnAccuracy: knnAccuracy(
      trainCodes,
      train.labels,
      testCodes,
      test.labels,
      dims,
      KNN_K,
    ),
    trustworthiness: sample > 2 * TRUSTWORTHINESS_K
      ? trustworthiness(
        test.images.subarray(0, sample * pixels),
        testCodes.subarray(0, sample * dims),
        sample,
        pixels,
        dims,
        TRUSTWORTHINESS_K,
      )
      : null,
  };
}

/** Returns the training spec of an experiment, with the input and output sizes set to the data's pixels. */
export function experimentSpec(
  experiment: Experiment,
  pixels: number,
  seed: number,
): ModelSpec {
  const layerSizes = [pixels, ...experiment.layerSizes.slice(1, -1), pixels];
  return {
    name: experiment.name,
    model: {
      layerSizes,
      activation: experiment.activation,
      codeActivation: experiment.codeActivation,
      outputActivation: experiment.outputActivation,
      seed,
    },
    epochs: experiment.epochs,
    batchSize: experiment.batchSize,
    learningRate: experiment.learningRate,
    l2: experiment.l2,
    pretraining: experiment.pretraining,
  };
}

/** Inputs shared by every experiment of a run. */
export interface ExperimentContext extends TrainContext {
  /** Indices of the training images in the scatter sample. */
  scatterIndices: Uint32Array;
  /** Number of images in the reconstruction grid (the first training images). */
  gridCount: number;
  /** PCA models already fitted, by number of components. */
  pcaByComponents: Map<number, PcaModel>;
  /** Solvers for fitting PCA with another number of components. */
  pcaSolvers: Pick<PcaOptions, "gram" | "eigen">;
}

/** Trains (or reuses) one experiment's model and measures it. */
export async function runExperiment(
  experiment: Experiment,
  spec: ModelSpec,
  context: ExperimentContext,
): Promise<
  {
    report: ExperimentReport;
    files: Record<string, Uint8Array>;
    checkpointPath: string | null;
  }
> {
  const { train, test, classNames } = context.dataset;
  const pixels = train.height * train.width;
  const trained = await trainOrReuse(
    spec,
    context,
    `model/experiments/${experiment.name}`,
  );
  const model = trained.model;
  const codeSize = Math.min(...spec.model.layerSizes);

  // Errors on both splits, per class on the test split.
  context.onPhase?.(`${experiment.name}: evaluation`);
  const trainStats = reconstructionStats(model, train, classNames.length);
  const testStats = reconstructionStats(model, test, classNames.length);

  // Codes of every image, for kNN and trustworthiness.
  const encoder = encoderOf(model);
  const trainCodes = predictAll(encoder, train);
  const testCodes = predictAll(encoder, test);
  const quality = embeddingQuality(
    train,
    test,
    trainCodes,
    testCodes,
    codeSize,
  );

  // PCA with as many components as the code.
  const components = experiment.pcaComponents;
  let pca = context.pcaByComponents.get(components);
  if (pca == null) {
    pca = fitPca({ values: train.images, rows: train.count, columns: pixels }, {
      components,
      ...context.pcaSolvers,
    });
    context.pcaByComponents.set(components, pca);
  }
  const matrix = (images: ImageSet) => ({
    values: images.images,
    rows: images.count,
    columns: pixels,
  });
  const pcaTestMse = pcaReconstructionMse(pca, matrix(test));
  const pcaQuality = components === 2
    ? embeddingQuality(
      train,
      test,
      pcaEncode(pca, matrix(train)),
      pcaEncode(pca, matrix(test)),
      2,
    )
    : { knnAccuracy: null, trustworthiness: null };

  // Figure samples.
  const scatterCodes = codeSize === 2
    ? predictAll(encoder, selectImages(train, context.scatterIndices))
    : null;
  const grid = predictAll(model, firstImages(train, context.gridCount));
  const parameters = model.countParams();
  const history = trained.history;
  // Epoch times from the history, so that resumed and reused runs report their whole training.
  const trainingSeconds =
    history.reduce((sum, record) => sum + record.seconds, 0) +
    (trained.pretrainingSeconds ?? 0);

  return {
    report: {
      name: experiment.name,
      description: experiment.description,
      notes: experiment.notes,
      translations: experiment.translations,
      layerSizes: spec.model.layerSizes,
      activation: spec.model.activation,
      outputActivation: spec.model.outputActivation,
      codeSize,
      parameters,
      epochs: history,
      trainMse: trainStats.mse,
      testMse: testStats.mse,
      trainCrossEntropy: trainStats.crossEntropy,
      testCrossEntropy: testStats.crossEntropy,
      testSsePerImage: testStats.mse * pixels,
      knnAccuracy: quality.knnAccuracy,
      trustworthiness: quality.trustworthiness,
      perClassMse: testStats.perClassMse,
      seconds: trainingSeconds,
      pretraining: spec.pretraining
        ? {
          epochs: spec.pretraining.epochs,
          seconds: trained.pretrainingSeconds,
        }
        : null,
      pca: {
        components,
        trainMse: pcaReconstructionMse(pca, matrix(train)),
        testMse: pcaTestMse,
        testSsePerImage: pcaTestMse * pixels,
        knnAccuracy: pcaQuality.knnAccuracy,
        trustworthiness: pcaQuality.trustworthiness,
      },
      gapToPcaPercent: (testStats.mse - pcaTestMse) / pcaTestMse * 100,
      scatter: scatterCodes,
      reconstructions: grid,
      reused: trained.reused,
      run: trained.manifest as unknown as Record<string, unknown>,
    },
    files: trained.files,
    checkpointPath: trained.checkpointPath,
  };
}
