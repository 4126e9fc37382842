/**
 * A synthetic ReportInput for tests and for previewing the report layout
 * without training. Every number is made up; nothing here is measured.
 *
 * @module
 */

import { CLASS_NAMES, type DatasetName } from "../data/classes.ts";
import type { ExperimentReport, ReportInput } from "./types.ts";

/** Sizes of a synthetic ReportInput. */
export interface SampleInputOptions {
  /** Points in the scatter sample (default 300). */
  points?: number;
  /** Image height in pixels (default 28). */
  height?: number;
  /** Image width in pixels (default 28). */
  width?: number;
  /** Number of epoch records (default 5). */
  epochs?: number;
  /** Images in the reconstruction sample (default 10). */
  images?: number;
  /** Dataset whose class names the sample uses (default "mnist"). */
  datasetName?: DatasetName;
  /** Whether to include a synthetic decoder and PCA basis for the explorer (default true). */
  explorer?: boolean;
  /** Whether to include the scatter sample's images (default true). */
  scatterImages?: boolean;
  /** Whether to include embedding measures of PCA and the autoencoder (default true). */
  embedding?: boolean;
  /** Number of seeds in `repeats`, from seed 1 up (default 1). */
  repeats?: number;
  /**
   * Names of synthetic experiments (default none). "code30" gets a 30-D
   * code, "linear" linear activations and "hs2006-rbm" RBM pretraining;
   * every other name a 2-D ELU network.
   */
  experiments?: string[];
}

/** Hidden units of the synthetic decoder: 2 → this → height × width. */
const SAMPLE_DECODER_HIDDEN = 16;

/**
 * Builds a deterministic synthetic ReportInput: 10 classes as clusters in
 * both 2-D codes, blob images with a blurred "PCA" and a closer
 * "autoencoder" reconstruction, and losses that fall below PCA at epoch 2.
 */
