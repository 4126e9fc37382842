/**
 * The report: charts, reconstruction grid, HTML and Markdown pages and
 * metrics.json, written atomically to one folder.
 *
 * main.ts calls {@link checkOutputWritable} before training and
 * {@link writeReport} after it.
 *
 * @module
 */

export type {
  EmbeddingSummary,
  ExperimentReport,
  PcaBaseline,
  ReconstructionSample,
  ReportInput,
  ScatterSample,
} from "./types.ts";
export {
  checkOutputWritable,
  experimentFiles,
  EXPLORER_FILES,
  REPORT_FILES,
  type ReportStep,
  writeReport,
  type WriteReportOptions,
  type WriteReportResult,
} from "./write.ts";
export { InvalidReportInputError, validateReportInput } from "./validate.ts";
export { lossSpec, scatterDomains, scatterSpec } from "./charts.ts";
export {
  DEFAULT_LANG,
  type Messages,
  messagesFor,
  parseReportLang,
  REPORT_LANGS,
  type ReportLang,
} from "./i18n/mod.ts";
export { reconstructionGridSvg } from "./grid.ts";
export type { ExperimentMetrics, MetricsJson } from "./metrics_json.ts";
export {
  makeSampleReportInput,
  type SampleInputOptions,
} from "./sample_input.ts";
