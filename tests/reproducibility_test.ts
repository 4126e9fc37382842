import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { setupBackend } from "../src/backend/mod.ts";
import { loadDataset } from "../src/data/sources.ts";
import { buildAutoencoder } from "../src/model.ts";
import { loadModel, saveModel } from "../src/model_io.ts";
import { checkpointPathFor } from "../src/pipeline.ts";
import { trainAutoencoder } from "../src/train.ts";
import { MAIN, runMain } from "./subprocess.ts";
import { maxDifference } from "./arrays.ts";

/** Starts main.ts with `args`, waits for epoch 1's line (its checkpoint is written first), then SIGKILLs it after `delayMs`; returns its stderr so far. */
async function killAfterFirstEpoch(
  args: string[],
  epochs: number,
  delayMs: number,
): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes(`epoch 1/${epochs}:`)) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += value;
  }
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill("SIGKILL");
  await child.status;
  await reader.cancel();
  return seen;
}

async function readMetrics(dir: string) {
  return JSON.parse(await Deno.readTextFile(join(dir, "metrics.json")));
}

function weightsOf(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

Deno.test("saveModel() round-trips through tf.loadLayersModel", async () => {
  await setupBackend("auto");
  const { train, test } = await loadDataset({ trainSize: 500 });
  const model = buildAutoencoder({ seed: 8 });
  trainAutoencoder(model, train, {
    ...test,
    count: 100,
    images: test.images.subarray(0, 100 * 784),
  }, { epochs: 1 });
  const dir = await Deno.makeTempDir();
  await saveModel(model, dir);

  const loaded = await loadModel(dir);
  assert.equal(loaded.countParams(), model.countParams());
  tf.tidy(() => {
    const x = tf.tensor2d(test.images.subarray(0, 50 * 784), [50, 784]);
    const difference = maxDifference(
      (model.predict(x) as tf.Tensor).dataSync(),
      (loaded.predict(x) as tf.Tensor).dataSync(),
    );
    assert.ok(difference <= 1e-6, `reconstructions differ by ${difference}`);
  });
  model.dispose();
  loaded.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("report reuses its saved model on a second run", async () => {
  const out = join(await Deno.makeTempDir(), "report");
  const flags = ["--train-size", "2000", "--epochs", "2", "--out", out];
  const first = await runMain(flags);
  assert.equal(first.code, 0, first.stderr);
  const firstMetrics = await readMetrics(out);

  // Encoder and decoder are saved beside the autoencoder and compose to it.
  const autoencoder = await loadModel(join(out, "model/autoencoder"));
  const encoder = await loadModel(join(out, "model/encoder"));
  const decoder = await loadModel(join(out, "model/decoder"));
  const { test } = await loadDataset({ trainSize: 100 });
  tf.tidy(() => {
    const x = tf.tensor2d(test.images.subarray(0, 20 * 784), [20, 784]);
    const whole = (autoencoder.predict(x) as tf.Tensor).dataSync();
    const parts =
      (decoder.predict(encoder.predict(x) as tf.Tensor) as tf.Tensor)
        .dataSync();
    assert.ok(maxDifference(whole, parts) <= 1e-6);
  });

  const second = await runMain(flags);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /reusing the model saved in/);
  assert.doesNotMatch(second.stderr, /epoch 1\/2/);
  const secondMetrics = await readMetrics(out);
  assert.deepEqual(secondMetrics.autoencoder, firstMetrics.autoencoder);
  assert.deepEqual(secondMetrics.pca, firstMetrics.pca);
  assert.equal(secondMetrics.run.key, firstMetrics.run.key);

  const retrained = await runMain([...flags, "--retrain"]);
  assert.equal(retrained.code, 0, retrained.stderr);
  assert.match(retrained.stderr, /epoch 2\/2/);
});

Deno.test("report resumes after SIGKILL with the same results", async () => {
  const root = await Deno.makeTempDir();
  const flags = ["--train-size", "12000", "--epochs", "3", "--seed", "3"];

  // Uninterrupted reference run.
  const reference = join(root, "reference");
  const full = await runMain([...flags, "--out", reference]);
  assert.equal(full.code, 0, full.stderr);

  // Interrupted run: kill it during epoch 2, once epoch 1's checkpoint is written.
  const interrupted = join(root, "interrupted");
  const seen = await killAfterFirstEpoch(
    [...flags, "--out", interrupted],
    3,
    300,
  );
  assert.ok(
    !seen.includes("epoch 2/3:"),
    `the run finished epoch 2 before the kill:\n${seen}`,
  );
  await Deno.stat(checkpointPathFor(interrupted));

  const resumed = await runMain([...flags, "--out", interrupted, "--resume"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /resuming after epoch 1/);
  assert.doesNotMatch(resumed.stderr, /epoch 1\/3:/);

  // Same losses per epoch and the same weights, to 1e-6.
  const expected = (await readMetrics(reference)).autoencoder.epochs;
  const actual = (await readMetrics(interrupted)).autoencoder.epochs;
  assert.equal(actual.length, 3);
  for (let i = 0; i < 3; i++) {
    assert.ok(
      Math.abs(actual[i].loss - expected[i].loss) <= 1e-6,
      `epoch ${i + 1} loss`,
    );
    assert.ok(
      Math.abs(actual[i].valLoss - expected[i].valLoss) <= 1e-6,
      `epoch ${i + 1} valLoss`,
    );
  }
  const weights = async (dir: string) =>
    weightsOf(await Deno.readFile(join(dir, "model/autoencoder/weights.bin")));
  const difference = maxDifference(
    await weights(interrupted),
    await weights(reference),
  );
  assert.ok(difference <= 1e-6, `weights differ by ${difference}`);

  // A finished run leaves no checkpoint behind.
  await assert.rejects(
    () => Deno.stat(checkpointPathFor(interrupted)),
    Deno.errors.NotFound,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("resume rejects a checkpoint made with other flags", async () => {
  const out = join(await Deno.makeTempDir(), "report");
  await killAfterFirstEpoch(
    ["--train-size", "12000", "--epochs", "3", "--out", out],
    3,
    0,
  );

  const other = await runMain([
    "--train-size",
    "12000",
    "--epochs",
    "4",
    "--out",
    out,
    "--resume",
  ]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /Cannot resume from .*other flags or data/);
});

Deno.test("report reuses saved experiment models", async () => {
  const out = join(await Deno.makeTempDir(), "report");
  const flags = [
    "--train-size",
    "1000",
    "--epochs",
    "1",
    "--experiment",
    "linear",
    "--out",
    out,
  ];
  const first = await runMain(flags);
  assert.equal(first.code, 0, first.stderr);
  const firstMetrics = await readMetrics(out);

  const second = await runMain(flags);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /linear: reusing the model saved in/);
  assert.doesNotMatch(second.stderr, /epoch 1\/10/);
  const secondMetrics = await readMetrics(out);
  assert.equal(
    secondMetrics.experiments[0].testMse,
    firstMetrics.experiments[0].testMse,
  );
  assert.deepEqual(
    secondMetrics.experiments[0].history,
    firstMetrics.experiments[0].history,
  );
  assert.equal(secondMetrics.experiments[0].reused, true);
});
