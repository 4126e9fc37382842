/**
 * Restricted Boltzmann machines trained with one-step contrastive divergence
 * (CD-1), and greedy layer-by-layer pretraining of a stack of them, as
 * Hinton & Salakhutdinov (2006, Science 313:504) pretrain their deep
 * autoencoder before fine-tuning it.
 *
 * What follows the paper and the authors' Matlab code (rbm.m and
 * rbmhidlinear.m, published with the paper's supporting material):
 * - Logistic visible units. The first layer's visible values are the pixel
 *   intensities in [0, 1], used as probabilities without sampling.
 * - Binary stochastic hidden units for the lower layers. The top RBM has
 *   linear hidden units with unit-variance Gaussian noise, which become the
 *   code layer.
 * - CD-1: the positive phase uses hidden probabilities (linear activations
 *   for the top RBM), the reconstruction is driven by sampled hidden states
 *   and uses visible probabilities, and the negative phase uses hidden
 *   probabilities again.
 * - Learning rate 0.1 for weights and biases, 0.001 for the linear top RBM.
 *   Momentum 0.5 for the first 5 epochs and 0.9 after. Weight decay 0.0002
 *   on the weights only.
 * - Mini-batches of 100 and one random order of the rows, fixed for all
 *   epochs. Initial weights drawn from N(0, 0.1²) and zero biases. The paper
 *   trains each RBM for 50 epochs.
 * - The next RBM learns from the hidden probabilities (linear activations for
 *   the top RBM) of the one below.
 *
 * What it leaves out or changes:
 * - The Matlab code feeds the next layer the hidden probabilities recorded
 *   during the last training epoch, while the weights still change. Here
 *   {@link rbmHidden} recomputes them with the final weights.
 * - Fine-tuning (conjugate gradient on the unrolled autoencoder in the
 *   paper) is not part of this module. {@link unrollStack} returns the
 *   initial weights of the unrolled autoencoder for the trainer.
 *
 * Matrix products go through an injected {@link Gemm}: the system BLAS from
 * `loadBlas()`, or {@link jsGemm}. Each mini-batch takes five products. One
 * epoch of the 784-1000 RBM on 60000 MNIST images took 7 to 12 s with
 * OpenBLAS on a 2-core x86-64 machine (varying with load), about half of it
 * in the products. Most of the rest is `Math.exp` for the logistic units,
 * the Bernoulli sampling and the momentum update, all plain loops over
 * typed arrays.
 *
 * @module
 */

import seedrandom from "seedrandom";

import type { Blas } from "./backend/blas.ts";
import type { DataMatrix } from "./pca.ts";
import { shuffledIndices } from "./sample.ts";

/**
 * Row-major single-precision matrix product, as {@link Blas.gemm}:
 * `c = op(a) · op(b) + beta · c`, with `op(a)` `[m, k]`, `op(b)` `[k, n]` and
 * `c` `[m, n]`.
 */
export type Gemm = Blas["gemm"];

/** Kind of hidden unit: logistic binary, or linear with unit-variance Gaussian noise. */
export type HiddenType = "binary" | "linear";

/** A trained restricted Boltzmann machine. */
export interface Rbm {
  /** Number of visible units. */
  visible: number;
  /** Number of hidden units. */
  hidden: number;
  /** Weights, `[visible, hidden]`, row-major. */
  weights: Float32Array;
  /** Visible biases, length `visible`. */
  visibleBias: Float32Array;
  /** Hidden biases, length `hidden`. */
  hiddenBias: Float32Array;
  /** Kind of hidden unit. */
  hiddenType: HiddenType;
}

/** Progress record at the end of one epoch of CD-1. */
export interface RbmEpochRecord {
  /** Epoch number, starting at 1. */
  epoch: number;
  /** Total number of epochs. */
  epochs: number;
  /**
   * Mean squared error per visible unit between the data and their one-step
   * reconstructions (visible probabilities) over the epoch, computed while
   * the weights change, as the Matlab code's `errsum` but divided by
   * `rows × visible`.
   */
  reconstructionError: number;
  /** Wall-clock seconds the epoch took. */
  seconds: number;
}