export function makeSampleReportInput(
  options: SampleInputOptions = {},
): ReportInput {
  const points = options.points ?? 300;
  const height = options.height ?? 28;
  const width = options.width ?? 28;
  const epochCount = options.epochs ?? 5;
  const imageCount = options.images ?? 10;
  const datasetName = options.datasetName ?? "mnist";
  const random = mulberry32(42);
  const pixelCount = height * width;

  const classNames = [...CLASS_NAMES[datasetName]];

  const labels = Uint8Array.from({ length: points }, (_, i) => i % 10);
  const pcaCodes = new Float32Array(points * 2);
  const aeCodes = new Float32Array(points * 2);
  for (let i = 0; i < points; i++) {
    const angle = (labels[i] / 10) * 2 * Math.PI;
    pcaCodes[2 * i] = 2 * Math.cos(angle) + 2.5 * gaussian(random);
    pcaCodes[2 * i + 1] = 2 * Math.sin(angle) + 2.5 * gaussian(random);
    aeCodes[2 * i] = 20 * Math.cos(angle) + 2 * gaussian(random);
    aeCodes[2 * i + 1] = 20 * Math.sin(angle) + 2 * gaussian(random);
  }

  const original = new Float32Array(imageCount * height * width);
  const pca = new Float32Array(original.length);
  const autoencoder = new Float32Array(original.length);
  for (let image = 0; image < imageCount; image++) {
    const centerY = height * (0.3 + 0.4 * random());
    const centerX = width * (0.3 + 0.4 * random());
    const radius = Math.min(height, width) * (0.12 + 0.08 * random());
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const d2 = ((y - centerY) ** 2 + (x - centerX) ** 2) / radius ** 2;
        const index = image * height * width + y * width + x;
        original[index] = d2 < 1 ? 1 : 0;
        pca[index] = Math.exp(-d2 / 2.5) * 0.6;
        autoencoder[index] = Math.min(1, Math.exp(-(d2 ** 2)) * 1.05);
      }
    }
  }

  const epochs = Array.from({ length: epochCount }, (_, i) => ({
    epoch: i + 1,
    loss: 0.06 * Math.exp(-0.35 * i) + 0.012,
    valLoss: 0.05 * Math.exp(-0.35 * i) + 0.014,
    seconds: 11.5 + random(),
  }));
  const pcaTestMse = 0.0557;
  const below = epochs.find((record) => record.valLoss < pcaTestMse);

  return {
    dataset: {
      name: datasetName,
      classNames,
      source: "synthetic sample for tests",
      height,
      width,
      trainCount: 60000,
      testCount: 10000,
      files: [
        sampleFile("trainImages", "/data/train-images-idx3-ubyte.gz", 9912422),
        sampleFile("trainLabels", "/data/train-labels-idx1-ubyte.gz", 28881),
        sampleFile("testImages", "/data/t10k-images-idx3-ubyte.gz", 1648877),
        sampleFile("testLabels", "/data/t10k-labels-idx1-ubyte.gz", 4542),
      ],
    },
    config: {
      epochs: epochCount,
      batchSize: 128,
      learningRate: 0.001,
      seed: 1,
      trainSize: 60000,
      layerSizes: [height * width, 512, 128, 2, 128, 512, height * width],
      activation: "relu",
      outputActivation: "sigmoid",
      optimizer: "adam",
      kernelInitializer: "glorotUniform",
    },
    pca: {
      trainMse: 0.0556,
      testMse: pcaTestMse,
      explainedVarianceRatio: [0.0970, 0.0710],
    },
    meanImage: { trainMse: 0.0672, testMse: 0.0671 },
    autoencoder: {
      parameters: 2 * (height * width * 512 + 512 * 128 + 128 * 2) + 1795,
      epochs,
      trainMse: epochs[epochs.length - 1].loss - 0.001,
      testMse: epochs[epochs.length - 1].valLoss,
      belowPcaEpoch: below ? below.epoch : null,
    },
    scatter: {
      labels,
      pca: pcaCodes,
      autoencoder: aeCodes,
      description: `first ${points} test images, synthetic`,
      ...(options.scatterImages ?? true
        ? { images: blobImages(labels, height, width) }
        : {}),
    },
    ...(options.explorer ?? true
      ? { explorer: sampleExplorer(pixelCount, mulberry32(7)) }
      : {}),
    ...(options.embedding ?? true
      ? { embedding: sampleEmbedding(mulberry32(11)) }
      : {}),
    repeats: Array.from({ length: options.repeats ?? 1 }, (_, i) => ({
      seed: i + 1,
      loss: epochs[epochs.length - 1].loss + 0.002 * i,
      valLoss: epochs[epochs.length - 1].valLoss + 0.0015 * i,
    })),
    ...(options.experiments
      ? {
        experiments: options.experiments.map((name, i) =>
          sampleExperiment(name, {
            codes: aeCodes,
            reconstructions: autoencoder,
            pixelCount,
            random: mulberry32(100 + i),
          })
        ),
      }
      : {}),
    reconstructions: { count: imageCount, original, pca, autoencoder },
    environment: {
      deno: "2.9.6",
      tfjs: "4.22.0",
      backend: "wasm",
      simd: true,
      threads: 8,
      blas: null,
      cpu: "Synthetic CPU",
    },
    phaseSeconds: { load: 1.2, pca: 3.4, training: 60.5 },
  };
}

/** Builds made-up kNN accuracies, trustworthiness and per-class MSE for 10 classes. */
function sampleEmbedding(random: () => number) {
  const perClass = (base: number) =>
    Array.from({ length: 10 }, () => base + 0.02 * random());

  return {
    pca: {
      knnAccuracy: 0.45,
      trustworthiness: 0.741,
      perClassMse: perClass(0.045),
    },
    autoencoder: {
      knnAccuracy: 0.712,
      trustworthiness: 0.902,
      perClassMse: perClass(0.03),
    },
  };
}

