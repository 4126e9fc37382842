/**
 * Small edits to finished SVG documents: accessible names and ids that stay
 * unique when several SVGs are inlined in one HTML page.
 *
 * @module
 */

/**
 * Gives an SVG document `role="img"`, an `aria-label` and a `<title>`, so
 * screen readers announce the figure as one image with that name. Replaces
 * an existing role or label on the root element, and removes the ARIA
 * attributes of the elements inside, which Vega writes in English only
 * ("group mark container", "Title text '…'"): the page's explorer turns the
 * scatter's root into a group, which would expose them.
 */
export function labelSvg(svg: string, label: string): string {
  const match = svg.match(/<svg\b[^>]*>/);
  if (!match || match.index === undefined) {
    throw new Error("labelSvg: the text does not contain an <svg> element");
  }

  const escaped = escapeXml(label);
  const rootTag = match[0]
    .replace(/\s(role|aria-label)="[^"]*"/g, "")
    .replace(/^<svg/, `<svg role="img" aria-label="${escaped}"`);
  const end = match.index + match[0].length;

  const inner = svg.slice(end).replace(
    /\s(role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g,
    "",
  );
  return svg.slice(0, match.index) + rootTag + `<title>${escaped}</title>` +
    inner;
}

/**
 * Returns the `width` and `height` attributes of the root `<svg>` element, in
 * pixels, for an `<img>` that shows the file.
 *
 * @throws {Error} when the root element lacks either attribute.
 */
export function svgSize(svg: string): { width: number; height: number } {
  const rootTag = svg.match(/<svg\b[^>]*>/)?.[0] ?? "";
  const width = Number(rootTag.match(/\swidth="([\d.]+)"/)?.[1]);
  const height = Number(rootTag.match(/\sheight="([\d.]+)"/)?.[1]);
  if (!(width > 0 && height > 0)) {
    throw new Error(`svgSize: no width and height on the root <svg> element`);
  }
  return { width, height };
}

/**
 * Prefixes every `id` and every reference to it (`url(#…)`, `href="#…"`)
 * with `prefix`, because ids of SVGs inlined in one HTML page share one
 * namespace and Vega starts its clip-path ids at `clip1` in every chart.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, `$1="#${prefix}-$2"`);
}

/** Escapes the five XML special characters for use in text and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
