/**
 * Vega-Lite specifications of the report's charts: the side-by-side
 * scatter of 2-D codes and the loss curve, and the same charts for each
 * named experiment. Pure functions of a ReportInput, so the specs are
 * deterministic and can be compared in tests.
 *
 * @module
 */

import type { TopLevelSpec } from "vega-lite";
import { en } from "./i18n/en.ts";
import { messagesFor, type ReportLang } from "./i18n/mod.ts";
import type { Messages } from "./i18n/messages.ts";
import type { EpochRecord } from "../types.ts";
import type { ExperimentReport, ReportInput } from "./types.ts";

/** Font stack for chart text: common system fonts first, DejaVu Sans for Linux without them. */
export const CHART_FONT =
  "Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif";

/** Title of the scatter panel that shows the PCA codes, in English. */
export const PCA_TITLE = en.pcaPanelTitle;

/** Title of the scatter panel that shows the autoencoder codes, in English. */
export const AUTOENCODER_TITLE = en.autoencoderPanelTitle;

/** Label of the horizontal rule at PCA's test MSE in the loss chart, in English. */
export const PCA_RULE_LABEL = en.pcaRuleLabel;

/** Label of the dashed rule at the mean-image baseline in the loss chart, in English. */
export const MEAN_IMAGE_RULE_LABEL = en.meanImageRuleLabel;

/** Options of the chart specs. */
export interface ChartOptions {
  /** Language of titles, labels and number formats (default "en"). */
  lang?: ReportLang;
}

/** Colours of matplotlib's tab10, which equals Vega's category10 scheme. */
const TAB10 = {
  blue: "#1f77b4",
  orange: "#ff7f0e",
  red: "#d62728",
  gray: "#7f7f7f",
};

/** Width and height of each scatter panel's plot area in SVG pixels. */
export const SCATTER_PANEL_SIZE = 340;
const POINT_SIZE = 5;
const POINT_OPACITY = 0.6;

/**
 * Fraction of a code's range added on each side of the scatter domain, so
 * the outermost points are not cut in half by the panel's edge. About 6 px
 * of a 340 px panel.
 */
const DOMAIN_MARGIN = 0.018;

/** Domains of a scatter panel's x and y scales, in code units. */
export interface PanelDomains {
  x: [number, number];
  y: [number, number];
}

/**
 * Returns the legend title of the class colours: "Digit" for MNIST, "Class"
 * otherwise, in the language of `messages` (default English).
 */
export function classLegendTitle(
  datasetName: string,
  messages: Messages = en,
): string {
  return datasetName.toLowerCase() === "mnist"
    ? messages.legendDigit
    : messages.legendClass;
}

/**
 * Computes the x and y domains of both scatter panels: the codes' range
 * widened by DOMAIN_MARGIN on each side. The specs use these domains with
 * `nice` and `zero` off and no padding, so the plot area's left and right
 * edges are exactly `x[0]` and `x[1]`, and its bottom and top edges `y[0]`
 * and `y[1]`. The page's explorer maps pointer positions to codes with the
 * same numbers.
 */
export function scatterDomains(
  input: ReportInput,
): { pca: PanelDomains; autoencoder: PanelDomains } {
  return {
    pca: panelDomains(input.scatter.pca),
    autoencoder: panelDomains(input.scatter.autoencoder),
  };
}

function panelDomains(codes: Float32Array): PanelDomains {
  return { x: axisDomain(codes, 0), y: axisDomain(codes, 1) };
}

function axisDomain(codes: Float32Array, offset: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < codes.length; i += 2) {
    min = Math.min(min, codes[i]);
    max = Math.max(max, codes[i]);
  }

  if (min > max) {
    // No points: any non-empty domain draws an empty panel.
    return [-1, 1];
  }

  // All points at one value would give an empty domain, so widen it by 1.
  const margin = max > min ? (max - min) * DOMAIN_MARGIN : 1;
  return [min - margin, max + margin];
}

/**
 * Builds the side-by-side scatter: PCA codes left, autoencoder codes right,
 * coloured by class with one shared legend. Each panel has its own scales
 * because the two codes have unrelated units.
 */
export function scatterSpec(
  input: ReportInput,
  options: ChartOptions = {},
): TopLevelSpec {
  const messages = messagesFor(options.lang ?? "en");
  const domains = scatterDomains(input);
  const color = classColor(input, messages);

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: 8,
    config: baseConfig(options.lang ?? "en"),
    hconcat: [
      scatterPanel(
        input,
        messages.pcaPanelTitle,
        input.scatter.pca,
        messages.componentAxis,
        domains.pca,
        color,
      ),
      scatterPanel(
        input,
        messages.autoencoderPanelTitle,
        input.scatter.autoencoder,
        messages.codeUnitAxis,
        domains.autoencoder,
        color,
      ),
    ],
    resolve: {
      scale: { x: "independent", y: "independent", color: "shared" },
      legend: { color: "shared" },
    },
  };
}

