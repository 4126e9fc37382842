/**
 * The reconstruction grids: the first images of the sample in columns, with
 * rows for the originals and the PCA and autoencoder reconstructions, and
 * one grid per named experiment.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { CHART_FONT } from "./charts.ts";
import { en } from "./i18n/en.ts";
import { encodeGrayPng, toGrayBytes } from "./png.ts";
import { escapeXml } from "./svg.ts";
import type { ExperimentReport, ReportInput } from "./types.ts";

/** Most images the grid shows; the sample may contain fewer. */
export const GRID_MAX_COLUMNS = 10;

/** Row labels of the grid in English, top to bottom. */
export const GRID_ROW_LABELS = en.gridRows;

/** Target length of a cell's longer side in pixels, rounded so each image pixel is a whole number of pixels. */
const TARGET_CELL_SIZE = 84;
const GAP = 6;
const LABEL_WIDTH = 112;
const MARGIN = 8;
const FONT_SIZE = 14;
/** Estimated width of a label character as a fraction of the font size, generous for Helvetica and DejaVu Sans. */
const LABEL_CHAR_WIDTH = 0.62;

/** One row of an image grid: its label and its images, `[count, height * width]`. */
export interface GridRow {
  label: string;
  images: Float32Array;
}

/**
 * Builds the grid as an SVG document. Each cell is an `<image>` holding a
 * grayscale PNG at the image's own resolution, scaled up by a whole factor
 * with nearest-neighbour sampling. Intensity 0 is black and 1 is white, so
 * digits are white on black as MNIST is usually shown; values outside
 * [0, 1] are clamped.
 *
 * Nearest-neighbour sampling needs two spellings. resvg 2.6.2 honours only
 * the attribute `image-rendering="optimizeSpeed"`, and a CSS rule with
 * `pixelated` (which it does not know) makes it smooth again. Chromium
 * smooths on `optimizeSpeed` and honours only `pixelated`. So the rule sits
 * inside `@supports`, which resvg skips and browsers apply.
 */
export function reconstructionGridSvg(
  input: ReportInput,
  rowLabels: readonly [string, string, string] = GRID_ROW_LABELS,
): string {
  const { reconstructions } = input;

  return imageGridSvg(
    [
      { label: rowLabels[0], images: reconstructions.original },
      { label: rowLabels[1], images: reconstructions.pca },
      { label: rowLabels[2], images: reconstructions.autoencoder },
    ],
    reconstructions.count,
    input.dataset.height,
    input.dataset.width,
  );
}

/**
 * Builds the reconstruction grid of one experiment: the originals, 2-component
 * PCA's reconstructions when the experiment's code is 2-D too, and the
 * experiment's reconstructions, with the same images as the main grid.
 * `labels` are the row labels of the originals and of PCA; the
 * experiment's row is labelled with its name.
 */
export function experimentGridSvg(
  input: ReportInput,
  experiment: ExperimentReport,
  labels: { original: string; pca: string } = {
    original: GRID_ROW_LABELS[0],
    pca: GRID_ROW_LABELS[1],
  },
): string {
  const { reconstructions } = input;
  const rows: GridRow[] = [
    { label: labels.original, images: reconstructions.original },
  ];
  if (experimentGridHasPca(experiment)) {
    rows.push({ label: labels.pca, images: reconstructions.pca });
  }
  rows.push({ label: experiment.name, images: experiment.reconstructions });

  return imageGridSvg(
    rows,
    reconstructions.count,
    input.dataset.height,
    input.dataset.width,
  );
}

/**
 * Returns whether an experiment's grid has a PCA row: the report input holds
 * only 2-component PCA reconstructions, which match only a PCA baseline of 2
 * components.
 */
export function experimentGridHasPca(experiment: ExperimentReport): boolean {
  return experiment.pca.components === 2;
}

/**
 * Builds a grid with one row per entry of `rows` and up to GRID_MAX_COLUMNS
 * columns of `height × width` images (see reconstructionGridSvg for the
 * rendering). The label column widens for labels longer than about 12
 * characters.
 */
export function imageGridSvg(
  rows: GridRow[],
  count: number,
  height: number,
  width: number,
): string {
  const columns = Math.min(GRID_MAX_COLUMNS, count);

  const scale = Math.max(
    1,
    Math.round(TARGET_CELL_SIZE / Math.max(height, width)),
  );
  const cellWidth = width * scale;
  const cellHeight = height * scale;
  const labelWidth = Math.max(
    LABEL_WIDTH,
    ...rows.map((row) =>
      Math.ceil(row.label.length * FONT_SIZE * LABEL_CHAR_WIDTH) + 12
    ),
  );
  const svgWidth = MARGIN + labelWidth + columns * (cellWidth + GAP) - GAP +
    MARGIN;
  const svgHeight = MARGIN + rows.length * (cellHeight + GAP) - GAP +
    MARGIN;

  const pixelsPerImage = height * width;
  const parts: string[] = [];

  rows.forEach(({ label, images }, row) => {
    const top = MARGIN + row * (cellHeight + GAP);

    parts.push(
      `<text x="${MARGIN + labelWidth - 12}" y="${
        top + cellHeight / 2 + FONT_SIZE * 0.35
      }" text-anchor="end">${escapeXml(label)}</text>`,
    );

    for (let column = 0; column < columns; column++) {
      const pixels = images.subarray(
        column * pixelsPerImage,
        (column + 1) * pixelsPerImage,
      );
      const png = encodeGrayPng(toGrayBytes(pixels), width, height);
      const left = MARGIN + labelWidth + column * (cellWidth + GAP);
      parts.push(
        `<image x="${left}" y="${top}" width="${cellWidth}" height="${cellHeight}" preserveAspectRatio="none" image-rendering="optimizeSpeed" href="data:image/png;base64,${
          Buffer.from(png).toString("base64")
        }"/>`,
      );
    }
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" viewBox="0 0 ${svgWidth} ${svgHeight}">`,
    `<style>@supports (image-rendering:pixelated){image{image-rendering:pixelated}}</style>`,
    `<rect width="${svgWidth}" height="${svgHeight}" fill="white"/>`,
    `<g font-family="${CHART_FONT}" font-size="${FONT_SIZE}" fill="#222222">`,
    ...parts,
    `</g>`,
    `</svg>`,
  ].join("\n");
}
