/**
 * Principal component analysis of images: covariance through a fast matrix
 * product, eigendecomposition with ml-matrix, projection and reconstruction.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { Blas } from "./backend/blas.ts";

/**
 * Row-major data matrix.
 *
 * @example
 * ```ts
 * import { type DataMatrix, fitPca, loadDataset } from "@hs2006/dimensionality-report";
 *
 * const { train } = await loadDataset();
 * const matrix: DataMatrix = { values: train.images, rows: train.count, columns: 784 };
 * const pca = fitPca(matrix);
 * ```
 */
export interface DataMatrix {
  /** Values, `[rows, columns]`. */
  values: Float32Array;
  /** Number of rows (images). */
  rows: number;
  /** Number of columns (pixels). */
  columns: number;
}

/**
 * Computes `xᵀ · x` (`[columns, columns]`) of a data matrix.
 * The default runs on tfjs in chunks of rows; `blasGram` runs on BLAS.
 *
 * @example Compute xᵀ · x in float64 JavaScript
 * ```ts
 * import { type GramFunction, fitPca } from "@hs2006/dimensionality-report";
 *
 * const gram: GramFunction = ({ values, rows, columns }) => {
 *   const product = new Float64Array(columns * columns);
 *   for (let r = 0; r < rows; r++) {
 *     for (let i = 0; i < columns; i++) {
 *       for (let j = 0; j < columns; j++) {
 *         product[i * columns + j] += values[r * columns + i] * values[r * columns + j];
 *       }
 *     }
 *   }
 *   return Float32Array.from(product);
 * };
 * const pca = fitPca({ values: new Float32Array([1, 2, 3, 4, 5, 7]), rows: 3, columns: 2 }, { components: 1, gram });
 * ```
 */
export type GramFunction = (x: DataMatrix) => Float32Array;

/**
 * Eigenvalues (ascending) and unit eigenvectors (row i belongs to value i) of
 * a symmetric `[n, n]` matrix, or null when the solver is unavailable.
 *
 * @example Report that no solver is available, so fitPca uses ml-matrix
 * ```ts
 * import { type EigenFunction, fitPca } from "@hs2006/dimensionality-report";
 *
 * const eigen: EigenFunction = () => null;
 * const pca = fitPca({ values: new Float32Array([1, 2, 3, 4, 5, 7]), rows: 3, columns: 2 }, { components: 1, eigen });
 * ```
 */
export type EigenFunction = (
  matrix: Float32Array,
  n: number,
) => { values: ArrayLike<number>; vectors: ArrayLike<number> } | null;

/**
 * Options of `fitPca`.
 *
 * @example
 * ```ts
 * import { fitPca, loadDataset, type PcaOptions } from "@hs2006/dimensionality-report";
 *
 * const { train } = await loadDataset();
 * const options: PcaOptions = { components: 30 };
 * const pca = fitPca({ values: train.images, rows: train.count, columns: 784 }, options);
 * ```
 */
export interface PcaOptions {
  /** Number of principal components kept (default 2). */
  components?: number;
  /** How to compute `xᵀ · x` (default: tfjs matMul in chunks of 4096 rows). */
  gram?: GramFunction;
  /** How to decompose the covariance (default: ml-matrix's symmetric solver). */
  eigen?: EigenFunction;
}

/**
 * A fitted PCA.
 *
 * @example
 * ```ts
 * import { fitPca, loadDataset, type PcaModel } from "@hs2006/dimensionality-report";
 *
 * const { train } = await loadDataset();
 * const pca: PcaModel = fitPca({ values: train.images, rows: train.count, columns: 784 });
 * console.log(pca.explainedVarianceRatio); // about [0.097, 0.071] on MNIST
 * ```
 */
export interface PcaModel {
  /** Mean of the training rows, length `columns`. */
  mean: Float32Array;
  /** Principal directions, `[components, columns]`, unit length, largest variance first. */
  components: Float32Array;
  /** Number of components. */
  componentCount: number;
  /** Number of input columns (pixels). */
  columns: number;
  /** Variance along each component. */
  explainedVariance: number[];
  /** Fraction of the total variance along each component. */
  explainedVarianceRatio: number[];
}

const CHUNK_ROWS = 4096;

