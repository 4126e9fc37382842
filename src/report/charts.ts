/**
 * Vega-Lite specifications of the report's two charts: the side-by-side
 * scatter of 2-D codes and the loss curve. Pure functions of a ReportInput,
 * so the specs are deterministic and can be compared in tests.
 *
 * @module
 */

import type { TopLevelSpec } from "vega-lite";
import type { ReportInput } from "./types.ts";

/** Font stack for chart text: common system fonts first, DejaVu Sans for Linux without them. */
export const CHART_FONT =
  "Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif";

/** Title of the scatter panel that shows the PCA codes. */
export const PCA_TITLE = "PCA";

/** Title of the scatter panel that shows the autoencoder codes. */
export const AUTOENCODER_TITLE = "Autoencoder";

/** Label of the horizontal rule at PCA's test MSE in the loss chart. */
export const PCA_RULE_LABEL = "PCA (2 components)";

/** Label of the dashed rule at the mean-image baseline in the loss chart. */
export const MEAN_IMAGE_RULE_LABEL = "Mean image";

/** Colours of matplotlib's tab10, which equals Vega's category10 scheme. */
const TAB10 = {
  blue: "#1f77b4",
  orange: "#ff7f0e",
  red: "#d62728",
  gray: "#7f7f7f",
};

const SCATTER_PANEL_SIZE = 340;
const POINT_SIZE = 5;
const POINT_OPACITY = 0.6;

/** Returns the legend title of the class colours: "Digit" for MNIST, "Class" otherwise. */
export function classLegendTitle(datasetName: string): string {
  return datasetName.toLowerCase() === "mnist" ? "Digit" : "Class";
}

/**
 * Builds the side-by-side scatter: PCA codes left, autoencoder codes right,
 * coloured by class with one shared legend. Each panel has its own scales
 * because the two codes have unrelated units.
 */
export function scatterSpec(input: ReportInput): TopLevelSpec {
  const { classNames } = input.dataset;

  const color = {
    field: "class",
    type: "nominal" as const,
    scale: {
      domain: classNames,
      scheme: classNames.length <= 10 ? "category10" : "category20",
    },
    legend: {
      title: classLegendTitle(input.dataset.name),
      symbolType: "circle",
      symbolSize: 80,
      symbolOpacity: 1,
      symbolStrokeWidth: 0,
    },
  };

  const panel = (title: string, codes: Float32Array, axisPrefix: string) => ({
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
      x: codeAxis(`${axisPrefix} 1`),
      y: { ...codeAxis(`${axisPrefix} 2`), field: "y" },
      color,
    },
  });

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: 8,
    config: baseConfig(),
    hconcat: [
      panel(PCA_TITLE, input.scatter.pca, "Component"),
      panel(AUTOENCODER_TITLE, input.scatter.autoencoder, "Code unit"),
    ],
    resolve: {
      scale: { x: "independent", y: "independent", color: "shared" },
      legend: { color: "shared" },
    },
  };
}

/**
 * Builds the loss chart: train and validation loss per epoch as lines with
 * points, PCA's test MSE as a solid rule and the mean-image baseline as a
 * dashed rule, each rule labelled at its right end.
 */
export function lossSpec(input: ReportInput): TopLevelSpec {
  const rows = input.autoencoder.epochs.flatMap((record) => [
    { epoch: record.epoch, series: "Train loss", mse: record.loss },
    { epoch: record.epoch, series: "Validation loss", mse: record.valLoss },
  ]);

  const lastEpoch = Math.max(...input.autoencoder.epochs.map((r) => r.epoch));
  const firstEpoch = Math.min(...input.autoencoder.epochs.map((r) => r.epoch));

  const x = {
    field: "epoch",
    type: "quantitative" as const,
    title: "Epoch",
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
    title: "MSE per pixel",
    scale: { zero: true },
    axis: { format: ".3f" },
  };

  const rule = (label: string, mse: number, color: string, dash: number[]) => [
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
        baseline: "bottom" as const,
        dx: -4,
        dy: -3,
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
    config: baseConfig(),
    title: "Reconstruction error per epoch",
    width: 560,
    height: 320,
    layer: [
      ...rule(MEAN_IMAGE_RULE_LABEL, input.meanImage.testMse, TAB10.gray, [
        6,
        4,
      ]),
      ...rule(PCA_RULE_LABEL, input.pca.testMse, TAB10.red, []),
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
              domain: ["Train loss", "Validation loss"],
              range: [TAB10.blue, TAB10.orange],
            },
            legend: { orient: "top", direction: "horizontal" },
          },
        },
      },
    ],
  };
}

function baseConfig() {
  return {
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

function codeAxis(title: string) {
  return {
    field: "x",
    type: "quantitative" as const,
    scale: { zero: false, nice: false, padding: 6 },
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