/** Builds one synthetic experiment whose settings follow its name (see SampleInputOptions.experiments). */
function sampleExperiment(
  name: string,
  sample: {
    codes: Float32Array;
    reconstructions: Float32Array;
    pixelCount: number;
    random: () => number;
  },
): ExperimentReport {
  const { random, pixelCount } = sample;
  const codeSize = name === "code30" ? 30 : 2;
  const linear = name === "linear";
  const pretrained = name === "hs2006-rbm";
  const epochCount = 4;
  const pcaTestMse = codeSize === 30 ? 0.0182 : 0.0557;
  const testMse = linear ? pcaTestMse * 1.004 : pcaTestMse * 0.8;
  const epochs = Array.from({ length: epochCount }, (_, i) => ({
    epoch: i + 1,
    loss: testMse + 0.02 * Math.exp(-i) - 0.0005,
    valLoss: testMse + 0.015 * Math.exp(-i),
    seconds: 2 + random(),
  }));
  epochs[epochCount - 1].valLoss = testMse;
  const twoD = codeSize === 2;
  const layerSizes = codeSize === 30
    ? [pixelCount, 1000, 500, 250, 30, 250, 500, 1000, pixelCount]
    : [pixelCount, 512, 128, 2, 128, 512, pixelCount];

  return {
    name,
    description: `Synthetic experiment ${name} for tests.`,
    notes: `Made-up numbers; ${name} was not trained.`,
    layerSizes,
    activation: linear ? "linear" : pretrained ? "sigmoid" : "elu",
    outputActivation: linear ? "linear" : "sigmoid",
    codeSize,
    parameters: 900000 + Math.round(100000 * random()),
    epochs,
    trainMse: testMse - 0.001,
    testMse,
    trainCrossEntropy: 0.2 + 0.01 * random(),
    testCrossEntropy: 0.21 + 0.01 * random(),
    testSsePerImage: testMse * pixelCount,
    knnAccuracy: twoD ? 0.5 + 0.3 * random() : null,
    trustworthiness: twoD ? 0.8 + 0.1 * random() : null,
    perClassMse: Array.from({ length: 10 }, () => testMse + 0.01 * random()),
    seconds: 10 + 5 * random(),
    pretraining: pretrained ? { epochs: 10, seconds: 4.5 } : null,
    pca: {
      components: codeSize,
      trainMse: pcaTestMse - 0.0001,
      testMse: pcaTestMse,
      testSsePerImage: pcaTestMse * pixelCount,
      knnAccuracy: twoD ? 0.45 : null,
      trustworthiness: twoD ? 0.741 : null,
    },
    gapToPcaPercent: (testMse - pcaTestMse) / pcaTestMse * 100,
    scatter: twoD ? sample.codes.map((code) => code * (1 + random())) : null,
    reconstructions: sample.reconstructions.map((pixel) => pixel * 0.9),
    reused: false,
    run: { key: `synthetic-${name}` },
  };
}

/** Draws one blob image per label, its centre placed on a circle by the label. */
function blobImages(
  labels: Uint8Array,
  height: number,
  width: number,
): Float32Array {
  const images = new Float32Array(labels.length * height * width);
  labels.forEach((label, i) => {
    const angle = (label / 10) * 2 * Math.PI;
    const centerY = height * (0.5 + 0.25 * Math.sin(angle));
    const centerX = width * (0.5 + 0.25 * Math.cos(angle));
    const radius = Math.min(height, width) * 0.15;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const d2 = ((y - centerY) ** 2 + (x - centerX) ** 2) / radius ** 2;
        images[i * height * width + y * width + x] = Math.exp(-d2);
      }
    }
  });
  return images;
}

/** Builds a random 2 → 16 → pixels decoder (ELU, then sigmoid) and a random PCA basis. */
function sampleExplorer(pixelCount: number, random: () => number) {
  const uniform = (length: number, scale: number) =>
    Float32Array.from({ length }, () => (2 * random() - 1) * scale);
  const hidden = SAMPLE_DECODER_HIDDEN;

  return {
    decoder: [
      {
        units: hidden,
        activation: "elu",
        kernel: uniform(2 * hidden, 0.1),
        bias: uniform(hidden, 0.5),
      },
      {
        units: pixelCount,
        activation: "sigmoid",
        kernel: uniform(hidden * pixelCount, 1.5),
        bias: uniform(pixelCount, 1),
      },
    ],
    pca: {
      mean: Float32Array.from({ length: pixelCount }, () => 0.3 * random()),
      components: uniform(2 * pixelCount, 0.05),
    },
  };
}

function sampleFile(
  role: "trainImages" | "trainLabels" | "testImages" | "testLabels",
  path: string,
  bytes: number,
) {
  return {
    role,
    path,
    bytes,
    sha256: role.length.toString(16).padStart(64, "0"),
  };
}

/** Small seeded PRNG so the sample is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
