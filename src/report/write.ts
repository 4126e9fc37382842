/**
 * Writes the complete report folder: index.html, report.md, metrics.json
 * and the figures as SVG and PNG.
 *
 * @module
 */

import { dirname, join } from "node:path";
import {
  experimentLossSpec,
  experimentScatterSpec,
  lossSpec,
  scatterSpec,
} from "./charts.ts";
import {
  experimentFigurePaths,
  type ExperimentFigures,
} from "./experiment_view.ts";
import {
  buildExplorer,
  type ExplorerBuild,
  SPRITE_PATH,
} from "./explorer/mod.ts";
import { formatCount, formatMse } from "./format.ts";
import {
  experimentGridHasPca,
  experimentGridSvg,
  GRID_MAX_COLUMNS,
  reconstructionGridSvg,
} from "./grid.ts";
import { DEFAULT_LANG, messagesFor, type ReportLang } from "./i18n/mod.ts";
import type { Messages } from "./i18n/messages.ts";
import { localizedInput } from "./localize.ts";
import { buildMetricsJson } from "./metrics_json.ts";
import {
  checkOutputWritable,
  makeSiblingTempDir,
  removeQuietly,
  swapIntoPlace,
} from "./output.ts";
import { renderSvg, svgToPng } from "./render.ts";
import { labelSvg, prefixSvgIds } from "./svg.ts";
import { renderHtml, renderMarkdown } from "./templates.ts";
import type { ExperimentReport, ReportInput } from "./types.ts";
import { validateReportInput } from "./validate.ts";
import { buildReportView, type RenderedFigures } from "./view.ts";

export { checkOutputWritable };

/**
 * A step of writeReport after which `failAfter` makes it fail on purpose.
 *
 * @example
 * ```ts
 * import { type ReportStep, runReproduction, writeReport } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 1000, epochs: 1 });
 * const failAfter: ReportStep = "charts";
 * await writeReport(input, "reports/latest", { failAfter }).catch(() => {}); // reports/latest is unchanged
 * ```
 */
export type ReportStep =
  | "charts"
  | "grid"
  | "experiments"
  | "explorer"
  | "templates";

/**
 * Options of writeReport.
 *
 * @example
 * ```ts
 * import { runReproduction, writeReport, type WriteReportOptions } from "@hs2006/dimensionality-report";
 *
 * const result = await runReproduction();
 * const options: WriteReportOptions = { extraFiles: result.files, lang: "pt-BR", now: new Date("2026-01-01") };
 * await writeReport(result.input, "reports/latest", options);
 * ```
 */
export interface WriteReportOptions {
  /**
   * Test hook: throw after this step, before the new report is swapped in,
   * to check that a failed run leaves the previous report unchanged.
   */
  failAfter?: ReportStep;
  /** Time to record as the report's creation time (default: now). */
  now?: Date;
  /**
   * More files to write into the report folder before it is swapped in, by
   * relative path (for example the saved model), so that they are replaced
   * together with the report or not at all.
   */
  extraFiles?: Record<string, string | Uint8Array>;
  /** Language of the report's texts and number formats (default "en"). */
  lang?: ReportLang;
}

/**
 * Files and timing of one writeReport call.
 *
 * @example
 * ```ts
 * import { runReproduction, writeReport, type WriteReportResult } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ trainSize: 1000, epochs: 1 });
 * const written: WriteReportResult = await writeReport(input, "reports/small");
 * written.warnings.forEach((warning) => console.warn(warning));
 * console.log(written.outDir, written.files.length, "files");
 * ```
 */
export interface WriteReportResult {
  /** Absolute path of the report folder. */
  outDir: string;
  /** Paths of the written files, relative to `outDir`, in writing order. */
  files: string[];
  /** Wall-clock seconds spent rendering and writing the figures, recorded as `phaseSeconds.rendering`. */
  renderingSeconds: number;
  /** Problems that did not stop the report, for the caller to print. */
  warnings: string[];
}

/** Relative paths of every file in a report folder. */
export const REPORT_FILES = [
  "figures/scatter.svg",
  "figures/scatter.png",
  "figures/loss.svg",
  "figures/loss.png",
  "figures/reconstructions.svg",
  "figures/reconstructions.png",
  "index.html",
  "report.md",
  "metrics.json",
] as const;

