/**
 * Element-wise parts of a dense layer, run in place on Float32Arrays: bias
 * plus activation going forward, the activation's derivative going back, and
 * the bias gradient.
 *
 * @module
 */

/**
 * Activations that the fused dense kernels implement.
 *
 * @example
 * ```ts
 * import { Autoencoder, type FusedActivation } from "@hs2006/dimensionality-report";
 *
 * const activation: FusedActivation = "relu";
 * const autoencoder = Autoencoder.create({ activation });
 * ```
 */
export type FusedActivation = "linear" | "relu" | "elu" | "sigmoid";

/** Whether the fused kernels implement `name`. */
export function isFusedActivation(name: string): name is FusedActivation {
  return name === "linear" || name === "relu" || name === "elu" ||
    name === "sigmoid";
}

/** Adds `bias` (length `columns`) to each row of `values`, then applies the activation in place. */
export function addBiasAndActivate(
  values: Float32Array,
  bias: Float32Array | null,
  columns: number,
  activation: FusedActivation,
): void {
  const count = values.length;

  if (bias != null) {
    for (let start = 0; start < count; start += columns) {
      for (let j = 0; j < columns; j++) values[start + j] += bias[j];
    }
  }

  if (activation === "elu") {
    for (let i = 0; i < count; i++) {
      const x = values[i];
      if (x < 0) values[i] = Math.expm1(x);
    }
  } else if (activation === "relu") {
    for (let i = 0; i < count; i++) if (values[i] < 0) values[i] = 0;
  } else if (activation === "sigmoid") {
    for (let i = 0; i < count; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
  }
}

/**
 * Writes into `out` the gradient before the activation, `dy · f'(z)`, computed
 * from the layer's output `y = f(z)`.
 */
export function activationGradient(
  dy: Float32Array,
  y: Float32Array,
  activation: FusedActivation,
  out: Float32Array,
): void {
  const count = dy.length;

  if (activation === "linear") {
    out.set(dy);
  } else if (activation === "elu") {
    // ELU: f'(z) = 1 for z > 0, else exp(z) = y + 1.
    for (let i = 0; i < count; i++) {
      const value = y[i];
      out[i] = value > 0 ? dy[i] : dy[i] * (value + 1);
    }
  } else if (activation === "relu") {
    for (let i = 0; i < count; i++) out[i] = y[i] > 0 ? dy[i] : 0;
  } else {
    for (let i = 0; i < count; i++) {
      const value = y[i];
      out[i] = dy[i] * value * (1 - value);
    }
  }
}

/** Sums the rows of `values` (`[rows, columns]`) into `out` (length `columns`). */
export function sumRows(
  values: Float32Array,
  columns: number,
  out: Float32Array,
): void {
  out.fill(0);
  for (let start = 0; start < values.length; start += columns) {
    for (let j = 0; j < columns; j++) out[j] += values[start + j];
  }
}
