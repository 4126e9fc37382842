/**
 * Number formats shared by the HTML and Markdown reports.
 *
 * @module
 */

/**
 * Formats a mean squared error with 4 decimals, e.g. `0.0560`.
 *
 * Values below 0.0005 (other than 0) would round to `0.0000`, so they get 3
 * significant digits instead, e.g. `0.000312`.
 */
export function formatMse(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.0005) {
    return value.toPrecision(3);
  }

  return value.toFixed(4);
}

/** Formats wall-clock seconds with one decimal below 100 s and none above, e.g. `12.3`, `412`. */
export function formatSeconds(value: number): string {
  return Math.abs(value) < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** Formats an integer with thousands separators, e.g. `60,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** Formats a fraction as a percentage with one decimal, e.g. `0.0973` → `9.7%`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Formats a byte count with a binary unit, e.g. `9,912,422` → `9.45 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${units[unit]}`;
}

/** Formats an environment or configuration value for a key/value table. */
export function formatValue(
  value: string | number | boolean | null | number[],
): string {
  if (value === null) {
    return "none";
  }

  if (Array.isArray(value)) {
    return value.join("-");
  }

  return String(value);
}
