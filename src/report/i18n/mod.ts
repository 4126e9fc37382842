/**
 * The report's languages and their message tables.
 *
 * @module
 */

import { en } from "./en.ts";
import type { Messages } from "./messages.ts";
import { ptBR } from "./pt_br.ts";

export type { Messages } from "./messages.ts";

/** Languages the report can be written in, as `--lang` accepts them. */
export const REPORT_LANGS = ["en", "pt-BR"] as const;

/** A language the report can be written in. */
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
