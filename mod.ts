/**
 * Reproduce Hinton & Salakhutdinov (2006), "Reducing the dimensionality of
 * data with neural networks" (Science 313:504), on MNIST with TensorFlow.js:
 * PCA and a deep autoencoder reduce 784-pixel digit images to 2-D codes, and
 * a static HTML + Markdown report compares them.
 *
 * The pieces can be used on their own: load IDX data, fit PCA, train the
 * autoencoder on the wasm backend (with the system BLAS where available),
 * render a report, or load a finished report's saved model to encode new
 * images.
 *
 * @example Fit PCA and train the autoencoder on 2000 MNIST images
 * ```ts
 * import {
 *   Autoencoder,
 *   fitPca,
 *   loadDataset,
 *   pcaReconstructionMse,
 *   setupBackend,
 * } from "@hs2006/dimensionality-report";
 *
 * await setupBackend();
 * const { train, test } = await loadDataset({ trainSize: 2000 });
 * const matrix = { values: train.images, rows: train.count, columns: 784 };
 * const pca = fitPca(matrix, { components: 2 });
 * console.log("PCA MSE", pcaReconstructionMse(pca, matrix));
 *
 * const autoencoder = Autoencoder.create({ seed: 0 });
 * const history = autoencoder.train(train, test, { epochs: 1 });
 * console.log("validation MSE", history[0].valLoss);
 * ```
 *
 * @example Run the whole reproduction and write the report
 * ```ts
 * import { runReproduction, writeReport } from "@hs2006/dimensionality-report";
 *
 * const result = await runReproduction({ epochs: 5 });
 * await writeReport(result.input, "reports/latest", { extraFiles: result.files });
 * ```
 *
 * @module
 */

export type { DataFile, Dataset, EpochRecord, ImageSet } from "./src/types.ts";
export { loadDataset, type LoadDatasetOptions } from "./src/data/sources.ts";
export {
  type IdxArray,
  type IdxExpectation,
  type IdxFile,
  readIdx,
  writeIdx,
} from "./src/data/idx.ts";
export {
  CLASS_NAMES,
  DATASET_NAMES,
  type DatasetName,
} from "./src/data/classes.ts";
export {
  DataError,
  ExpectedError,
  OutputError,
  UsageError,
} from "./src/errors.ts";

export {
  type Accel,
  type BackendInfo,
  setupBackend,
} from "./src/backend/mod.ts";
export type { FusedActivation } from "./src/backend/activations.ts";

export {
  type DataMatrix,
  type EigenFunction,
  fitPca,
  type GramFunction,
  pcaDecode,
  pcaEncode,
  type PcaModel,
  type PcaOptions,
  pcaReconstructionMse,
} from "./src/pca.ts";

export { Autoencoder } from "./src/autoencoder.ts";
export { type AutoencoderConfig, DEFAULT_AUTOENCODER } from "./src/model.ts";
export {
  type BatchProgress,
  NonFiniteLossError,
  type TrainOptions,
  type TrainState,
} from "./src/train.ts";
export type { AdamState } from "./src/adam.ts";
export type { ScatterProtocol } from "./src/sample.ts";
export type {
  ExperimentTexts,
  ExperimentTranslations,
} from "./src/experiments.ts";
export { loadSavedRun, type SavedRun } from "./src/saved_run.ts";

export {
  type RunOptions,
  runReproduction,
  type RunResult,
} from "./src/pipeline.ts";
export {
  type ReportStep,
  writeReport,
  type WriteReportOptions,
  type WriteReportResult,
} from "./src/report/write.ts";
export { REPORT_LANGS, type ReportLang } from "./src/report/i18n/mod.ts";
export type {
  DenseLayerWeights,
  EmbeddingSummary,
  ExperimentReport,
  ExplorerData,
  PcaBaseline,
  ReconstructionSample,
  ReportInput,
  ScatterSample,
} from "./src/report/types.ts";
