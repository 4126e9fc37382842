/**
 * The latent-space explorer of index.html: the page data (decoder, PCA
 * basis, scatter codes, texts), the inlined script and the tooltip sprite.
 *
 * @module
 */

import * as vega from "vega";
import { EXPLORER_SCRIPTS } from "../../embedded_assets.ts";
import {
  classLegendTitle,
  SCATTER_PANEL_SIZE,
  scatterDomains,
} from "../charts.ts";
import { formatCount, localizeDecimal } from "../format.ts";
import type { ReportLang } from "../i18n/mod.ts";
import type { Messages } from "../i18n/messages.ts";
import type { ExplorerData, ReportInput } from "../types.ts";
import type { ExplorerView } from "../view.ts";
import {
  bytesToBase64,
  type DecoderError,
  float32ToBase64,
  measureDecoderError,
  packDecoder,
} from "./pack.ts";
import { encodeSprite, spriteColumns } from "./sprite.ts";

/** Path of the tooltip sprite in the report folder; the page loads it by this relative URL. */
export const SPRITE_PATH = "figures/digits.png";

/** What writeReport adds to the report for the explorer. */
export interface ExplorerBuild {
  /** Texts, page data and script for the HTML template. */
  view: ExplorerView;
  /** The tooltip sprite, or null when the input has no scatter images. */
  sprite: Uint8Array | null;
  /** Measured error of the page's int16 decoder against float32. */
  error: DecoderError;
}

/** Codes of the scatter sample that the decoder's quantisation error is measured on. */
export const ERROR_SAMPLE_CODES = 1000;

/**
 * Builds the explorer for an input that carries `explorer` data: packs the
 * decoder, measures its error on the scatter sample's autoencoder codes,
 * and fills the page data with the panels' scale domains, which are the
 * same numbers scatterSpec passes to Vega.
 */
export function buildExplorer(
  input: ReportInput & { explorer: ExplorerData },
  lang: ReportLang,
  messages: Messages,
): ExplorerBuild {
  const { dataset, scatter, explorer } = input;
  const packedDecoder = packDecoder(explorer.decoder);
  // The first 1000 codes: decoding all 5000 twice in JavaScript took 4.5 s of every render.
  const error = measureDecoderError(
    explorer.decoder,
    packedDecoder,
    scatter.autoencoder.subarray(0, 2 * ERROR_SAMPLE_CODES),
  );
  const domains = scatterDomains(input);
  const count = scatter.labels.length;
  const classTitle = classLegendTitle(dataset.name, messages);
  const scheme = vega.scheme(
    dataset.classNames.length <= 10 ? "category10" : "category20",
  ) as string[];

  const panel = (
    key: "pca" | "autoencoder",
    index: number,
    title: string,
  ) => ({
    key,
    group: `concat_${index}_group`,
    marks: `concat_${index}_marks`,
    width: SCATTER_PANEL_SIZE,
    height: SCATTER_PANEL_SIZE,
    x: domains[key].x,
    y: domains[key].y,
    planeLabel: messages.planeLabel(title),
    planeRole: messages.planeRole,
    decodedAlt: messages.decodedAlt(title, "{x}", "{y}"),
    codeStatus: messages.codeStatus(title, "{x}", "{y}"),
  });

  const data = {
    decimal: lang === "pt-BR" ? "," : ".",
    coordinateSeparator: lang === "pt-BR" ? ";" : ",",
    image: { height: dataset.height, width: dataset.width },
    panels: [
      panel("pca", 0, messages.pcaPanelTitle),
      panel("autoencoder", 1, messages.autoencoderPanelTitle),
    ],
    classes: {
      title: classTitle,
      names: dataset.classNames,
      colors: dataset.classNames.map((_, i) => scheme[i % scheme.length]),
    },
    points: {
      count,
      labels: bytesToBase64(scatter.labels),
      pca: float32ToBase64(scatter.pca),
      autoencoder: float32ToBase64(scatter.autoencoder),
    },
    sprite: scatter.images
      ? { src: SPRITE_PATH, columns: spriteColumns(count) }
      : null,
    decoder: packedDecoder,
    pca: {
      mean: float32ToBase64(explorer.pca.mean),
      components: float32ToBase64(explorer.pca.components),
    },
    text: { nearestPoint: messages.nearestPoint(classTitle, "{class}") },
  };

  const view: ExplorerView = {
    intro: messages.explorerIntro,
    instructions: messages.explorerInstructions,
    noScript: messages.explorerNoScript,
    precision: messages.explorerPrecision(
      formatError(error.max, lang),
      formatError(error.mean, lang),
      formatCount(error.codes, lang),
    ),
    pcaPrecision: messages.explorerPcaPrecision,
    pcaCaption: messages.decodedCaption(messages.pcaPanelTitle),
    autoencoderCaption: messages.decodedCaption(
      messages.autoencoderPanelTitle,
    ),
    imageWidth: dataset.width,
    imageHeight: dataset.height,
    dataJson: scriptSafeJson(data),
    script: explorerScript(),
  };

  const sprite = scatter.images
    ? encodeSprite(scatter.images, count, dataset.height, dataset.width)
    : null;

  return { view, sprite, error };
}

/** Formats an error with 2 significant digits, e.g. `0.0089` or `4.7e-4` → `0.00047`. */
function formatError(value: number, lang: ReportLang): string {
  if (value === 0) return "0";
  const digits = Math.max(0, 1 - Math.floor(Math.log10(Math.abs(value))));
  return localizeDecimal(value.toFixed(Math.min(digits, 20)), lang);
}

/**
 * Serializes `value` as JSON that cannot end a `<script>` element early:
 * `<` becomes `\u003c`, which JSON.parse reads back as `<`.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

/**
 * Returns decode.js followed by page.js without its import of decode.js,
 * as the body of one inline module script. Both texts come from
 * src/embedded_assets.ts.
 *
 * @throws {Error} if a file would end the script element or page.js no longer imports decode.js as expected.
 */
export function explorerScript(): string {
  const decode = EXPLORER_SCRIPTS["decode.js"];
  const page = EXPLORER_SCRIPTS["page.js"];

  const importPattern = /^import \{[^}]*\} from "\.\/decode\.js";\n/m;
  if (!importPattern.test(page)) {
    throw new Error(
      'page.js must import from "./decode.js" in one `import { … } from "./decode.js";` statement',
    );
  }

  const script = `${decode}\n${page.replace(importPattern, "")}`;
  if (/<\/script|<!--/i.test(script)) {
    throw new Error(
      "The explorer script contains `</script` or `<!--`, which would break the inline script element",
    );
  }

  return script;
}