/**
 * Relative paths of the files written only for an input whose scatter
 * sample carries its images (`scatter.images`) and whose `explorer` data is
 * present: the tooltip sprite.
 */
export const EXPLORER_FILES = [SPRITE_PATH] as const;

/**
 * Returns the relative paths of the figure files written for one named
 * experiment: its loss chart, its scatter (2-D codes only) and its
 * reconstruction grid, each as SVG and PNG.
 */
export function experimentFiles(
  experiment: Pick<ExperimentReport, "name" | "scatter">,
): string[] {
  const figures = experiment.scatter === null
    ? ["loss", "reconstructions"] as const
    : ["loss", "scatter", "reconstructions"] as const;

  return figures.flatMap((figure) => {
    const paths = experimentFigurePaths(experiment.name, figure);
    return [paths.svgPath, paths.pngPath];
  });
}

/**
 * Renders the report for `input` into `outDir`.
 *
 * The report is built in a temporary folder beside `outDir` (same parent)
 * and swapped in only when every file is written. On any failure the
 * temporary folder is removed and a previous report in `outDir` stays
 * byte for byte as it was.
 *
 * @throws {InvalidReportInputError} if a number in `input` is NaN or infinite, or array sizes disagree; nothing is written.
 * @throws {OutputError} if `outDir` or its parent is not writable.
 *
 * @example Write the report, with the trained model beside it
 * ```ts
 * import { runReproduction, writeReport } from "@hs2006/dimensionality-report";
 *
 * const result = await runReproduction();
 * await writeReport(result.input, "reports/latest", { extraFiles: result.files });
 * ```
 */
export async function writeReport(
  input: ReportInput,
  outDir: string,
  options: WriteReportOptions = {},
): Promise<WriteReportResult> {
  validateReportInput(input);

  const lang = options.lang ?? DEFAULT_LANG;
  const messages = messagesFor(lang);
  // The data's texts in the report's language, for the figures and pages only.
  const localized = localizedInput(input, messages, lang);
  const target = await checkOutputWritable(outDir);
  const generatedAt = options.now ?? new Date();
  const started = performance.now();

  const temp = await makeSiblingTempDir(target);
  try {
    const files: string[] = [];
    const write = async (path: string, data: string | Uint8Array) => {
      const full = join(temp, path);
      if (typeof data === "string") {
        await Deno.writeTextFile(full, data);
      } else {
        await Deno.writeFile(full, data);
      }
      files.push(path);
    };
    await Deno.mkdir(join(temp, "figures"));

    const alts = figureAlts(localized, messages, lang);

    const scatterSvg = labelSvg(
      await renderSvg(scatterSpec(localized, { lang })),
      alts.scatter,
    );
    const lossSvg = labelSvg(
      await renderSvg(lossSpec(localized, { lang })),
      alts.loss,
    );
    await write("figures/scatter.svg", scatterSvg);
    await write("figures/scatter.png", svgToPng(scatterSvg));
    await write("figures/loss.svg", lossSvg);
    await write("figures/loss.png", svgToPng(lossSvg));
    failIfRequested(options, "charts");

    const gridSvg = labelSvg(
      reconstructionGridSvg(localized, messages.gridRows),
      alts.reconstructions,
    );
    await write("figures/reconstructions.svg", gridSvg);
    await write("figures/reconstructions.png", svgToPng(gridSvg));
    failIfRequested(options, "grid");

    const experimentFigures: Record<string, ExperimentFigures> = {};
    for (const experiment of localized.experiments ?? []) {
      experimentFigures[experiment.name] = await writeExperimentFigures(
        localized,
        experiment,
        messages,
        lang,
        write,
      );
    }
    failIfRequested(options, "experiments");

    let explorer: ExplorerBuild | null = null;
    if (localized.explorer) {
      explorer = buildExplorer(
        { ...localized, explorer: localized.explorer },
        lang,
        messages,
      );
      if (explorer.sprite) {
        await write(SPRITE_PATH, explorer.sprite);
      }
    }
    failIfRequested(options, "explorer");

    const renderingSeconds = (performance.now() - started) / 1000;
    const phaseSeconds = {
      ...localized.phaseSeconds,
      rendering: renderingSeconds,
    };

    const figures: RenderedFigures = {
      scatter: { svg: prefixSvgIds(scatterSvg, "scatter"), alt: alts.scatter },
      reconstructions: {
        svg: prefixSvgIds(gridSvg, "reconstructions"),
        alt: alts.reconstructions,
      },
      loss: { svg: prefixSvgIds(lossSvg, "loss"), alt: alts.loss },
      experiments: experimentFigures,
    };
    const view = buildReportView(
      localized,
      figures,
      phaseSeconds,
      generatedAt,
      {
        lang,
        explorer: explorer?.view ?? null,
      },
    );
    await write("index.html", renderHtml(view));
    await write("report.md", renderMarkdown(view));
    failIfRequested(options, "templates");

    const metrics = buildMetricsJson(
      input,
      phaseSeconds,
      generatedAt,
      explorer?.error ?? null,
    );
    await write("metrics.json", JSON.stringify(metrics, null, 2) + "\n");

    for (const [path, data] of Object.entries(options.extraFiles ?? {})) {
      await Deno.mkdir(dirname(join(temp, path)), { recursive: true });
      await write(path, data);
    }

    const warnings = await swapIntoPlace(temp, target);

    return { outDir: target, files, renderingSeconds, warnings };
  } catch (error) {
    await removeQuietly(temp);
    throw error;
  }
}

