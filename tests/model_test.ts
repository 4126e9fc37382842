import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { setupBackend } from "../src/backend/mod.ts";
import { loadDataset } from "../src/data/sources.ts";
import {
  BOTTLENECK,
  buildAutoencoder,
  decoderOf,
  encoderOf,
} from "../src/model.ts";
import { evaluateMse, trainAutoencoder } from "../src/train.ts";
import { firstImages } from "../src/sample.ts";

await setupBackend("auto");
const mnist = await loadDataset({ trainSize: 2000 });

Deno.test("buildAutoencoder() has the 2006 figure's layer shapes", () => {
  const model = buildAutoencoder();
  const units = model.layers.map((layer) => (layer.outputShape as number[])[1]);
  assert.deepEqual(units, [512, 128, 2, 128, 512, 784]);
  assert.equal(model.countParams(), 936466);
  assert.equal(model.layers[2].name, BOTTLENECK);

  const activations = model.layers.map((layer) => layer.getConfig().activation);
  assert.deepEqual(activations, [
    "elu",
    "elu",
    "linear",
    "elu",
    "elu",
    "sigmoid",
  ]);
  model.dispose();
});

Deno.test("buildAutoencoder() draws Glorot-uniform kernels", () => {
  const model = buildAutoencoder({ seed: 1 });
  const kernel = model.layers[0].getWeights()[0].dataSync();
  const limit = Math.sqrt(6 / (784 + 512));
  let max = 0;
  for (const value of kernel) max = Math.max(max, Math.abs(value));
  assert.ok(
    max <= limit,
    `largest weight ${max} exceeds the uniform limit ${limit}`,
  );
  assert.ok(
    max > 0.99 * limit,
    `largest weight ${max} is far below the limit ${limit}: not uniform`,
  );
  model.dispose();
});

Deno.test("encoderOf() and decoderOf() compose to the autoencoder", () => {
  const model = buildAutoencoder({ seed: 2 });
  tf.tidy(() => {
    const x = tf.tensor2d(mnist.train.images.subarray(0, 10 * 784), [10, 784]);
    const codes = encoderOf(model).predict(x) as tf.Tensor;
    assert.deepEqual(codes.shape, [10, 2]);
    const viaParts = (decoderOf(model).predict(codes) as tf.Tensor).dataSync();
    const whole = (model.predict(x) as tf.Tensor).dataSync();
    let difference = 0;
    for (let i = 0; i < whole.length; i++) {
      difference = Math.max(difference, Math.abs(whole[i] - viaParts[i]));
    }
    assert.ok(difference < 1e-6, `differs by ${difference}`);
  });
  model.dispose();
});

Deno.test("trainAutoencoder() lowers the loss on 2000 images", () => {
  const model = buildAutoencoder({ seed: 0 });
  const validation = firstImages(mnist.test, 500);
  const before = evaluateMse(model, validation);
  const history = trainAutoencoder(model, mnist.train, validation, {
    epochs: 2,
    seed: 0,
  });
  assert.equal(history.length, 2);
  assert.ok(
    history[1].valLoss < before,
    `validation loss ${history[1].valLoss} not below ${before}`,
  );
  assert.ok(
    history[1].loss < history[0].loss,
    `train loss rose from ${history[0].loss} to ${history[1].loss}`,
  );
  model.dispose();
});

Deno.test("trainAutoencoder() leaks no tensors across epochs", () => {
  const model = buildAutoencoder({ seed: 0 });
  const counts: number[] = [];
  trainAutoencoder(
    model,
    firstImages(mnist.train, 512),
    firstImages(mnist.test, 100),
    {
      epochs: 3,
      onEpochEnd: () => counts.push(tf.memory().numTensors),
    },
  );
  assert.equal(counts.length, 3);
  assert.equal(counts[1], counts[0]);
  assert.equal(counts[2], counts[0]);
  model.dispose();
});

Deno.test("trainAutoencoder() stops at the first non-finite loss", () => {
  const model = buildAutoencoder({ seed: 0 });
  assert.throws(
    () =>
      trainAutoencoder(
        model,
        firstImages(mnist.train, 512),
        firstImages(mnist.test, 100),
        { learningRate: 1e30 },
      ),
    /Training diverged: the loss of epoch 1, batch \d+ is (NaN|Infinity)\. Lower the learning rate/,
  );
  model.dispose();
});

Deno.test("trainAutoencoder() repeats exactly with the same seed", () => {
  const losses = [0, 1, 2].map((run) => {
    const model = buildAutoencoder({ seed: run < 2 ? 4 : 5 });
    const history = trainAutoencoder(
      model,
      firstImages(mnist.train, 1024),
      firstImages(mnist.test, 200),
      {
        epochs: 2,
        seed: run < 2 ? 4 : 5,
      },
    );
    model.dispose();
    return history.map((record) => [record.loss, record.valLoss]).flat();
  });
  assert.deepEqual(losses[1], losses[0]);
  assert.notDeepEqual(losses[2], losses[0]);
  const gap = Math.abs(losses[2][3] - losses[0][3]) / losses[0][3];
  assert.ok(
    gap < 0.1,
    `different seeds differ by ${(gap * 100).toFixed(1)}% in validation loss`,
  );
});
