/**
 * Checks a ReportInput before anything is rendered, so a broken run never
 * replaces a good report.
 *
 * @module
 */

import { ExpectedError } from "../errors.ts";
import { ACTIVATIONS } from "./explorer/decode.js";
import type { ReportInput } from "./types.ts";

/** A ReportInput that contains a non-finite number or arrays of the wrong size. Exit code 1. */
export class InvalidReportInputError extends ExpectedError {
  override readonly exitCode = 1;
}

/**
 * Checks that every number in `input` is finite and that the array sizes
 * agree with the counts and image sizes.
 *
 * @throws {InvalidReportInputError} naming the first bad field, e.g. `pca.testMse is NaN`.
 */
export function validateReportInput(input: ReportInput): void {
  for (const [key, value] of Object.entries(input)) {
    checkFinite(value, key);
  }

  checkShapes(input);
}

function checkFinite(value: unknown, path: string): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw nonFinite(path, value);
    }
    return;
  }

  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const numbers = value as unknown as ArrayLike<number>;
    for (let i = 0; i < numbers.length; i++) {
      if (!Number.isFinite(numbers[i])) {
        throw nonFinite(`${path}[${i}]`, numbers[i]);
      }
    }
    return;
  }

  if (Array.isArray(value)) {
    value.forEach((item, i) => checkFinite(item, `${path}[${i}]`));
    return;
  }

  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      checkFinite(item, `${path}.${key}`);
    }
  }
}

function checkShapes(input: ReportInput): void {
  const { dataset, scatter, reconstructions, autoencoder } = input;

  if (!isPositiveInteger(dataset.height) || !isPositiveInteger(dataset.width)) {
    throw invalid(
      `dataset.height and dataset.width must be positive integers, got ${dataset.height}×${dataset.width}`,
    );
  }

  if (dataset.classNames.length === 0) {
    throw invalid("dataset.classNames is empty");
  }

  if (autoencoder.epochs.length === 0) {
    throw invalid(
      "autoencoder.epochs is empty: the report needs at least one epoch",
    );
  }

  const points = scatter.labels.length;
  for (const key of ["pca", "autoencoder"] as const) {
    if (scatter[key].length !== points * 2) {
      throw invalid(
        `scatter.${key} has ${scatter[key].length} values, expected ${
          points * 2
        } (2 per label)`,
      );
    }
  }

  const classCount = dataset.classNames.length;
  const badLabel = scatter.labels.findIndex((label) => label >= classCount);
  if (badLabel >= 0) {
    throw invalid(
      `scatter.labels[${badLabel}] is ${
        scatter.labels[badLabel]
      }, but there are only ${classCount} class names`,
    );
  }

  if (!Number.isInteger(reconstructions.count) || reconstructions.count < 1) {
    throw invalid(
      `reconstructions.count must be a positive integer, got ${reconstructions.count}`,
    );
  }

  const pixels = reconstructions.count * dataset.height * dataset.width;
  for (const key of ["original", "pca", "autoencoder"] as const) {
    if (reconstructions[key].length !== pixels) {
      throw invalid(
        `reconstructions.${key} has ${
          reconstructions[key].length
        } values, expected ${pixels} (${reconstructions.count} images of ${dataset.height}×${dataset.width})`,
      );
    }
  }

  const imagePixels = dataset.height * dataset.width;
  if (
    scatter.images !== undefined &&
    scatter.images.length !== points * imagePixels
  ) {
    throw invalid(
      `scatter.images has ${scatter.images.length} values, expected ${
        points * imagePixels
      } (${points} images of ${dataset.height}×${dataset.width})`,
    );
  }

  checkExplorer(input);
  checkEmbedding(input);
  checkExperiments(input);
}

/** Checks that each embedding summary has one MSE per class. */
function checkEmbedding(input: ReportInput): void {
  const { embedding, dataset } = input;
  if (!embedding) return;

  for (const key of ["pca", "autoencoder"] as const) {
    const count = embedding[key].perClassMse.length;
    if (count !== dataset.classNames.length) {
      throw invalid(
        `embedding.${key}.perClassMse has ${count} values, expected ${dataset.classNames.length} (one per class)`,
      );
    }
  }
}

