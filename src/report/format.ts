/**
 * Number formats shared by the HTML and Markdown reports. Every function
 * takes the report language: English writes `0.0560` and `60,000`,
 * Brazilian Portuguese writes `0,0560` and `60.000`.
 *
 * @module
 */

import type { ReportLang } from "./i18n/mod.ts";

/** Replaces the decimal point of a number written by toFixed or toPrecision, for `lang`. */
export function localizeDecimal(text: string, lang: ReportLang = "en"): string {
  return lang === "pt-BR" ? text.replace(".", ",") : text;
}

/**
 * Formats a mean squared error with 4 decimals, e.g. `0.0560`.
 *
 * Values below 0.0005 (other than 0) would round to `0.0000`, so they get 3
 * significant digits instead, e.g. `0.000312`.
 */
export function formatMse(value: number, lang: ReportLang = "en"): string {
  if (value !== 0 && Math.abs(value) < 0.0005) {
    return localizeDecimal(value.toPrecision(3), lang);
  }

  return localizeDecimal(value.toFixed(4), lang);
}

/** Formats wall-clock seconds with one decimal below 100 s and none above, e.g. `12.3`, `412`. */
export function formatSeconds(value: number, lang: ReportLang = "en"): string {
  return localizeDecimal(
    Math.abs(value) < 100 ? value.toFixed(1) : value.toFixed(0),
    lang,
  );
}

/** Formats an integer with thousands separators, e.g. `60,000` (`60.000` in pt-BR). */
export function formatCount(value: number, lang: ReportLang = "en"): string {
  return value.toLocaleString(lang === "pt-BR" ? "pt-BR" : "en-US");
}

/** Formats a fraction as a percentage with one decimal, e.g. `0.0973` → `9.7%`. */
export function formatPercent(
  fraction: number,
  lang: ReportLang = "en",
): string {
  return `${localizeDecimal((fraction * 100).toFixed(1), lang)}%`;
}

/** Formats a byte count with a binary unit, e.g. `9,912,422` → `9.45 MiB`. */
export function formatBytes(bytes: number, lang: ReportLang = "en"): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  return unit === 0
    ? `${bytes} B`
    : `${localizeDecimal(value.toFixed(2), lang)} ${units[unit]}`;
}

/**
 * Formats an environment or configuration value for a key/value table.
 * Numbers get the language's decimal separator; `none` is the text for null.
 */
export function formatValue(
  value: string | number | boolean | null | number[],
  lang: ReportLang = "en",
  none = "none",
): string {
  if (value === null) {
    return none;
  }

  if (Array.isArray(value)) {
    return value.join("-");
  }

  if (typeof value === "number") {
    return localizeDecimal(String(value), lang);
  }

  return String(value);
}

/**
 * Formats a value that is already in percent, without its sign, with 2
 * decimals below 10 and 1 above, e.g. `0.3125` → `0.31%`, `-12.34` → `12.3%`.
 * The caller words the sign ("above", "below").
 */
export function formatPercentMagnitude(
  percent: number,
  lang: ReportLang = "en",
): string {
  const magnitude = Math.abs(percent);
  // Decide on the rounded value, so 9.999 becomes 10.0%, not 10.00%.
  const decimals = Number(magnitude.toFixed(2)) < 10 ? 2 : 1;

  return `${localizeDecimal(magnitude.toFixed(decimals), lang)}%`;
}

/** Formats a trustworthiness in [0, 1] with 3 decimals, e.g. `0.912`. */
export function formatTrustworthiness(
  value: number,
  lang: ReportLang = "en",
): string {
  return localizeDecimal(value.toFixed(3), lang);
}

/** Formats a squared error per image with 2 decimals, as Hinton & Salakhutdinov (2006) print theirs, e.g. `13.87`. */
export function formatSsePerImage(
  value: number,
  lang: ReportLang = "en",
): string {
  return localizeDecimal(value.toFixed(2), lang);
}