/** Hyperparameters of {@link trainRbm}. */
export interface RbmOptions {
  /** Number of hidden units. */
  hidden: number;
  /** Kind of hidden unit (default "binary"). */
  hiddenType?: HiddenType;
  /** Passes over the data (default 50, as in the paper). */
  epochs?: number;
  /** Rows per CD-1 update (default 100). */
  batchSize?: number;
  /** Learning rate of weights and biases (default 0.1 for binary, 0.001 for linear hidden units). */
  learningRate?: number;
  /** Momentum of the first `momentumEpochs` epochs (default 0.5). */
  initialMomentum?: number;
  /** Momentum after the first `momentumEpochs` epochs (default 0.9). */
  finalMomentum?: number;
  /** Number of epochs that use `initialMomentum` (default 5). */
  momentumEpochs?: number;
  /** L2 weight decay coefficient on the weights, not the biases (default 0.0002). */
  weightDecay?: number;
  /** Standard deviation of the initial weights (default 0.1). */
  initialWeightScale?: number;
  /** Seed of the initial weights, the row order and the sampling (default 0). */
  seed?: number | string;
  /** Matrix product (default {@link jsGemm}; pass `loadBlas().gemm` for speed). */
  gemm?: Gemm;
  /** Called after every epoch. */
  onEpochEnd?: (record: RbmEpochRecord) => void;
}

/** Hyperparameters of {@link pretrainStack}: those of {@link RbmOptions} that apply to every layer. */
export interface StackOptions extends
  Omit<
    RbmOptions,
    "hidden" | "hiddenType" | "learningRate" | "seed" | "onEpochEnd"
  > {
  /** Learning rate of the RBMs with binary hidden units (default 0.1). */
  learningRate?: number;
  /** Learning rate of the top RBM, whose hidden units are linear (default 0.001). */
  linearLearningRate?: number;
  /** Seed; layer `i` uses the seed `${seed}/${i}` (default 0). */
  seed?: number | string;
  /** Called after every epoch of every layer; `layer` counts from 0 at the input. */
  onEpochEnd?: (layer: number, record: RbmEpochRecord) => void;
}

/** One dense layer of the unrolled autoencoder, as {@link unrollStack} returns it. */
export interface UnrolledLayer {
  /** Kernel, `[inputs, outputs]`, row-major, as a tfjs Dense layer stores it. */
  kernel: Float32Array;
  /** Bias, length `outputs`. */
  bias: Float32Array;
  /** Number of inputs. */
  inputs: number;
  /** Number of outputs. */
  outputs: number;
  /** Activation: "sigmoid" for logistic units, "linear" for the code layer. */
  activation: "sigmoid" | "linear";
}

/** Default learning rate of RBMs with binary hidden units, from the Matlab code. */
export const BINARY_LEARNING_RATE = 0.1;

/** Default learning rate of the RBM with linear hidden units, from the Matlab code. */
export const LINEAR_LEARNING_RATE = 0.001;

/**
 * Computes `c = op(a) · op(b) + beta · c` in plain JavaScript, with the
 * signature of {@link Blas.gemm}. For tests and small problems: it is about
 * two orders of magnitude slower than OpenBLAS.
 */
export function jsGemm(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
  beta = 0,
): void {
  // Strides of op(a)[i, p] and op(b)[p, j] in the row-major storage.
  const aRow = transposeA ? 1 : k;
  const aInner = transposeA ? m : 1;
  const bInner = transposeB ? 1 : n;
  const bColumn = transposeB ? k : 1;

  for (let i = 0; i < m * n; i++) c[i] = beta === 0 ? 0 : beta * c[i];

  // Loop order i, p, j so that the inner loop walks rows of c (and of b when
  // b is not transposed) contiguously.
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const scale = a[i * aRow + p * aInner];
      if (scale === 0) continue;
      const bRow = p * bInner;
      for (let j = 0; j < n; j++) {
        c[cRow + j] += scale * b[bRow + j * bColumn];
      }
    }
  }
}

/**
 * Trains an RBM on the rows of `data` (values in [0, 1]) with CD-1 and
 * returns it. Deterministic for a given seed and gemm.
 *
 * @throws {RangeError} when an option is out of range (see {@link RbmOptions}).
 */