/** `xᵀ · x` through tfjs's matMul (the registered kernels), in chunks of rows. */
export function tfjsGram(x: DataMatrix): Float32Array {
  let gram = tf.zeros([x.columns, x.columns]);
  for (let start = 0; start < x.rows; start += CHUNK_ROWS) {
    const end = Math.min(x.rows, start + CHUNK_ROWS);
    const next = tf.tidy(() => {
      const chunk = tf.tensor2d(
        x.values.subarray(start * x.columns, end * x.columns),
        [end - start, x.columns],
      );
      return gram.add(tf.matMul(chunk, chunk, true, false));
    });
    gram.dispose();
    gram = next;
  }
  const values = gram.dataSync() as Float32Array;
  gram.dispose();
  return values;
}

/** `xᵀ · x` through BLAS: ssyrk (half the work of a product) where the library has it, else sgemm. */
export function blasGram(blas: Blas): GramFunction {
  return (x) => {
    const gram = new Float32Array(x.columns * x.columns);
    if (blas.syrk(x.values, gram, x.columns, x.rows)) {
      // ssyrk fills the upper triangle only: mirror it.
      for (let i = 0; i < x.columns; i++) {
        for (let j = 0; j < i; j++) {
          gram[i * x.columns + j] = gram[j * x.columns + i];
        }
      }
      return gram;
    }
    blas.gemm(
      x.values,
      x.values,
      gram,
      x.columns,
      x.columns,
      x.rows,
      true,
      false,
    );
    return gram;
  };
}

/** Returns the symmetric eigensolver of LAPACK through the BLAS library, where it has one. */
export function blasEigen(blas: Blas): EigenFunction {
  return (matrix, n) => blas.symmetricEigen(matrix, n);
}

/** ml-matrix's symmetric eigensolver, in the EigenFunction layout. */
export function mlMatrixEigen(
  matrix: Float32Array,
  n: number,
): { values: number[]; vectors: Float64Array } {
  const rows = Array.from(
    { length: n },
    (_, row) => Array.from(matrix.subarray(row * n, (row + 1) * n)),
  );
  const decomposition = new EigenvalueDecomposition(new Matrix(rows), {
    assumeSymmetric: true,
  });
  const eigenvectors = decomposition.eigenvectorMatrix;
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) vectors[i * n + j] = eigenvectors.get(j, i);
  }
  return { values: decomposition.realEigenvalues, vectors };
}

/** Returns the fastest solvers available: BLAS and LAPACK when loaded, else tfjs and ml-matrix. */
export function pcaSolvers(
  blas: Blas | null,
): Pick<PcaOptions, "gram" | "eigen"> {
  return blas == null
    ? { gram: tfjsGram }
    : { gram: blasGram(blas), eigen: blasEigen(blas) };
}

/** Mean of each column. */
function columnMeans(x: DataMatrix): Float32Array {
  const sums = new Float64Array(x.columns);
  for (let row = 0; row < x.rows; row++) {
    const offset = row * x.columns;
    for (let j = 0; j < x.columns; j++) sums[j] += x.values[offset + j];
  }
  return Float32Array.from(sums, (sum) => sum / x.rows);
}

/**
 * Fits PCA to the rows of `x`.
 *
 * @example Two principal components of the MNIST training images
 * ```ts
 * import { fitPca, loadDataset, pcaReconstructionMse, setupBackend } from "@hs2006/dimensionality-report";
 *
 * await setupBackend();
 * const { train } = await loadDataset();
 * const matrix = { values: train.images, rows: train.count, columns: 784 };
 * const pca = fitPca(matrix, { components: 2 });
 * console.log(pcaReconstructionMse(pca, matrix)); // about 0.056
 * ```
 */
