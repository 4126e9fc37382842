import assert from "node:assert/strict";
import { join } from "node:path";
import {
  Autoencoder,
  loadDataset,
  loadSavedRun,
  runReproduction,
  setupBackend,
  writeReport,
} from "../mod.ts";
import { layersModelOf } from "../src/autoencoder.ts";
import type { ImageSet } from "../src/types.ts";
import { maxDifference } from "./arrays.ts";
import { runDeno } from "./subprocess.ts";

await setupBackend("auto");
const { train, test } = await loadDataset({ trainSize: 1000 });
const pixels = train.height * train.width;

Deno.test("Autoencoder.create() describes its architecture", () => {
  const autoencoder = Autoencoder.create({ layerSizes: [784, 64, 3, 64, 784] });
  assert.deepEqual(autoencoder.layerSizes, [784, 64, 3, 64, 784]);
  assert.equal(autoencoder.pixels, 784);
  assert.equal(autoencoder.codeSize, 3);
  assert.equal(
    autoencoder.parameterCount,
    784 * 64 + 64 + 64 * 3 + 3 + 3 * 64 + 64 + 64 * 784 + 784,
  );
  autoencoder.dispose();
});

Deno.test("Autoencoder.create() rejects a non-symmetric input", () => {
  assert.throws(
    () => Autoencoder.create({ layerSizes: [784, 2, 100] }),
    /layer sizes \[784,2,100\]/,
  );
});

Deno.test("Autoencoder decode(encode(x)) equals reconstruct(x)", () => {
  const autoencoder = Autoencoder.create({ seed: 3 });
  const count = 20;
  const images = test.images.subarray(0, count * pixels);

  const codes = autoencoder.encode(images, count);
  assert.equal(codes.length, count * 2);
  const decoded = autoencoder.decode(codes, count);
  const reconstructed = autoencoder.reconstruct(images, count);
  assert.equal(reconstructed.length, count * pixels);
  assert.ok(maxDifference(decoded, reconstructed) < 1e-5);
  autoencoder.dispose();
});

Deno.test("Autoencoder rejects inputs of the wrong length", () => {
  const autoencoder = Autoencoder.create();
  assert.throws(
    () => autoencoder.encode(new Float32Array(100), 1),
    /Expected 1 × 784 = 784 values, found 100/,
  );
  assert.throws(
    () => autoencoder.decode(new Float32Array(3), 1),
    /Expected 1 × 2 = 2 values, found 3/,
  );
  assert.equal(autoencoder.encode(new Float32Array(0), 0).length, 0);
  autoencoder.dispose();
});

Deno.test("Autoencoder.train() lowers evaluate()'s MSE", () => {
  const autoencoder = Autoencoder.create({ seed: 0 });
  const before = autoencoder.evaluate(test);
  const history = autoencoder.train(train, test, { epochs: 2, seed: 0 });

  assert.equal(history.length, 2);
  const after = autoencoder.evaluate(test);
  assert.ok(after < before, `test MSE ${after} is not below ${before}`);
  assert.ok(Math.abs(after - history[1].valLoss) < 1e-5);
  autoencoder.dispose();
});

/** MSE per pixel of `autoencoder` on `images`, with the forward pass in float64. */
function float64Mse(autoencoder: Autoencoder, images: ImageSet): number {
  const layers = layersModelOf(autoencoder).layers.map((layer) => {
    const [kernel, bias] = layer.getWeights();
    return {
      kernel: kernel.dataSync(),
      bias: bias.dataSync(),
      inputs: kernel.shape[0] as number,
      units: kernel.shape[1] as number,
      activation: String(layer.getConfig().activation),
    };
  });

  let squared = 0;
  for (let row = 0; row < images.count; row++) {
    const image = images.images.subarray(row * pixels, (row + 1) * pixels);
    let h = Float64Array.from(image);
    for (const layer of layers) {
      const z = Float64Array.from(layer.bias);
      for (let i = 0; i < layer.inputs; i++) {
        if (h[i] === 0) continue;
        for (let j = 0; j < layer.units; j++) {
          z[j] += h[i] * layer.kernel[i * layer.units + j];
        }
      }
      h = z.map((value) =>
        layer.activation === "elu"
          ? (value > 0 ? value : Math.expm1(value))
          : layer.activation === "sigmoid"
          ? 1 / (1 + Math.exp(-value))
          : value
      );
    }
    for (let j = 0; j < pixels; j++) squared += (h[j] - image[j]) ** 2;
  }
  return squared / (images.count * pixels);
}

