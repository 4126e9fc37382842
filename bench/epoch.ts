/**
 * Times training epochs of the default autoencoder on the full MNIST training
 * set on one acceleration path, and profiles where a step's milliseconds go.
 * Prints one JSON object on stdout. Used by bench/bench.ts.
 *
 * Usage: deno run -A bench/epoch.ts --accel blas|wasm --runs 3
 */

import * as tf from "@tensorflow/tfjs";
import { parseArgs } from "node:util";
import { FusedAdam } from "../src/adam.ts";
import { type Accel, startBackend } from "../src/backend/mod.ts";
import { fusedMse } from "../src/backend/ops.ts";
import { loadDataset } from "../src/data/sources.ts";
import { buildAutoencoder, denseParameters } from "../src/model.ts";
import { fitPca, pcaSolvers } from "../src/pca.ts";
import { fusedForward, trainAutoencoder } from "../src/train.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    accel: { type: "string", default: "blas" },
    runs: { type: "string", default: "3" },
  },
});
const runs = Number(values.runs);
const backend = await startBackend(values.accel as Accel);
const { train, test } = await loadDataset();

// Whole epochs through the real trainer, a fresh model each run.
const epochSeconds: number[] = [];
for (let run = 0; run < runs; run++) {
  const model = buildAutoencoder({ seed: run });
  const started = performance.now();
  trainAutoencoder(model, train, { ...test, count: 0 }, {
    epochs: 1,
    seed: run,
    engine: backend.engine,
  });
  epochSeconds.push((performance.now() - started) / 1000);
  model.dispose();
}

// PCA with 2 components on the 60000 training images.
const pcaSeconds: number[] = [];
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  fitPca(
    { values: train.images, rows: train.count, columns: 784 },
    { ...pcaSolvers(backend.blas) },
  );
  pcaSeconds.push((performance.now() - started) / 1000);
}

// Profile of one step: 50 steps split into their parts.
const model = buildAutoencoder({ seed: 0 });
const layers = denseParameters(model);
const variables = model.trainableWeights.map((weight) =>
  weight.read() as tf.Variable
);
const optimizer = new FusedAdam(variables);
const parts = { gather: 0, forwardBackward: 0, adam: 0 };
const steps = 50;
for (let step = 0; step < steps; step++) {
  let mark = performance.now();
  const x = tf.tensor2d(
    train.images.subarray(step * 128 * 784, (step + 1) * 128 * 784),
    [128, 784],
  );
  parts.gather += performance.now() - mark;

  mark = performance.now();
  const { value, grads } = tf.variableGrads(
    () => fusedMse(fusedForward(layers, x, true), x),
    variables,
  );
  value.dataSync();
  parts.forwardBackward += performance.now() - mark;

  mark = performance.now();
  optimizer.applyGradients(variables.map((variable) => grads[variable.name]));
  parts.adam += performance.now() - mark;
  tf.dispose([x, value, grads]);
}
const profile = await tf.profile(() => {
  tf.tidy(() => {
    const x = tf.tensor2d(train.images.subarray(0, 128 * 784), [128, 784]);
    tf.variableGrads(
      () => fusedMse(fusedForward(layers, x, true), x),
      variables,
    );
  });
});
const kernels: Record<string, { calls: number; milliseconds: number }> = {};
for (const kernel of profile.kernels) {
  const entry = kernels[kernel.name] ?? { calls: 0, milliseconds: 0 };
  entry.calls += 1;
  entry.milliseconds += kernel.kernelTimeMs as number;
  kernels[kernel.name] = entry;
}

console.log(JSON.stringify({
  accel: backend.accel,
  engine: backend.engine,
  blas: backend.blasDescription,
  blasThreads: backend.blasThreads,
  wasmThreads: backend.wasmThreads,
  wasmSimd: backend.wasmSimd,
  epochSeconds,
  pcaSeconds,
  stepMilliseconds: {
    gather: parts.gather / steps,
    forwardBackward: parts.forwardBackward / steps,
    adam: parts.adam / steps,
  },
  kernels,
}));