/**
 * Builds the scatter of one experiment's 2-D codes of the scatter sample:
 * a single panel in the style of the main scatter, titled with the
 * experiment's name.
 *
 * @throws {Error} if the experiment has no 2-D codes (`scatter` is null).
 */
export function experimentScatterSpec(
  input: ReportInput,
  experiment: ExperimentReport,
  options: ChartOptions = {},
): TopLevelSpec {
  if (experiment.scatter === null) {
    throw new Error(
      `experimentScatterSpec: experiment "${experiment.name}" has a ${experiment.codeSize}-D code and no scatter codes`,
    );
  }

  const messages = messagesFor(options.lang ?? "en");

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: 8,
    config: baseConfig(options.lang ?? "en"),
    ...scatterPanel(
      input,
      experiment.name,
      experiment.scatter,
      messages.codeUnitAxis,
      panelDomains(experiment.scatter),
      classColor(input, messages),
    ),
  };
}

function classColor(input: ReportInput, messages: Messages) {
  const { classNames } = input.dataset;

  return {
    field: "class",
    type: "nominal" as const,
    scale: {
      domain: classNames,
      scheme: classNames.length <= 10 ? "category10" : "category20",
    },
    legend: {
      title: classLegendTitle(input.dataset.name, messages),
      symbolType: "circle",
      symbolSize: 80,
      symbolOpacity: 1,
      symbolStrokeWidth: 0,
      // Room for the longest class names, e.g. pt-BR "Bota de cano curto".
      labelLimit: 200,
    },
  };
}

function scatterPanel(
  input: ReportInput,
  title: string,
  codes: Float32Array,
  axisTitle: (index: number) => string,
  domains: PanelDomains,
  color: ReturnType<typeof classColor>,
) {
  return {
    title,
    width: SCATTER_PANEL_SIZE,
    height: SCATTER_PANEL_SIZE,
    data: { values: scatterRows(input, codes) },
    mark: {
      type: "circle" as const,
      size: POINT_SIZE,
      opacity: POINT_OPACITY,
      // Per-point ARIA labels would triple the size of the inline SVG.
      aria: false,
    },
    encoding: {
      x: codeAxis(axisTitle(1), domains.x),
      y: { ...codeAxis(axisTitle(2), domains.y), field: "y" },
      color,
    },
  };
}

/**
 * Builds the loss chart: train and validation loss per epoch as lines with
 * points, PCA's test MSE as a solid rule and the mean-image baseline as a
 * dashed rule, each rule labelled at its right end.
 */
export function lossSpec(
  input: ReportInput,
  options: ChartOptions = {},
): TopLevelSpec {
  const messages = messagesFor(options.lang ?? "en");

  return lossChartSpec(
    messages.lossChartTitle,
    input.autoencoder.epochs,
    [
      {
        label: messages.meanImageRuleLabel,
        mse: input.meanImage.testMse,
        color: TAB10.gray,
        dash: [6, 4],
      },
      {
        label: messages.pcaRuleLabel,
        mse: input.pca.testMse,
        color: TAB10.red,
        dash: [],
      },
    ],
    options.lang ?? "en",
  );
}

/**
 * Builds the loss chart of one experiment, as lossSpec does for the main
 * model: its train and validation loss per epoch, with the test MSE of PCA
 * with as many components as its code (solid) and the mean-image baseline
 * (dashed) as rules.
 */
export function experimentLossSpec(
  input: ReportInput,
  experiment: ExperimentReport,
  options: ChartOptions = {},
): TopLevelSpec {
  const messages = messagesFor(options.lang ?? "en");

  return lossChartSpec(
    messages.experimentLossTitle(experiment.name),
    experiment.epochs,
    [
      {
        label: messages.meanImageRuleLabel,
        mse: input.meanImage.testMse,
        color: TAB10.gray,
        dash: [6, 4],
      },
      {
        label: messages.pcaComponentsRuleLabel(experiment.pca.components),
        mse: experiment.pca.testMse,
        color: TAB10.red,
        dash: [],
      },
    ],
    options.lang ?? "en",
  );
}

/** A labelled horizontal line of a loss chart. */
interface LossRule {
  label: string;
  mse: number;
  color: string;
  /** Stroke dash pattern in pixels; empty for a solid line. */
  dash: number[];
}

