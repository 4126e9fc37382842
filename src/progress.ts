/**
 * A one-line progress bar for a training epoch on stderr: batches done, running
 * loss, elapsed time and ETA. Used by main.ts only; library code never prints.
 *
 * @module
 */

import type { BatchProgress } from "./train.ts";
import type { EpochRecord } from "./types.ts";

const BAR_WIDTH = 24;
const encoder = new TextEncoder();

/** Formats seconds as `m:ss`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** Formats the progress line of a batch, without a line ending. */
export function progressLine(progress: BatchProgress): string {
  const done = progress.batch / progress.batches;
  const filled = Math.round(done * BAR_WIDTH);
  const bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
  const eta = progress.seconds / done - progress.seconds;
  return `epoch ${progress.epoch}/${progress.epochs} [${bar}] ${progress.batch}/${progress.batches} ` +
    `loss ${progress.loss.toFixed(4)} ${formatDuration(progress.seconds)} ETA ${
      formatDuration(eta)
    }`;
}

/** Formats the summary line of a finished epoch. */
export function epochLine(record: EpochRecord, epochs: number): string {
  return `epoch ${record.epoch}/${epochs}: loss ${record.loss.toFixed(4)}, ` +
    `val_loss ${record.valLoss.toFixed(4)}, ${record.seconds.toFixed(1)} s`;
}

/** Draws progress on stderr; redraws at most every 100 ms and only on a terminal. */
export class ProgressBar {
  #lastDraw = 0;
  readonly #interactive = Deno.stderr.isTerminal();

  /** Redraws the bar for a batch. */
  update(progress: BatchProgress): void {
    const now = performance.now();
    if (
      !this.#interactive ||
      (now - this.#lastDraw < 100 && progress.batch < progress.batches)
    ) return;
    this.#lastDraw = now;
    Deno.stderr.writeSync(encoder.encode(`\r\x1b[2K${progressLine(progress)}`));
  }

  /** Replaces the bar with the epoch's summary line. */
  finishEpoch(record: EpochRecord, epochs: number): void {
    const prefix = this.#interactive ? "\r\x1b[2K" : "";
    Deno.stderr.writeSync(
      encoder.encode(`${prefix}${epochLine(record, epochs)}\n`),
    );
  }
}
