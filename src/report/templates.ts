/**
 * Fills templates/report.html.eta and templates/report.md.eta with a
 * ReportView using Eta. The templates' text comes from
 * src/embedded_assets.ts, so rendering reads no files.
 *
 * @module
 */

import { Eta } from "eta";
import { TEMPLATES } from "../embedded_assets.ts";
import type { ReportView } from "./view.ts";

/** Escapes text for GitHub Flavored Markdown, where the templates interpolate it. */
const markdownHelpers = {
  /** Escapes inline Markdown syntax in running text. */
  text: (value: string) => value.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`),
  /** Escapes a table cell: inline syntax, pipes and line breaks. */
  cell: (value: string) => markdownHelpers.text(value).replace(/\r?\n/g, " "),
  /** Makes text safe inside a code span, which has no escapes: backticks become quotes. */
  code: (value: string) => value.replaceAll("`", "'"),
  /** Escapes the brackets that would end an image's alt text. */
  alt: (value: string) => value.replace(/[[\]\\]/g, (c) => `\\${c}`),
};

/**
 * Renders `report.html.eta`. Eta escapes every `<%= %>` value; only the
 * figures' SVG markup is inserted raw (`<%~ %>`).
 */
export function renderHtml(view: ReportView): string {
  const template = TEMPLATES["report.html.eta"];
  const eta = new Eta({ autoEscape: true });

  return eta.renderString(template, view);
}

/**
 * Renders `report.md.eta`, without HTML escaping, with Markdown escape
 * helpers as `it.md`. Newlines after tags are kept, because blank lines
 * carry meaning in Markdown; the template trims them with `-%>` where needed.
 */
export function renderMarkdown(view: ReportView): string {
  const template = TEMPLATES["report.md.eta"];
  const eta = new Eta({ autoEscape: false, autoTrim: false });

  return eta.renderString(template, { ...view, md: markdownHelpers });
}