export function trainRbm(data: DataMatrix, options: RbmOptions): Rbm {
  const hiddenType = options.hiddenType ?? "binary";
  const linear = hiddenType === "linear";
  const epochs = options.epochs ?? 50;
  const batchSize = options.batchSize ?? 100;
  const learningRate = options.learningRate ??
    (linear ? LINEAR_LEARNING_RATE : BINARY_LEARNING_RATE);
  const initialMomentum = options.initialMomentum ?? 0.5;
  const finalMomentum = options.finalMomentum ?? 0.9;
  const momentumEpochs = options.momentumEpochs ?? 5;
  const weightDecay = options.weightDecay ?? 0.0002;
  const gemm = options.gemm ?? jsGemm;
  const visible = data.columns;
  const hidden = options.hidden;
  const rows = data.rows;
  checkRbmOptions(data, hidden, epochs, batchSize, learningRate);

  const random = seedrandom.alea(String(options.seed ?? 0));
  const rbm: Rbm = {
    visible,
    hidden,
    weights: new Float32Array(visible * hidden),
    visibleBias: new Float32Array(visible),
    hiddenBias: new Float32Array(hidden),
    hiddenType,
  };
  fillNormal(rbm.weights, options.initialWeightScale ?? 0.1, random);
  const order = shuffledIndices(rows, random);

  // Work buffers for one mini-batch, reused by every update.
  const batch = new Float32Array(batchSize * visible);
  const positiveHidden = new Float32Array(batchSize * hidden);
  const hiddenStates = new Float32Array(batchSize * hidden);
  const negativeVisible = new Float32Array(batchSize * visible);
  const negativeHidden = new Float32Array(batchSize * hidden);
  const gradient = new Float32Array(visible * hidden);
  const weightStep = new Float32Array(visible * hidden);
  const visibleBiasStep = new Float32Array(visible);
  const hiddenBiasStep = new Float32Array(hidden);
  const visibleDelta = new Float32Array(visible);
  const hiddenDelta = new Float32Array(hidden);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = performance.now();
    const momentum = epoch <= momentumEpochs ? initialMomentum : finalMomentum;
    let squaredError = 0;

    for (let start = 0; start < rows; start += batchSize) {
      const count = Math.min(batchSize, rows - start);
      const v0 = batch.subarray(0, count * visible);
      const h0 = positiveHidden.subarray(0, count * hidden);
      const hs = hiddenStates.subarray(0, count * hidden);
      const v1 = negativeVisible.subarray(0, count * visible);
      const h1 = negativeHidden.subarray(0, count * hidden);
      gatherRows(data, order, start, count, v0);

      // Positive phase: hidden probabilities (or linear activations) of the data.
      gemm(v0, rbm.weights, h0, count, hidden, visible, false, false);
      addBias(h0, rbm.hiddenBias, linear ? "linear" : "sigmoid");

      // Sample hidden states, then reconstruct the visible probabilities and
      // recompute the hidden probabilities from them.
      if (linear) addGaussianNoise(h0, hs, random);
      else sampleBernoulli(h0, hs, random);
      gemm(hs, rbm.weights, v1, count, visible, hidden, false, true);
      addBias(v1, rbm.visibleBias, "sigmoid");
      gemm(v1, rbm.weights, h1, count, hidden, visible, false, false);
      addBias(h1, rbm.hiddenBias, linear ? "linear" : "sigmoid");
      squaredError += sumSquaredDifference(v0, v1);

      // Statistics: v0ᵀ·h0 − v1ᵀ·h1 for the weights, column sums of the
      // differences for the biases. h1 is negated so that the second product
      // subtracts.
      columnSumDifference(v0, v1, visible, visibleDelta);
      columnSumDifference(h0, h1, hidden, hiddenDelta);
      for (let i = 0; i < h1.length; i++) h1[i] = -h1[i];
      gemm(v0, h0, gradient, visible, hidden, count, true, false);
      gemm(v1, h1, gradient, visible, hidden, count, true, false, 1);

      applyMomentumStep(
        rbm.weights,
        weightStep,
        gradient,
        momentum,
        learningRate / count,
        learningRate * weightDecay,
      );
      applyMomentumStep(
        rbm.visibleBias,
        visibleBiasStep,
        visibleDelta,
        momentum,
        learningRate / count,
        0,
      );
      applyMomentumStep(
        rbm.hiddenBias,
        hiddenBiasStep,
        hiddenDelta,
        momentum,
        learningRate / count,
        0,
      );
    }

    options.onEpochEnd?.({
      epoch,
      epochs,
      reconstructionError: squaredError / (rows * visible),
      seconds: (performance.now() - started) / 1000,
    });
  }
  return rbm;
}

/**
 * Computes the hidden probabilities (binary hidden units) or the noise-free
 * linear activations (linear hidden units) of each row of `data`:
 * the input of the next RBM, or the codes of the top one. Returns
 * `[rows, hidden]`.
 *
 * @throws {RangeError} when `data` does not have `rbm.visible` columns.
 */