function lossChartSpec(
  title: string,
  epochs: readonly EpochRecord[],
  rules: LossRule[],
  lang: ReportLang,
): TopLevelSpec {
  const messages = messagesFor(lang);
  const trainSeries = messages.trainLossSeries;
  const validationSeries = messages.validationLossSeries;
  const rows = epochs.flatMap((record) => [
    { epoch: record.epoch, series: trainSeries, mse: record.loss },
    { epoch: record.epoch, series: validationSeries, mse: record.valLoss },
  ]);

  const lastEpoch = Math.max(...epochs.map((r) => r.epoch));
  const firstEpoch = Math.min(...epochs.map((r) => r.epoch));

  const x = {
    field: "epoch",
    type: "quantitative" as const,
    title: messages.epochAxis,
    scale: {
      // A single epoch would give an empty domain, so widen it by one.
      domain: [firstEpoch, Math.max(lastEpoch, firstEpoch + 1)],
      nice: false,
      zero: false,
      // Keeps the first and last points off the axis lines, in pixels.
      padding: 12,
    },
    axis: { format: "d", tickMinStep: 1, grid: false },
  };

  const y = {
    field: "mse",
    type: "quantitative" as const,
    title: messages.mseAxis,
    scale: { zero: true },
    axis: { format: ".3f" },
  };

  // A rule's label sits above its line unless both curves end on or above
  // the line, where the label would cover their last points.
  const last = epochs[epochs.length - 1];
  const curvesEndAbove = (mse: number) =>
    last.loss >= mse && last.valLoss >= mse;

  const ruleLayers = ({ label, mse, color, dash }: LossRule) => [
    {
      data: { values: [{ label, mse }] },
      mark: {
        type: "rule" as const,
        color,
        strokeWidth: 1.5,
        strokeDash: dash,
      },
      encoding: { y },
    },
    {
      data: { values: [{ label, mse }] },
      mark: {
        type: "text" as const,
        color,
        align: "right" as const,
        ...(curvesEndAbove(mse)
          ? { baseline: "top" as const, dx: -4, dy: 3 }
          : { baseline: "bottom" as const, dx: -4, dy: -3 }),
        fontSize: 12,
      },
      encoding: {
        x: { value: "width" as const },
        y,
        text: { field: "label", type: "nominal" as const },
      },
    },
  ];

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: 8,
    config: baseConfig(lang),
    title,
    width: 560,
    height: 320,
    layer: [
      ...rules.flatMap(ruleLayers),
      {
        data: { values: rows },
        mark: {
          type: "line",
          point: { size: 36, filled: true },
          strokeWidth: 2,
        },
        encoding: {
          x,
          y,
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: {
              domain: [trainSeries, validationSeries],
              range: [TAB10.blue, TAB10.orange],
            },
            // Vega cuts legend labels at 160 px by default, which cut
            // "Perda de validação" short.
            legend: { orient: "top", direction: "horizontal", labelLimit: 400 },
          },
        },
      },
    ],
  };
}

/**
 * Number formats of Brazilian Portuguese for Vega's d3-format: decimal
 * comma and a dot between thousands.
 */
const PT_BR_NUMBER_LOCALE = {
  decimal: ",",
  thousands: ".",
  grouping: [3],
  currency: ["R$", ""] as [string, string],
};

function baseConfig(lang: ReportLang) {
  return {
    // Vega's own ARIA labels of axes, legends and marks are English only; each
    // figure has a translated label and alt text of its own instead.
    aria: false,
    ...(lang === "pt-BR" ? { locale: { number: PT_BR_NUMBER_LOCALE } } : {}),
    font: CHART_FONT,
    title: {
      fontSize: 16,
      fontWeight: "bold" as const,
      anchor: "middle" as const,
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal" as const,
    },
    legend: { labelFontSize: 12, titleFontSize: 12 },
    view: { stroke: "#bbbbbb" },
  };
}

function codeAxis(title: string, domain: [number, number]) {
  return {
    field: "x",
    type: "quantitative" as const,
    scale: { domain, zero: false, nice: false, padding: 0 },
    axis: {
      title,
      labels: false,
      ticks: false,
      grid: false,
      domain: false,
      titleColor: "#555555",
    },
  };
}

function scatterRows(input: ReportInput, codes: Float32Array) {
  const { labels } = input.scatter;
  const { classNames } = input.dataset;

  return Array.from(labels, (label, i) => ({
    x: codes[2 * i],
    y: codes[2 * i + 1],
    class: classNames[label],
  }));
}
