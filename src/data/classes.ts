/**
 * Names of the supported datasets and of their classes.
 *
 * @module
 */

/**
 * Datasets that `--dataset` accepts. Both use the MNIST file names and IDX format.
 *
 * @example
 * ```ts
 * import { DATASET_NAMES } from "@hs2006/dimensionality-report";
 *
 * console.log(DATASET_NAMES.includes("fashion-mnist")); // true
 * ```
 */
export const DATASET_NAMES = ["mnist", "fashion-mnist"] as const;

/**
 * Name of a supported dataset.
 *
 * @example
 * ```ts
 * import { type DatasetName, loadDataset } from "@hs2006/dimensionality-report";
 *
 * const name: DatasetName = "fashion-mnist";
 * const dataset = await loadDataset({ dataset: name });
 * ```
 */
export type DatasetName = typeof DATASET_NAMES[number];

/**
 * Class names of each dataset, indexed by label.
 *
 * Fashion-MNIST names and their order are those of the "Labels" table in the
 * README of github.com/zalandoresearch/fashion-mnist.
 *
 * @example
 * ```ts
 * import { CLASS_NAMES } from "@hs2006/dimensionality-report";
 *
 * console.log(CLASS_NAMES["fashion-mnist"][9]); // "Ankle boot"
 * ```
 */
export const CLASS_NAMES: Readonly<Record<DatasetName, readonly string[]>> = {
  "mnist": ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  "fashion-mnist": [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
  ],
};

/** Returns whether the string is a supported dataset name. */
export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}