export function rbmHidden(
  rbm: Rbm,
  data: DataMatrix,
  gemm: Gemm = jsGemm,
): DataMatrix {
  if (data.columns !== rbm.visible) {
    throw new RangeError(
      `Cannot compute hidden units of an RBM with ${rbm.visible} visible units from data with ${data.columns} columns.`,
    );
  }

  const values = new Float32Array(data.rows * rbm.hidden);
  gemm(
    data.values,
    rbm.weights,
    values,
    data.rows,
    rbm.hidden,
    rbm.visible,
    false,
    false,
  );
  addBias(
    values,
    rbm.hiddenBias,
    rbm.hiddenType === "linear" ? "linear" : "sigmoid",
  );
  return { values, rows: data.rows, columns: rbm.hidden };
}

/**
 * Pretrains a stack of RBMs greedily: RBM `i` has `layerSizes[i]` visible and
 * `layerSizes[i + 1]` hidden units and learns from the hidden units of RBM
 * `i − 1`. The top RBM has linear hidden units. For the paper's MNIST
 * autoencoder, `layerSizes` is `[784, 1000, 500, 250, 30]` (or `…, 2]` for the
 * 2-D codes). Returns the RBMs from the input up.
 *
 * @throws {RangeError} when `layerSizes` has fewer than two sizes, a size is
 * not a positive integer, or the first size is not `data.columns`.
 */
export function pretrainStack(
  data: DataMatrix,
  layerSizes: number[],
  options: StackOptions = {},
  onLayerEnd?: (layer: number, rbm: Rbm) => void,
): Rbm[] {
  if (
    layerSizes.length < 2 ||
    layerSizes.some((size) => !Number.isInteger(size) || size < 1)
  ) {
    throw new RangeError(
      `Invalid RBM layer sizes [${layerSizes}]: expected at least two positive integers.`,
    );
  }
  if (layerSizes[0] !== data.columns) {
    throw new RangeError(
      `Invalid RBM layer sizes [${layerSizes}]: the first size must equal the ${data.columns} columns of the data.`,
    );
  }

  const { linearLearningRate, onEpochEnd, seed, ...shared } = options;
  const rbms: Rbm[] = [];
  let input = data;
  const top = layerSizes.length - 2;

  for (let layer = 0; layer <= top; layer++) {
    const linear = layer === top;
    const rbm = trainRbm(input, {
      ...shared,
      hidden: layerSizes[layer + 1],
      hiddenType: linear ? "linear" : "binary",
      learningRate: linear
        ? linearLearningRate ?? LINEAR_LEARNING_RATE
        : shared.learningRate ?? BINARY_LEARNING_RATE,
      seed: `${seed ?? 0}/${layer}`,
      onEpochEnd: onEpochEnd && ((record) => onEpochEnd(layer, record)),
    });
    rbms.push(rbm);
    onLayerEnd?.(layer, rbm);

    // The top RBM's hidden units are the codes: no later layer needs them.
    if (layer < top) input = rbmHidden(rbm, input, shared.gemm);
  }
  return rbms;
}

/**
 * Unrolls a stack of RBMs into the dense layers of an autoencoder, as the
 * paper does before fine-tuning. The encoder uses each RBM's weights and
 * hidden biases from the input up. The decoder uses the transposed weights
 * and visible biases from the top down. Every layer is logistic except the
 * code layer, which is linear when the top RBM is.
 */
export function unrollStack(rbms: Rbm[]): UnrolledLayer[] {
  const encoder = rbms.map((rbm): UnrolledLayer => ({
    kernel: rbm.weights.slice(),
    bias: rbm.hiddenBias.slice(),
    inputs: rbm.visible,
    outputs: rbm.hidden,
    activation: rbm.hiddenType === "linear" ? "linear" : "sigmoid",
  }));

  const decoder = rbms.toReversed().map((rbm): UnrolledLayer => ({
    kernel: transpose(rbm.weights, rbm.visible, rbm.hidden),
    bias: rbm.visibleBias.slice(),
    inputs: rbm.hidden,
    outputs: rbm.visible,
    activation: "sigmoid",
  }));

  return [...encoder, ...decoder];
}

