import assert from "node:assert/strict";
import { startBackend } from "../src/backend/mod.ts";
import { loadDataset } from "../src/data/sources.ts";
import { experimentSpec, runExperiment } from "../src/experiment_run.ts";
import { loadExperiment, validateExperiment } from "../src/experiments.ts";
import { fitPca, type PcaModel, pcaSolvers } from "../src/pca.ts";
import { jsGemm } from "../src/rbm.ts";
import { scatterIndices } from "../src/sample.ts";
import type { Dataset } from "../src/types.ts";

const backend = await startBackend("auto");

function context(dataset: Dataset) {
  const pca = fitPca(
    { values: dataset.train.images, rows: dataset.train.count, columns: 784 },
    { components: 2, ...pcaSolvers(backend.blas) },
  );
  return {
    dataset,
    backend,
    gemm: backend.blas ? backend.blas.gemm.bind(backend.blas) : jsGemm,
    scatterIndices: scatterIndices(dataset.train, "first", 500),
    gridCount: 10,
    pcaByComponents: new Map<number, PcaModel>([[2, pca]]),
    pcaSolvers: pcaSolvers(backend.blas),
  };
}

Deno.test("linear experiment converges to PCA on full MNIST", async () => {
  const dataset = await loadDataset();
  const experiment = loadExperiment("linear");
  const { report } = await runExperiment(
    experiment,
    experimentSpec(experiment, 784, 0),
    context(dataset),
  );

  // A linear autoencoder with a 2-unit code is at best PCA with 2 components.
  const gap = (report.trainMse - report.pca.trainMse) / report.pca.trainMse;
  assert.ok(
    Math.abs(gap) <= 0.01,
    `train MSE ${report.trainMse} is ${
      (gap * 100).toFixed(2)
    }% from PCA's ${report.pca.trainMse}`,
  );
  assert.ok(
    report.trainMse >= report.pca.trainMse * 0.999,
    "a rank-2 linear map cannot beat PCA",
  );
  assert.equal(report.epochs.length, experiment.epochs);
  assert.equal(report.codeSize, 2);
});

Deno.test("RBM-pretrained experiment runs end to end on a subset", async () => {
  const dataset = await loadDataset({ trainSize: 600 });
  const experiment = validateExperiment({
    name: "tiny-rbm",
    description: "A small pretrained network for the test.",
    layerSizes: [784, 64, 16, 2, 16, 64, 784],
    activation: "sigmoid",
    codeActivation: "linear",
    outputActivation: "sigmoid",
    metrics: ["mse", "crossEntropy"],
    epochs: 2,
    batchSize: 50,
    learningRate: 0.001,
    pretraining: { type: "rbm", epochs: 2 },
  }, "test");
  const { report, files } = await runExperiment(
    experiment,
    experimentSpec(experiment, 784, 1),
    context(dataset),
  );

  assert.equal(report.epochs.length, 2);
  assert.ok(report.pretraining != null, "pretraining is missing");
  assert.ok(report.pretraining.seconds! > 0, "pretraining took no time");
  assert.ok(
    report.testCrossEntropy > 0 && Number.isFinite(report.testCrossEntropy),
  );
  assert.equal(report.scatter?.length, 500 * 2);
  assert.ok(report.knnAccuracy! > 0, `kNN accuracy ${report.knnAccuracy}`);
  assert.ok(report.knnAccuracy! <= 1, `kNN accuracy ${report.knnAccuracy}`);
  assert.ok(
    report.trustworthiness! > 0.5,
    `trustworthiness ${report.trustworthiness}`,
  );
  assert.ok(
    report.trustworthiness! <= 1,
    `trustworthiness ${report.trustworthiness}`,
  );
  assert.equal(report.perClassMse.length, 10);
  assert.ok(Math.abs(report.testSsePerImage - report.testMse * 784) < 1e-9);
  assert.ok(
    Object.keys(files).some((path) =>
      path === "model/experiments/tiny-rbm/decoder/model.json"
    ),
  );
});