Deno.test("Autoencoder.evaluate() matches a float64 forward pass", () => {
  const autoencoder = Autoencoder.create({ seed: 2 });
  autoencoder.train(train, test, { epochs: 1 });
  const count = 2000;
  const images: ImageSet = {
    ...test,
    count,
    images: test.images.subarray(0, count * pixels),
    labels: test.labels.subarray(0, count),
  };

  const expected = float64Mse(autoencoder, images);
  const actual = autoencoder.evaluate(images);
  assert.ok(
    Math.abs(actual - expected) / expected < 1e-5,
    `evaluate() ${actual}, float64 ${expected}`,
  );
  autoencoder.dispose();
});

Deno.test("Autoencoder.save() and load() keep the codes", async () => {
  const dir = await Deno.makeTempDir();
  const autoencoder = Autoencoder.create({ seed: 5 });
  autoencoder.train(train, test, { epochs: 1 });
  await autoencoder.save(join(dir, "model"));

  const loaded = await Autoencoder.load(join(dir, "model"));
  const images = test.images.subarray(0, 50 * pixels);
  assert.deepEqual(loaded.encode(images, 50), autoencoder.encode(images, 50));
  assert.deepEqual(loaded.layerSizes, autoencoder.layerSizes);
  autoencoder.dispose();
  loaded.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Autoencoder.load() names a missing model.json", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    () => Autoencoder.load(dir),
    /Cannot load the model ".*model\.json"/,
  );
  await Deno.remove(dir);
});

Deno.test("loadSavedRun() reads a report written from code", async () => {
  const dir = await Deno.makeTempDir();
  const out = join(dir, "report");
  const result = await runReproduction({
    trainSize: 1000,
    epochs: 1,
    scatterCount: 500,
    outDir: out,
  });
  await writeReport(result.input, out, { extraFiles: result.files });

  const saved = await loadSavedRun(out);
  const autoencoder = saved.metrics.autoencoder as { testMse: number };
  const testMse = saved.autoencoder.evaluate(test);
  assert.ok(
    Math.abs(testMse - autoencoder.testMse) < 1e-6,
    `test MSE ${testMse}, metrics.json ${autoencoder.testMse}`,
  );
  const images = test.images.subarray(0, 10 * pixels);
  assert.deepEqual(
    saved.autoencoder.encode(images, 10),
    result.autoencoder.encode(images, 10),
  );
  saved.autoencoder.dispose();
  result.autoencoder.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadSavedRun() names a folder without a report", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    () => loadSavedRun(dir),
    /Cannot read ".*metrics\.json".*Point to a report folder/,
  );
  await Deno.remove(dir);
});

Deno.test("Autoencoder.create() asks for setupBackend first", async () => {
  const mod = new URL("../mod.ts", import.meta.url).href;
  const calls = {
    "Autoencoder.create()": "Autoencoder.create();",
    "loadSavedRun()": 'await loadSavedRun("reports/latest");',
  };
  for (const [call, code] of Object.entries(calls)) {
    const result = await runDeno([
      "eval",
      `import { Autoencoder, loadSavedRun } from "${mod}"; ${code}`,
    ]);
    assert.notEqual(result.code, 0, call);
    assert.ok(
      result.stderr.includes(
        `${call} needs a backend: call "await setupBackend()" first`,
      ),
      result.stderr,
    );
  }
});
