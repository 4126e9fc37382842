/**
 * Decodes points of the report's 2-D planes to images: the autoencoder's
 * decoder, whose kernels are stored as 16-bit integers with one float32
 * scale per output column, and PCA's inverse projection.
 *
 * Plain JavaScript without imports, because writeReport inlines this file
 * into index.html (a page that must work offline from file://), and the
 * tests import the same file under Deno to compare it with tfjs.
 *
 * @module
 */

/** Activation functions, keyed by the name that tfjs layers report. */
export const ACTIVATIONS = {
  linear: (x) => x,
  relu: (x) => (x > 0 ? x : 0),
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: (x) => Math.tanh(x),
};

/**
 * Decodes base64 text to bytes.
 *
 * @param {string} text
 * @returns {Uint8Array}
 */
export function base64ToBytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/**
 * Decodes base64 text holding little-endian float32 values.
 *
 * @param {string} text
 * @returns {Float32Array}
 */
export function float32FromBase64(text) {
  const bytes = base64ToBytes(text);
  if (bytes.length % 4 !== 0) {
    throw new RangeError(
      `float32 data has ${bytes.length} bytes, which is not a multiple of 4`,
    );
  }

  const view = new DataView(bytes.buffer);
  const values = new Float32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) {
    values[i] = view.getFloat32(4 * i, true);
  }
  return values;
}

/**
 * @typedef {object} PackedLayer
 * @property {number} inputs Input units.
 * @property {number} units Output units.
 * @property {string} activation A key of ACTIVATIONS.
 * @property {string} weights Kernel `[inputs, units]` row-major as little-endian int16, base64.
 * @property {string} scales One float32 scale per output unit (kernel column), base64.
 * @property {string} bias Float32 bias, length `units`, base64.
 */

/**
 * @typedef {object} DenseLayer
 * @property {number} inputs Input units.
 * @property {number} units Output units.
 * @property {string} activation A key of ACTIVATIONS.
 * @property {Float32Array} kernel `[inputs, units]` row-major.
 * @property {Float32Array} bias Length `units`.
 */

/**
 * Expands int16 layers to float32 kernels: weight = int16 value × the
 * scale of its column.
 *
 * @param {{ layers: PackedLayer[] }} packed
 * @returns {DenseLayer[]}
 * @throws {RangeError} if a layer's sizes disagree with its data.
 */
export function unpackDecoder(packed) {
  return packed.layers.map((layer, index) => {
    const { inputs, units, activation } = layer;
    const bytes = base64ToBytes(layer.weights);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const count = Math.floor(bytes.length / 2);
    const scales = float32FromBase64(layer.scales);
    const bias = float32FromBase64(layer.bias);

    if (
      bytes.length !== 2 * inputs * units || scales.length !== units ||
      bias.length !== units
    ) {
      throw new RangeError(
        `decoder layer ${index}: expected ${inputs}×${units} weights and ${units} scales and biases, ` +
          `got ${count} weights, ${scales.length} scales and ${bias.length} biases`,
      );
    }

    const kernel = new Float32Array(inputs * units);
    for (let k = 0; k < inputs; k++) {
      const row = k * units;
      for (let j = 0; j < units; j++) {
        kernel[row + j] = view.getInt16(2 * (row + j), true) * scales[j];
      }
    }

    return { inputs, units, activation, kernel, bias };
  });
}

/**
 * Runs dense layers on one input vector, in float64 arithmetic.
 *
 * @param {DenseLayer[]} layers
 * @param {ArrayLike<number>} input Length `layers[0].inputs`, e.g. a 2-D code.
 * @returns {Float64Array} The last layer's activations.
 * @throws {RangeError} if the input length or an activation name is wrong.
 */
export function decodeCode(layers, input) {
  if (input.length !== layers[0].inputs) {
    throw new RangeError(
      `decodeCode: the input has ${input.length} values, the first layer takes ${
        layers[0].inputs
      }`,
    );
  }

  let values = Float64Array.from(input);
  for (const layer of layers) {
    const activate = ACTIVATIONS[layer.activation];
    if (!activate) {
      throw new RangeError(`Unsupported activation "${layer.activation}"`);
    }

    const { units, kernel } = layer;
    const out = Float64Array.from(layer.bias);
    for (let k = 0; k < layer.inputs; k++) {
      const value = values[k];
      // After a ReLU about half of the inputs are 0 and add nothing.
      if (value === 0) continue;
      const row = k * units;
      for (let j = 0; j < units; j++) {
        out[j] += value * kernel[row + j];
      }
    }
    for (let j = 0; j < units; j++) {
      out[j] = activate(out[j]);
    }
    values = out;
  }

  return values;
}

/**
 * PCA's inverse projection of a 2-D code: mean + code · components.
 *
 * @param {{ mean: Float32Array, components: Float32Array }} pca Components `[2, pixels]`.
 * @param {ArrayLike<number>} code
 * @returns {Float64Array}
 */
export function pcaDecodeCode(pca, code) {
  const pixels = pca.mean.length;
  const out = new Float64Array(pixels);
  for (let p = 0; p < pixels; p++) {
    out[p] = pca.mean[p] + code[0] * pca.components[p] +
      code[1] * pca.components[pixels + p];
  }
  return out;
}

/**
 * Writes intensities as opaque gray RGBA pixels: values are clamped to
 * [0, 1] and rounded to 0–255, so 0 is black and 1 is white.
 *
 * @param {ArrayLike<number>} values
 * @param {Uint8ClampedArray} rgba Length `4 × values.length`.
 */
export function writeGrayRgba(values, rgba) {
  for (let i = 0; i < values.length; i++) {
    const gray = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
    rgba[4 * i] = gray;
    rgba[4 * i + 1] = gray;
    rgba[4 * i + 2] = gray;
    rgba[4 * i + 3] = 255;
  }
}
