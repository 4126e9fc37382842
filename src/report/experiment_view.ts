/**
 * The view model of the report's experiments section: an overview table of
 * the named experiments, then one subsection each with its figures,
 * measures and the sentences that compare it with PCA, the 2006 paper or
 * another experiment.
 *
 * @module
 */

import { classLegendTitle } from "./charts.ts";
import {
  formatCount,
  formatMse,
  formatPercent,
  formatPercentMagnitude,
  formatSeconds,
  formatSsePerImage,
  formatTrustworthiness,
} from "./format.ts";
import { experimentGridHasPca, GRID_MAX_COLUMNS } from "./grid.ts";
import type { ReportLang } from "./i18n/mod.ts";
import type { Messages } from "./i18n/messages.ts";
import { svgSize } from "./svg.ts";
import type { ExperimentReport, ReportInput } from "./types.ts";
import type { FigureView } from "./view.ts";

/** A figure with its caption. */
export type CaptionedFigure = FigureView & { caption: string };

/** One row of the experiments overview table, formatted. */
export interface ExperimentOverviewRow {
  name: string;
  /** Fragment id of the experiment's subsection, without `#`. */
  id: string;
  codeSize: string;
  parameters: string;
  epochs: string;
  trainMse: string;
  testMse: string;
  pcaTestMse: string;
  knnAccuracy: string;
  trustworthiness: string;
  seconds: string;
}

/** A row of an experiment's measures table: the experiment's value beside its PCA baseline's. */
export interface ExperimentMeasureRow {
  label: string;
  value: string;
  pca: string;
}

/** One experiment's subsection, formatted. */
export interface ExperimentView {
  name: string;
  /** Fragment id of the subsection, without `#`. */
  id: string;
  /** From the experiment file, in the report's language when the file translates it. */
  description: string;
  /** From the experiment file, like `description`, or empty when the file has none. */
  notes: string;
  /** Language of `description` and `notes`, for the HTML `lang` attribute. */
  textLang: ReportLang;
  /** Training time and epochs, and whether the model was reused. */
  trainingSentence: string;
  /** Header of the PCA column, e.g. "PCA (30 components)". */
  pcaColumn: string;
  measures: ExperimentMeasureRow[];
  /** Sentences that compare the experiment with PCA, the paper or another experiment. */
  findings: string[];
  /** The 2006 paper's squared errors per image beside this run's, or null where they do not apply. */
  paperSse: {
    intro: string;
    rows: { model: string; value: string; source: string }[];
    note: string;
  } | null;
  loss: CaptionedFigure;
  /** The scatter of 2-D codes, or null for other code sizes. */
  scatter: CaptionedFigure | null;
  reconstructions: CaptionedFigure;
}

/** The experiments section. */
export interface ExperimentsView {
  overview: ExperimentOverviewRow[];
  sections: ExperimentView[];
}

/** An experiment's rendered figures: inline SVG markup and alt text. */
export interface ExperimentFigures {
  loss: { svg: string; alt: string };
  scatter: { svg: string; alt: string } | null;
  reconstructions: { svg: string; alt: string };
}

/**
 * Experiments whose test MSE the report compares with another
 * experiment's when both ran: the deeper, longer-trained network against
 * the baseline, and RBM pretraining against the same network trained from
 * a random start.
 */
export const EXPERIMENT_COMPARISONS: Readonly<Record<string, string>> = {
  "deep-long": "baseline",
  "hs2006-rbm": "hs2006",
};

/**
 * Squared errors per test image of 30-D codes of MNIST that Hinton &
 * Salakhutdinov (2006, Science 313:504) print with Fig. 2, measured with
 * their own protocol.
 */
export const PAPER_SSE_PER_IMAGE = {
  autoencoder: 3.00,
  logisticPca: 8.01,
  pca: 13.87,
} as const;

/** Returns the relative paths of an experiment's figure, e.g. `figures/experiment-linear-loss.svg`. */
export function experimentFigurePaths(
  name: string,
  figure: "loss" | "scatter" | "reconstructions",
): { svgPath: string; pngPath: string } {
  const stem = `figures/experiment-${name}-${figure}`;
  return { svgPath: `${stem}.svg`, pngPath: `${stem}.png` };
}