/** Experiment names become file names and fragment ids, as in experiments/*.json. */
const EXPERIMENT_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Checks that experiment names are unique and safe in file names, and that
 * each experiment's epochs, codes, reconstructions and per-class errors fit
 * the scatter sample, the grid and the classes.
 */
function checkExperiments(input: ReportInput): void {
  const { dataset, scatter, reconstructions } = input;
  const names = new Set<string>();

  (input.experiments ?? []).forEach((experiment, i) => {
    const path = `experiments[${i}]`;
    if (!EXPERIMENT_NAME.test(experiment.name)) {
      throw invalid(
        `${path}.name is "${experiment.name}", expected lowercase letters, digits and hyphens`,
      );
    }
    if (names.has(experiment.name)) {
      throw invalid(
        `${path}.name "${experiment.name}" is a duplicate, but each experiment needs a unique name for its figure files`,
      );
    }
    names.add(experiment.name);

    if (experiment.epochs.length === 0) {
      throw invalid(`${path}.epochs is empty`);
    }

    const points = scatter.labels.length;
    if (
      experiment.scatter !== null && experiment.scatter.length !== points * 2
    ) {
      throw invalid(
        `${path}.scatter has ${experiment.scatter.length} values, expected ${
          points * 2
        } (2 per label of the scatter sample)`,
      );
    }

    const pixels = reconstructions.count * dataset.height * dataset.width;
    if (experiment.reconstructions.length !== pixels) {
      throw invalid(
        `${path}.reconstructions has ${experiment.reconstructions.length} values, expected ${pixels} (${reconstructions.count} images of ${dataset.height}×${dataset.width})`,
      );
    }

    if (experiment.perClassMse.length !== dataset.classNames.length) {
      throw invalid(
        `${path}.perClassMse has ${experiment.perClassMse.length} values, expected ${dataset.classNames.length} (one per class)`,
      );
    }
  });
}

/** Checks that the decoder layers chain from a 2-D code to an image and the PCA basis fits the image size. */
function checkExplorer(input: ReportInput): void {
  const { explorer, dataset } = input;
  if (!explorer) return;

  const pixels = dataset.height * dataset.width;
  if (explorer.decoder.length === 0) {
    throw invalid("explorer.decoder has no layers");
  }

  let inputs = 2;
  explorer.decoder.forEach((layer, i) => {
    const path = `explorer.decoder[${i}]`;
    if (!isPositiveInteger(layer.units)) {
      throw invalid(
        `${path}.units must be a positive integer, got ${layer.units}`,
      );
    }
    if (layer.kernel.length !== inputs * layer.units) {
      throw invalid(
        `${path}.kernel has ${layer.kernel.length} values, expected ${
          inputs * layer.units
        } (${inputs} inputs × ${layer.units} units)`,
      );
    }
    if (layer.bias.length !== layer.units) {
      throw invalid(
        `${path}.bias has ${layer.bias.length} values, expected ${layer.units}`,
      );
    }
    if (!Object.hasOwn(ACTIVATIONS, layer.activation)) {
      throw invalid(
        `${path}.activation is "${layer.activation}", but the page can decode only ${
          Object.keys(ACTIVATIONS).join(", ")
        }`,
      );
    }
    inputs = layer.units;
  });

  if (inputs !== pixels) {
    throw invalid(
      `the last layer of explorer.decoder has ${inputs} units, expected ${pixels} (${dataset.height}×${dataset.width} pixels)`,
    );
  }
  if (explorer.pca.mean.length !== pixels) {
    throw invalid(
      `explorer.pca.mean has ${explorer.pca.mean.length} values, expected ${pixels}`,
    );
  }
  if (explorer.pca.components.length !== 2 * pixels) {
    throw invalid(
      `explorer.pca.components has ${explorer.pca.components.length} values, expected ${
        2 * pixels
      } (2 components of ${pixels} pixels)`,
    );
  }
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function nonFinite(path: string, value: number): InvalidReportInputError {
  return invalid(
    `${path} is ${value}, so the report would show meaningless numbers. ` +
      "A NaN or infinite loss usually means training diverged, so try a lower --learning-rate",
  );
}

function invalid(detail: string): InvalidReportInputError {
  return new InvalidReportInputError(`Invalid report input: ${detail}.`);
}