export function fitPca(x: DataMatrix, options: PcaOptions = {}): PcaModel {
  const componentCount = options.components ?? 2;
  if (
    !Number.isInteger(componentCount) || componentCount < 1 ||
    componentCount > x.columns
  ) {
    throw new RangeError(
      `Cannot fit PCA with ${componentCount} components: expected an integer from 1 to ${x.columns}.`,
    );
  }
  if (x.rows < 2) {
    throw new RangeError(
      `Cannot fit PCA to ${x.rows} row(s): expected at least 2.`,
    );
  }

  // Covariance = (xᵀx - rows · mean meanᵀ) / (rows - 1), from the raw rows:
  // centring a copy first would cost more than the product itself. Pixels in
  // [0, 1] keep the cancellation small (the errors match numpy's to 1e-6).
  const mean = columnMeans(x);
  const gram = (options.gram ?? tfjsGram)(x);
  const n = x.columns;
  const covariance = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // Symmetrise: float32 products can differ in the last bit between (i, j) and (j, i).
      const product = (gram[i * n + j] + gram[j * n + i]) / 2;
      covariance[i * n + j] = (product - x.rows * mean[i] * mean[j]) /
        (x.rows - 1);
    }
  }

  // Eigenvalues come in ascending order from both solvers; keep the largest.
  const decomposition = options.eigen?.(covariance, n) ??
    mlMatrixEigen(covariance, n);
  const eigenvalues = Array.from(decomposition.values);
  const vectors = decomposition.vectors;
  const order = eigenvalues.map((_, index) => index).sort((a, b) =>
    eigenvalues[b] - eigenvalues[a]
  );
  const totalVariance = eigenvalues.reduce(
    (sum, value) => sum + Math.max(value, 0),
    0,
  );

  const components = new Float32Array(componentCount * n);
  const explainedVariance: number[] = [];
  for (let c = 0; c < componentCount; c++) {
    const row = order[c] * n;

    // Fix the sign so that the largest entry is positive: results do not depend on the solver.
    let largest = 0;
    for (let j = 0; j < n; j++) {
      if (Math.abs(vectors[row + j]) > Math.abs(largest)) {
        largest = vectors[row + j];
      }
    }
    const sign = largest < 0 ? -1 : 1;
    for (let j = 0; j < n; j++) components[c * n + j] = sign * vectors[row + j];
    explainedVariance.push(eigenvalues[order[c]]);
  }

  return {
    mean,
    components,
    componentCount,
    columns: x.columns,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((value) =>
      value / totalVariance
    ),
  };
}

/**
 * Projects rows onto the components: the PCA codes, `[rows, components]`.
 *
 * @example
 * ```ts
 * import { fitPca, loadDataset, pcaEncode } from "@hs2006/dimensionality-report";
 *
 * const { train, test } = await loadDataset();
 * const pca = fitPca({ values: train.images, rows: train.count, columns: 784 });
 * const codes = pcaEncode(pca, { values: test.images, rows: test.count, columns: 784 }); // [10000, 2]
 * ```
 */
export function pcaEncode(model: PcaModel, x: DataMatrix): Float32Array {
  const k = model.componentCount;
  const codes = new Float32Array(x.rows * k);
  for (let row = 0; row < x.rows; row++) {
    const offset = row * x.columns;
    for (let c = 0; c < k; c++) {
      let sum = 0;
      const direction = c * x.columns;
      for (let j = 0; j < x.columns; j++) {
        sum += (x.values[offset + j] - model.mean[j]) *
          model.components[direction + j];
      }
      codes[row * k + c] = sum;
    }
  }
  return codes;
}

/**
 * Maps codes back to pixel space: `mean + codes · components`, `[rows, columns]`.
 *
 * @example Decode the origin of the PCA plane: the mean image
 * ```ts
 * import { fitPca, loadDataset, pcaDecode } from "@hs2006/dimensionality-report";
 *
 * const { train } = await loadDataset();
 * const pca = fitPca({ values: train.images, rows: train.count, columns: 784 });
 * const meanImage = pcaDecode(pca, new Float32Array([0, 0]), 1); // equals pca.mean
 * ```
 */
export function pcaDecode(
  model: PcaModel,
  codes: Float32Array,
  rows: number,
): Float32Array {
  const k = model.componentCount;
  const out = new Float32Array(rows * model.columns);
  for (let row = 0; row < rows; row++) {
    const offset = row * model.columns;
    out.set(model.mean, offset);
    for (let c = 0; c < k; c++) {
      const code = codes[row * k + c];
      const direction = c * model.columns;
      for (let j = 0; j < model.columns; j++) {
        out[offset + j] += code * model.components[direction + j];
      }
    }
  }
  return out;
}

/**
 * Reconstruction MSE per pixel of `x` through the PCA (encode, then decode).
 *
 * @example
 * ```ts
 * import { fitPca, loadDataset, pcaReconstructionMse } from "@hs2006/dimensionality-report";
 *
 * const { train, test } = await loadDataset();
 * const pca = fitPca({ values: train.images, rows: train.count, columns: 784 });
 * console.log(pcaReconstructionMse(pca, { values: test.images, rows: test.count, columns: 784 }));
 * ```
 */
export function pcaReconstructionMse(model: PcaModel, x: DataMatrix): number {
  const codes = pcaEncode(model, x);
  const k = model.componentCount;
  let sum = 0;
  for (let row = 0; row < x.rows; row++) {
    const offset = row * x.columns;
    for (let j = 0; j < x.columns; j++) {
      let reconstruction = model.mean[j];
      for (let c = 0; c < k; c++) {
        reconstruction += codes[row * k + c] *
          model.components[c * x.columns + j];
      }
      const difference = x.values[offset + j] - reconstruction;
      sum += difference * difference;
    }
  }
  return sum / (x.rows * x.columns);
}