/** Builds the experiments section, or returns null when no experiment ran. */
export function buildExperimentsView(
  input: ReportInput,
  figures: Record<string, ExperimentFigures>,
  t: Messages,
  lang: ReportLang,
): ExperimentsView | null {
  const experiments = input.experiments ?? [];
  if (experiments.length === 0) return null;

  const none = t.notApplicable;
  const mse = (value: number) => formatMse(value, lang);
  const knn = (value: number | null) =>
    value === null ? none : formatPercent(value, lang);
  const trust = (value: number | null) =>
    value === null ? none : formatTrustworthiness(value, lang);

  const overview = experiments.map((experiment) => ({
    name: experiment.name,
    id: experimentId(experiment.name),
    codeSize: formatCount(experiment.codeSize, lang),
    parameters: formatCount(experiment.parameters, lang),
    epochs: formatCount(experiment.epochs.length, lang),
    trainMse: mse(experiment.trainMse),
    testMse: mse(experiment.testMse),
    pcaTestMse: mse(experiment.pca.testMse),
    knnAccuracy: knn(experiment.knnAccuracy),
    trustworthiness: trust(experiment.trustworthiness),
    seconds: formatSeconds(experiment.seconds, lang),
  }));

  const sections = experiments.map((experiment) => {
    const rendered = figures[experiment.name];
    if (!rendered) {
      throw new Error(
        `buildExperimentsView: no rendered figures for experiment "${experiment.name}"`,
      );
    }
    return experimentSection(input, experiment, rendered, t, lang);
  });

  return { overview, sections };
}

function experimentSection(
  input: ReportInput,
  experiment: ExperimentReport,
  figures: ExperimentFigures,
  t: Messages,
  lang: ReportLang,
): ExperimentView {
  const none = t.notApplicable;
  const mse = (value: number) => formatMse(value, lang);
  const knn = (value: number | null) =>
    value === null ? none : formatPercent(value, lang);
  const trust = (value: number | null) =>
    value === null ? none : formatTrustworthiness(value, lang);
  const { name, pca } = experiment;
  const epochCount = experiment.epochs.length;
  const gap = formatPercentMagnitude(experiment.gapToPcaPercent, lang);
  const above = experiment.gapToPcaPercent > 0;

  const measures: ExperimentMeasureRow[] = [
    {
      label: t.trainMseHeader,
      value: mse(experiment.trainMse),
      pca: mse(pca.trainMse),
    },
    {
      label: t.testMseHeader,
      value: mse(experiment.testMse),
      pca: mse(pca.testMse),
    },
    {
      label: t.trainCrossEntropyRow,
      // Cross-entropy per pixel gets the same 4 decimals as the MSE.
      value: mse(experiment.trainCrossEntropy),
      pca: none,
    },
    {
      label: t.testCrossEntropyRow,
      value: mse(experiment.testCrossEntropy),
      pca: none,
    },
    {
      label: t.testSsePerImageRow,
      value: formatSsePerImage(experiment.testSsePerImage, lang),
      pca: formatSsePerImage(pca.testSsePerImage, lang),
    },
    {
      label: t.knnAccuracyHeader,
      value: knn(experiment.knnAccuracy),
      pca: knn(pca.knnAccuracy),
    },
    {
      label: t.trustworthinessHeader,
      value: trust(experiment.trustworthiness),
      pca: trust(pca.trustworthiness),
    },
  ];

  // Rows of 2-D measures say nothing for a code of another size.
  const shownMeasures = measures.filter((row) =>
    row.value !== none || row.pca !== none
  );

  const findings: string[] = [];
  if (isLinearAutoencoder(experiment)) {
    findings.push(t.linearBound(epochCount, gap, pca.components, above));
  } else {
    findings.push(t.gapToPca(gap, pca.components, above));
  }
  if (experiment.pretraining) {
    findings.push(t.rbmFollowsPaper(experiment.pretraining.epochs));
  }
  const comparison = compareWithOther(input, experiment, t, lang);
  if (comparison) findings.push(comparison);

  const trainingSentence = [
    t.trainingFacts(
      epochCount,
      formatSeconds(experiment.seconds, lang),
      experiment.pretraining
        ? {
          epochs: experiment.pretraining.epochs,
          seconds: experiment.pretraining.seconds === null
            ? null
            : formatSeconds(experiment.pretraining.seconds, lang),
        }
        : null,
    ),
    ...(experiment.reused ? [t.reusedSentence] : []),
  ].join(" ");

  const points = formatCount(input.scatter.labels.length, lang);
  const colourBy = classLegendTitle(input.dataset.name, t).toLowerCase();
  const gridCount = Math.min(GRID_MAX_COLUMNS, input.reconstructions.count);
  const withPca = experimentGridHasPca(experiment);

  return {
    name,
    id: experimentId(name),
    description: experiment.description,
    notes: experiment.notes,
    // localizedInput put the translation in place when the file has one.
    textLang: lang !== "en" && experiment.translations?.[lang] ? lang : "en",
    trainingSentence,
    pcaColumn: t.pcaComponentsColumn(pca.components),
    measures: shownMeasures,
    findings,
    paperSse: paperSseView(input, experiment, t, lang),
    loss: {
      ...figures.loss,
      ...experimentFigurePaths(name, "loss"),
      caption: t.experimentLossCaption(name, pca.components),
    },
    scatter: figures.scatter
      ? {
        ...figures.scatter,
        ...experimentFigurePaths(name, "scatter"),
        // Thousands of points make this SVG about 0.8 MB, so the page shows
        // the file through <img> instead of inlining one per experiment.
        image: svgSize(figures.scatter.svg),
        caption: t.experimentScatterCaption(
          name,
          points,
          input.scatter.description,
          colourBy,
        ),
      }
      : null,
    reconstructions: {
      ...figures.reconstructions,
      ...experimentFigurePaths(name, "reconstructions"),
      caption: t.experimentGridCaption(
        name,
        gridCount,
        experiment.codeSize,
        withPca,
      ),
    },
  };
}

