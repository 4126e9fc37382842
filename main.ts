/**
 * `deno task report`: reproduces the PCA vs autoencoder figure of Hinton &
 * Salakhutdinov (2006) and writes the report. This file owns the terminal:
 * progress, summary lines and exit codes.
 *
 * @module
 */

import { parseCli, usage } from "./src/cli.ts";
import { exitCodeFor, formatError, UsageError } from "./src/errors.ts";
import { formatDuration, ProgressBar } from "./src/progress.ts";
import { runReproduction } from "./src/pipeline.ts";
import { checkOutputWritable, writeReport } from "./src/report/write.ts";

function log(quiet: boolean, line: string): void {
  if (!quiet) console.error(line);
}

async function main(args: string[]): Promise<number> {
  const started = performance.now();
  let debug = args.includes("--debug");

  try {
    const options = parseCli(args);
    debug = options.debug;
    if (options.help) {
      console.log(usage);
      return 0;
    }
    const quiet = options.quiet;

    // Fail fast on an unwritable output folder, before minutes of training.
    await checkOutputWritable(options.out);

    const progress = new ProgressBar();
    const result = await runReproduction({
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      seed: options.seed,
      dataDir: options.data,
      dataset: options.dataset,
      trainSize: options.trainSize,
      accel: options.accel,
      outDir: options.out,
      retrain: options.retrain,
      resume: options.resume,
      repeats: options.repeats,
      experiments: options.experiments,
      scatter: options.scatter,
      onRepeatStart: (repeat, repeats, seed) => {
        if (repeats > 1) {
          log(quiet, `seed ${seed} (model ${repeat + 1} of ${repeats})`);
        }
      },
      onNotice: (message) => log(quiet, `notice: ${message}`),
      onPhase: (phase) => log(quiet, `${phase}...`),
      onBatchEnd: quiet ? undefined : (batch) => progress.update(batch),
      onEpochEnd: quiet
        ? undefined
        : (record, epochs) => progress.finishEpoch(record, epochs),
    });

    const { input, backend } = result;
    log(
      quiet,
      `backend: ${backend.accel}` +
        (backend.blasLibrary
          ? ` (${backend.blasLibrary}, ${backend.blasThreads} threads)`
          : "") +
        `, tfjs ${backend.tfjsBackend}, SIMD ${backend.wasmSimd}, engine ${backend.engine}`,
    );
    log(quiet, "rendering...");
    const written = await writeReport(input, options.out, {
      extraFiles: result.files,
      lang: options.lang,
    });
    written.warnings.forEach((warning) => log(quiet, `warning: ${warning}`));

    // The report contains the trained models now, so the checkpoints are no longer needed.
    for (const checkpoint of result.checkpoints) {
      await Deno.remove(checkpoint).catch(() => {});
    }

    const last = input.autoencoder.epochs[input.autoencoder.epochs.length - 1];
    console.log(
      `PCA (2 components) MSE per pixel: train ${
        input.pca.trainMse.toFixed(4)
      }, test ${input.pca.testMse.toFixed(4)}`,
    );
    console.log(
      `Mean-image baseline MSE per pixel: test ${
        input.meanImage.testMse.toFixed(4)
      }`,
    );
    console.log(
      `Autoencoder epoch ${last.epoch}: loss ${
        last.loss.toFixed(4)
      }, val_loss ${last.valLoss.toFixed(4)}; ` +
        `test MSE ${input.autoencoder.testMse.toFixed(4)}`,
    );
    console.log(
      `Report written to ${options.out}/index.html in ${
        formatDuration((performance.now() - started) / 1000)
      }`,
    );
    return 0;
  } catch (error) {
    console.error(formatError(error, { debug }));
    if (error instanceof UsageError) console.error(`\n${usage}`);
    return exitCodeFor(error);
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
