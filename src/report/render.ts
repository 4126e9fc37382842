/**
 * Renders Vega-Lite specs to SVG with Vega's headless View and rasterizes
 * SVG to PNG with resvg.
 *
 * @module
 */

import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

/** Scale factor of the PNG figures relative to their SVG size, for sharp text on high-DPI screens. */
export const PNG_SCALE = 2;

/**
 * Compiles a Vega-Lite spec and renders it to an SVG document.
 *
 * Without a canvas (as under Deno), Vega 6 estimates a text's width as
 * 0.8 × font size per character instead of measuring it. That is wider
 * than most fonts draw, so labels get extra room rather than being clipped.
 * Clip-path ids restart at `clip1` on every call, which keeps the SVG the
 * same for the same spec, and `prefixSvgIds` makes them unique within a page.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;

  const view = new vega.View(vega.parse(compiled), {
    renderer: "none",
    logLevel: vega.Warn,
  });

  try {
    vega.resetSVGDefIds();
    return roundTranslations(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Rounds the offsets in `translate(x,y)` to 2 decimals, because Vega writes
 * about 15 digits each. For 10,000 scatter points this cut the SVG from
 * 1.80 MB to 1.57 MB, and 0.005 px cannot be seen.
 */
function roundTranslations(svg: string): string {
  return svg.replace(
    /translate\((-?[\d.]+),(-?[\d.]+)\)/g,
    (_match, x: string, y: string) => `translate(${round2(x)},${round2(y)})`,
  );
}

function round2(text: string): string {
  return String(Math.round(Number(text) * 100) / 100);
}

/** Rasterizes an SVG document to PNG at `scale` times its size, using system fonts for text. */
export function svgToPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });

  return resvg.render().asPng();
}
