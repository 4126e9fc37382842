import assert from "node:assert/strict";
import { join } from "node:path";
import { writeIdx } from "../src/data/idx.ts";
import { loadDataset, SYSTEM_FASHION_MNIST_DIR } from "../src/data/sources.ts";
import { runMain } from "./subprocess.ts";

/** Reads a nested key such as "dataset.train.count" from a JSON object. */
function lookup(object: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>(
    (value, key) => (value as Record<string, unknown> | undefined)?.[key],
    object,
  );
}

const METRICS_KEYS = [
  "dataset.train.count",
  "dataset.test.count",
  "pca.trainMse",
  "pca.testMse",
  "autoencoder.epochs",
  "autoencoder.testMse",
  "environment",
  "run.key",
];

Deno.test("report writes every output on a 2000-image run", async () => {
  const out = join(await Deno.makeTempDir(), "report");
  const result = await runMain([
    "--train-size",
    "2000",
    "--epochs",
    "1",
    "--out",
    out,
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /PCA \(2 components\) MSE per pixel: train 0\.0\d+/,
  );
  assert.match(
    result.stdout,
    /Autoencoder epoch 1: loss 0\.\d+, val_loss 0\.\d+/,
  );

  for (
    const file of [
      "index.html",
      "report.md",
      "metrics.json",
      "model/autoencoder/model.json",
    ]
  ) {
    assert.ok((await Deno.stat(join(out, file))).size > 0, `${file} is empty`);
  }
  for (const figure of ["scatter", "reconstructions", "loss"]) {
    assert.ok(
      (await Deno.stat(join(out, "figures", `${figure}.svg`))).size > 1000,
      `${figure}.svg`,
    );
    assert.ok(
      (await Deno.stat(join(out, "figures", `${figure}.png`))).size > 1000,
      `${figure}.png`,
    );
  }

  const html = await Deno.readTextFile(join(out, "index.html"));
  assert.match(html, /<svg/);
  assert.match(html, />PCA</);
  assert.match(html, />Autoencoder</);

  const metrics = JSON.parse(
    await Deno.readTextFile(join(out, "metrics.json")),
  );
  for (const key of METRICS_KEYS) {
    assert.notEqual(
      lookup(metrics, key),
      undefined,
      `metrics.json lacks ${key}`,
    );
  }
  assert.equal(metrics.dataset.train.count, 2000);
  assert.equal(metrics.dataset.test.count, 10000);
  assert.deepEqual(Object.keys(metrics.autoencoder.epochs[0]).sort(), [
    "epoch",
    "loss",
    "seconds",
    "valLoss",
  ]);
});

Deno.test("report runs on 14x14 down-sampled MNIST", async () => {
  // 2x2 mean pooling of the first 2000 training and 500 test images, written as .gz IDX.
  const mnist = await loadDataset({ trainSize: 2000 });
  const dir = await Deno.makeTempDir();
  const pool = (images: Float32Array, count: number) => {
    const pooled = new Uint8Array(count * 196);
    for (let image = 0; image < count; image++) {
      for (let row = 0; row < 14; row++) {
        for (let column = 0; column < 14; column++) {
          let sum = 0;
          for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
            sum += images[image * 784 + (2 * row + dy) * 28 + 2 * column + dx];
          }
          pooled[image * 196 + row * 14 + column] = Math.round((sum / 4) * 255);
        }
      }
    }
    return pooled;
  };
  await writeIdx(
    join(dir, "train-images-idx3-ubyte.gz"),
    [2000, 14, 14],
    pool(mnist.train.images, 2000),
    { gzip: true },
  );
  await writeIdx(
    join(dir, "train-labels-idx1-ubyte.gz"),
    [2000],
    mnist.train.labels,
    { gzip: true },
  );
  await writeIdx(
    join(dir, "t10k-images-idx3-ubyte.gz"),
    [500, 14, 14],
    pool(mnist.test.images, 500),
    { gzip: true },
  );
  await writeIdx(
    join(dir, "t10k-labels-idx1-ubyte.gz"),
    [500],
    mnist.test.labels.subarray(0, 500),
    { gzip: true },
  );

  const out = join(dir, "report");
  const result = await runMain(["--data", dir, "--epochs", "6", "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  const metrics = JSON.parse(
    await Deno.readTextFile(join(out, "metrics.json")),
  );
  assert.equal(metrics.dataset.height, 14);
  assert.equal(metrics.dataset.width, 14);
  assert.deepEqual(metrics.config.layerSizes, [
    196,
    512,
    128,
    2,
    128,
    512,
    196,
  ]);
  assert.ok(
    metrics.autoencoder.testMse < metrics.meanImage.testMse,
    "the model learned nothing",
  );
  assert.ok(
    (await Deno.stat(join(out, "figures/reconstructions.png"))).size > 1000,
  );
});

let fashionInstalled = true;
try {
  await Deno.stat(join(SYSTEM_FASHION_MNIST_DIR, "train-images-idx3-ubyte.gz"));
} catch {
  fashionInstalled = false;
}

Deno.test({
  name: fashionInstalled
    ? "report runs on Debian's Fashion-MNIST"
    : `report runs on Debian's Fashion-MNIST (skipped: ${SYSTEM_FASHION_MNIST_DIR} missing; apt-get install dataset-fashion-mnist)`,
  ignore: !fashionInstalled,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "report");
    const result = await runMain([
      "--dataset",
      "fashion-mnist",
      "--train-size",
      "3000",
      "--epochs",
      "1",
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const metrics = JSON.parse(
      await Deno.readTextFile(join(out, "metrics.json")),
    );
    assert.equal(metrics.dataset.name, "fashion-mnist");
    assert.equal(metrics.dataset.classNames[9], "Ankle boot");
    assert.ok(
      metrics.dataset.files.every((file: { path: string }) =>
        file.path.endsWith(".gz")
      ),
    );
    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.match(html, /Ankle boot/);
  },
});

Deno.test("report stops on a diverging loss and keeps the old report", async () => {
  const out = join(await Deno.makeTempDir(), "report");
  const first = await runMain([
    "--train-size",
    "1000",
    "--epochs",
    "1",
    "--out",
    out,
  ]);
  assert.equal(first.code, 0, first.stderr);
  const before = await Deno.readFile(join(out, "metrics.json"));

  const diverged = await runMain([
    "--train-size",
    "1000",
    "--epochs",
    "1",
    "--learning-rate",
    "1e30",
    "--retrain",
    "--out",
    out,
  ]);
  assert.equal(diverged.code, 1);
  assert.match(
    diverged.stderr,
    /Training diverged: the loss of epoch 1, batch \d+ is (NaN|Infinity)/,
  );
  assert.match(diverged.stderr, /Lower the learning rate/);
  assert.doesNotMatch(diverged.stderr, /\n\s+at /);
  assert.deepEqual(await Deno.readFile(join(out, "metrics.json")), before);
});