/** Throws a RangeError for an option of {@link trainRbm} out of range. */
function checkRbmOptions(
  data: DataMatrix,
  hidden: number,
  epochs: number,
  batchSize: number,
  learningRate: number,
): void {
  if (data.values.length !== data.rows * data.columns || data.rows < 1) {
    throw new RangeError(
      `Invalid RBM training data: expected at least one row and ${data.rows} × ${data.columns} values, found ${data.values.length}.`,
    );
  }
  const checks: [string, number, boolean][] = [
    ["hidden", hidden, Number.isInteger(hidden) && hidden >= 1],
    ["epochs", epochs, Number.isInteger(epochs) && epochs >= 0],
    ["batchSize", batchSize, Number.isInteger(batchSize) && batchSize >= 1],
    [
      "learningRate",
      learningRate,
      Number.isFinite(learningRate) && learningRate > 0,
    ],
  ];
  for (const [name, value, valid] of checks) {
    if (!valid) {
      throw new RangeError(
        `Invalid RBM option ${name}: ${value}. Expected ${
          name === "learningRate"
            ? "a positive number"
            : name === "epochs"
            ? "an integer >= 0"
            : "an integer >= 1"
        }.`,
      );
    }
  }
}

/** Fills `values` with N(0, scale²) samples by the Box–Muller transform. */
function fillNormal(
  values: Float32Array,
  scale: number,
  random: () => number,
): void {
  for (let i = 0; i < values.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    values[i] = scale * radius * Math.cos(angle);
    if (i + 1 < values.length) values[i + 1] = scale * radius * Math.sin(angle);
  }
}

/** Copies rows `order[start..start+count)` of `data` into `out`. */
function gatherRows(
  data: DataMatrix,
  order: Uint32Array,
  start: number,
  count: number,
  out: Float32Array,
): void {
  const columns = data.columns;
  for (let row = 0; row < count; row++) {
    const source = order[start + row] * columns;
    out.set(data.values.subarray(source, source + columns), row * columns);
  }
}

/** Adds `bias` to each row of `values` and applies the logistic function unless `linear`. */
function addBias(
  values: Float32Array,
  bias: Float32Array,
  activation: "sigmoid" | "linear",
): void {
  const columns = bias.length;
  const logistic = activation === "sigmoid";
  for (let start = 0; start < values.length; start += columns) {
    for (let j = 0; j < columns; j++) {
      const x = values[start + j] + bias[j];
      values[start + j] = logistic ? 1 / (1 + Math.exp(-x)) : x;
    }
  }
}

/** Writes 1 where a uniform sample is below the probability, else 0. */
function sampleBernoulli(
  probabilities: Float32Array,
  out: Float32Array,
  random: () => number,
): void {
  for (let i = 0; i < probabilities.length; i++) {
    out[i] = probabilities[i] > random() ? 1 : 0;
  }
}

/** Writes `means` plus unit-variance Gaussian noise (Box–Muller) into `out`. */
function addGaussianNoise(
  means: Float32Array,
  out: Float32Array,
  random: () => number,
): void {
  fillNormal(out, 1, random);
  for (let i = 0; i < means.length; i++) out[i] += means[i];
}

/** Sum of squared differences of two arrays of the same length. */
function sumSquaredDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = a[i] - b[i];
    sum += difference * difference;
  }
  return sum;
}

/** Writes into `out` the column sums of `a − b`, both `[rows, columns]`. */
function columnSumDifference(
  a: Float32Array,
  b: Float32Array,
  columns: number,
  out: Float32Array,
): void {
  out.fill(0);
  for (let start = 0; start < a.length; start += columns) {
    for (let j = 0; j < columns; j++) out[j] += a[start + j] - b[start + j];
  }
}

/**
 * Updates parameters with momentum, as the Matlab code does:
 * `step = momentum · step + rate · statistic − decay · parameter`, then
 * `parameter += step`. `rate` is the learning rate over the batch size and
 * `decay` the learning rate times the weight decay.
 */
function applyMomentumStep(
  parameters: Float32Array,
  steps: Float32Array,
  statistics: Float32Array,
  momentum: number,
  rate: number,
  decay: number,
): void {
  for (let i = 0; i < parameters.length; i++) {
    const step = momentum * steps[i] + rate * statistics[i] -
      decay * parameters[i];
    steps[i] = step;
    parameters[i] += step;
  }
}

/** Returns the transpose of a row-major `[rows, columns]` matrix. */
function transpose(
  values: Float32Array,
  rows: number,
  columns: number,
): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      out[j * rows + i] = values[i * columns + j];
    }
  }
  return out;
}
