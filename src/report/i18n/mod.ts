/**
 * The report's languages and their message tables.
 *
 * @module
 */

import { en } from "./en.ts";
import type { Messages } from "./messages.ts";
import { ptBR } from "./pt_br.ts";

export type { Messages } from "./messages.ts";

/**
 * Languages the report can be written in, as `--lang` accepts them.
 *
 * @example
 * ```ts
 * import { REPORT_LANGS } from "@hs2006/dimensionality-report";
 *
 * console.log(REPORT_LANGS.join(", ")); // "en, pt-BR"
 * ```
 */
export const REPORT_LANGS = ["en", "pt-BR"] as const;

/**
 * A language the report can be written in.
 *
 * @example
 * ```ts
 * import { type ReportLang, runReproduction, writeReport } from "@hs2006/dimensionality-report";
 *
 * const lang: ReportLang = "pt-BR";
 * const result = await runReproduction();
 * await writeReport(result.input, "reports/pt-br", { extraFiles: result.files, lang });
 * ```
 */
export type ReportLang = typeof REPORT_LANGS[number];

/** Language of a report written without `--lang`. */
export const DEFAULT_LANG: ReportLang = "en";

const TABLES: Record<ReportLang, Messages> = { en, "pt-BR": ptBR };

/** Returns the message table of `lang`. */
export function messagesFor(lang: ReportLang): Messages {
  return TABLES[lang];
}

/**
 * Returns the supported language that `text` names, ignoring case
 * (`pt-br` gives `pt-BR`), or undefined if none does.
 */
export function parseReportLang(text: string): ReportLang | undefined {
  return REPORT_LANGS.find((lang) => lang.toLowerCase() === text.toLowerCase());
}