/**
 * Renders and writes one experiment's figures as SVG and PNG, and returns
 * their markup, with ids prefixed for inlining, and alt texts.
 */
async function writeExperimentFigures(
  input: ReportInput,
  experiment: ExperimentReport,
  messages: Messages,
  lang: ReportLang,
  write: (path: string, data: string | Uint8Array) => Promise<void>,
): Promise<ExperimentFigures> {
  const { name } = experiment;
  const writeFigure = async (
    figure: "loss" | "scatter" | "reconstructions",
    svg: string,
  ) => {
    const paths = experimentFigurePaths(name, figure);
    await write(paths.svgPath, svg);
    await write(paths.pngPath, svgToPng(svg));
  };
  const inline = (svg: string, figure: string, alt: string) => ({
    svg: prefixSvgIds(svg, `experiment-${name}-${figure}`),
    alt,
  });

  const lossAlt = messages.experimentLossAlt(
    name,
    formatMse(experiment.pca.testMse, lang),
    experiment.pca.components,
  );
  const lossSvg = labelSvg(
    await renderSvg(experimentLossSpec(input, experiment, { lang })),
    lossAlt,
  );
  await writeFigure("loss", lossSvg);

  let scatter: ExperimentFigures["scatter"] = null;
  if (experiment.scatter !== null) {
    const scatterAlt = messages.experimentScatterAlt(
      name,
      formatCount(input.scatter.labels.length, lang),
    );
    const scatterSvg = labelSvg(
      await renderSvg(experimentScatterSpec(input, experiment, { lang })),
      scatterAlt,
    );
    await writeFigure("scatter", scatterSvg);
    scatter = inline(scatterSvg, "scatter", scatterAlt);
  }

  const gridAlt = messages.experimentGridAlt(
    name,
    Math.min(GRID_MAX_COLUMNS, input.reconstructions.count),
    experimentGridHasPca(experiment),
  );
  const gridSvg = labelSvg(
    experimentGridSvg(input, experiment, {
      original: messages.gridRows[0],
      pca: messages.gridRows[1],
    }),
    gridAlt,
  );
  await writeFigure("reconstructions", gridSvg);

  return {
    loss: inline(lossSvg, "loss", lossAlt),
    scatter,
    reconstructions: inline(gridSvg, "reconstructions", gridAlt),
  };
}

function failIfRequested(options: WriteReportOptions, step: ReportStep): void {
  if (options.failAfter === step) {
    throw new Error(
      `Report rendering failed on purpose after the ${step} step (options.failAfter)`,
    );
  }
}

function figureAlts(
  input: ReportInput,
  messages: Messages,
  lang: ReportLang,
): { scatter: string; loss: string; reconstructions: string } {
  const points = formatCount(input.scatter.labels.length, lang);
  const columns = Math.min(GRID_MAX_COLUMNS, input.reconstructions.count);

  return {
    scatter: messages.scatterAlt(points, input.scatter.description),
    loss: messages.lossAlt(
      formatMse(input.pca.testMse, lang),
      formatMse(input.meanImage.testMse, lang),
    ),
    reconstructions: messages.reconstructionsAlt(columns),
  };
}
