/**
 * The reconstruction grid: the first images of the sample in columns, with
 * rows for the originals and the PCA and autoencoder reconstructions.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { CHART_FONT } from "./charts.ts";
import { en } from "./i18n/en.ts";
import { encodeGrayPng, toGrayBytes } from "./png.ts";
import { escapeXml } from "./svg.ts";
import type { ReportInput } from "./types.ts";

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
  const { height, width } = input.dataset;
  const { reconstructions } = input;
  const columns = Math.min(GRID_MAX_COLUMNS, reconstructions.count);

  const scale = Math.max(
    1,
    Math.round(TARGET_CELL_SIZE / Math.max(height, width)),
  );
  const cellWidth = width * scale;
  const cellHeight = height * scale;
  const svgWidth = MARGIN + LABEL_WIDTH + columns * (cellWidth + GAP) - GAP +
    MARGIN;
  const svgHeight = MARGIN + rowLabels.length * (cellHeight + GAP) - GAP +
    MARGIN;

  const rows = [
    reconstructions.original,
    reconstructions.pca,
    reconstructions.autoencoder,
  ];
  const pixelsPerImage = height * width;
  const parts: string[] = [];

  rows.forEach((images, row) => {
    const top = MARGIN + row * (cellHeight + GAP);

    parts.push(
      `<text x="${MARGIN + LABEL_WIDTH - 12}" y="${
        top + cellHeight / 2 + FONT_SIZE * 0.35
      }" text-anchor="end">${escapeXml(rowLabels[row])}</text>`,
    );

    for (let column = 0; column < columns; column++) {
      const pixels = images.subarray(
        column * pixelsPerImage,
        (column + 1) * pixelsPerImage,
      );
      const png = encodeGrayPng(toGrayBytes(pixels), width, height);
      const left = MARGIN + LABEL_WIDTH + column * (cellWidth + GAP);
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
