/**
 * Loading a finished report's saved model, so that new images can be encoded
 * to latent codes (and codes decoded to images) from a user's own script.
 *
 * @module
 */

import { join } from "node:path";
import { Autoencoder, requireBackend } from "./autoencoder.ts";
import { MODEL_DIR } from "./manifest.ts";

/**
 * A report folder's trained autoencoder and its metrics.json.
 *
 * @example
 * ```ts ignore
 * const run: SavedRun = await loadSavedRun("reports/latest");
 * console.log(run.autoencoder.codeSize, Object.keys(run.metrics));
 * ```
 */
export interface SavedRun {
  /** The autoencoder of the report's main figure. */
  autoencoder: Autoencoder;
  /** The parsed metrics.json of the run. */
  metrics: Record<string, unknown>;
}

/**
 * Loads the autoencoder saved in a report folder written by
 * `deno task report` (its `model/autoencoder` folder) and the run's
 * metrics.json. A tfjs backend must be set up first, for example with
 * `setupBackend()`.
 *
 * @throws {Error} naming the missing file when the folder contains no report.
 *
 * @example Encode new images with a finished report's model
 * ```ts ignore
 * import { loadSavedRun, setupBackend } from "@hs2006/dimensionality-report";
 *
 * await setupBackend();
 * const { autoencoder } = await loadSavedRun("reports/latest");
 * const images = new Float32Array(3 * autoencoder.pixels); // three blank images
 * const codes = autoencoder.encode(images, 3); // [3, codeSize]
 * ```
 */
export async function loadSavedRun(reportDir: string): Promise<SavedRun> {
  requireBackend("loadSavedRun()");
  const metricsPath = join(reportDir, "metrics.json");
  let metrics: Record<string, unknown>;
  try {
    metrics = JSON.parse(await Deno.readTextFile(metricsPath));
  } catch (error) {
    throw new Error(
      `Cannot read "${metricsPath}": ${(error as Error).message}. ` +
        `Point to a report folder written by deno task report.`,
      { cause: error },
    );
  }
  const autoencoder = await Autoencoder.load(
    join(reportDir, MODEL_DIR, "autoencoder"),
  );
  return { autoencoder, metrics };
}