/** Fragment id of an experiment's subsection; experiment names are lowercase letters, digits and hyphens. */
function experimentId(name: string): string {
  return `experiment-${name}`;
}

/** Returns whether every layer of the experiment is linear, so that PCA bounds its training error. */
function isLinearAutoencoder(experiment: ExperimentReport): boolean {
  return experiment.activation === "linear" &&
    experiment.outputActivation === "linear";
}

function compareWithOther(
  input: ReportInput,
  experiment: ExperimentReport,
  t: Messages,
  lang: ReportLang,
): string | null {
  const otherName = EXPERIMENT_COMPARISONS[experiment.name];
  const other = input.experiments?.find((item) => item.name === otherName);
  if (!other) return null;

  const lower = experiment.testMse < other.testMse;
  const percent = formatPercentMagnitude(
    (experiment.testMse - other.testMse) / other.testMse * 100,
    lang,
  );
  return t.compareWith(
    other.name,
    formatMse(experiment.testMse, lang),
    formatMse(other.testMse, lang),
    lower,
    percent,
  );
}

/**
 * Returns the table of squared errors per image beside the paper's, for a
 * 30-D code of 28×28 MNIST (the paper's setting), or null otherwise.
 */
function paperSseView(
  input: ReportInput,
  experiment: ExperimentReport,
  t: Messages,
  lang: ReportLang,
): ExperimentView["paperSse"] {
  const { dataset } = input;
  const paperSetting = experiment.codeSize === 30 &&
    dataset.name.toLowerCase() === "mnist" &&
    dataset.height === 28 && dataset.width === 28;
  if (!paperSetting) return null;

  const sse = (value: number) => formatSsePerImage(value, lang);
  return {
    intro: t.paperSseIntro,
    rows: [
      {
        model: experiment.name,
        value: sse(experiment.testSsePerImage),
        source: t.thisRun,
      },
      {
        model: t.pcaComponentsColumn(experiment.pca.components),
        value: sse(experiment.pca.testSsePerImage),
        source: t.thisRun,
      },
      {
        model: t.paperAutoencoderRow,
        value: sse(PAPER_SSE_PER_IMAGE.autoencoder),
        source: t.paperSource,
      },
      {
        model: t.paperLogisticPcaRow,
        value: sse(PAPER_SSE_PER_IMAGE.logisticPca),
        source: t.paperSource,
      },
      {
        model: t.paperPcaRow,
        value: sse(PAPER_SSE_PER_IMAGE.pca),
        source: t.paperSource,
      },
    ],
    note: t.paperSseNote,
  };
}
