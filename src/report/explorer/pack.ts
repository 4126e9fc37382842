/**
 * Packs the explorer's numbers for the page: the decoder as int8 kernels
 * with one float32 scale per output unit, float32 arrays as base64, and
 * the measured error of the int8 decoder.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import type { DenseLayerWeights } from "../types.ts";
import {
  ACTIVATIONS,
  decodeCode,
  type DenseLayer,
  type PackedLayer,
  unpackDecoder,
} from "./decode.js";

/** The decoder as the page stores it. */
export interface PackedDecoder {
  layers: PackedLayer[];
}

/** How far the page's int8 decoder is from the float32 one. */
export interface DecoderError {
  /** Largest absolute pixel difference over all codes, intensities in [0, 1]. */
  max: number;
  /** Mean absolute pixel difference over all codes and pixels. */
  mean: number;
  /** Number of codes decoded. */
  codes: number;
}

/** Largest int8 magnitude used, so that −127…127 is symmetric around 0. */
const INT8_MAX = 127;

/** Encodes bytes as base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("base64");
}

/** Encodes float32 values as base64 of their little-endian bytes. */
export function float32ToBase64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    view.setFloat32(4 * i, values[i], true);
  }
  return bytesToBase64(bytes);
}

/**
 * Quantises a kernel `[inputs, units]` to int8 with one scale per column:
 * scale = max |w| of the column / 127, and each weight becomes
 * round(w / scale). A column of zeros gets scale 1.
 */
export function quantizeKernel(
  kernel: Float32Array,
  inputs: number,
  units: number,
): { weights: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(units);
  for (let j = 0; j < units; j++) {
    let max = 0;
    for (let k = 0; k < inputs; k++) {
      max = Math.max(max, Math.abs(kernel[k * units + j]));
    }
    scales[j] = max > 0 ? max / INT8_MAX : 1;
  }

  const weights = new Int8Array(inputs * units);
  for (let k = 0; k < inputs; k++) {
    for (let j = 0; j < units; j++) {
      const q = Math.round(kernel[k * units + j] / scales[j]);
      weights[k * units + j] = Math.max(-INT8_MAX, Math.min(INT8_MAX, q));
    }
  }

  return { weights, scales };
}

/**
 * Converts the pipeline's decoder weights to layers that decode.js runs,
 * with float32 kernels as they are. The first layer takes `codeSize` inputs.
 */
export function toDenseLayers(
  decoder: DenseLayerWeights[],
  codeSize = 2,
): DenseLayer[] {
  let inputs = codeSize;
  return decoder.map((layer) => {
    const dense = {
      inputs,
      units: layer.units,
      activation: layer.activation,
      kernel: layer.kernel,
      bias: layer.bias,
    };
    inputs = layer.units;
    return dense;
  });
}

/** Quantises every layer of the decoder for the page. */
export function packDecoder(decoder: DenseLayerWeights[]): PackedDecoder {
  return {
    layers: toDenseLayers(decoder).map((layer) => {
      if (!(layer.activation in ACTIVATIONS)) {
        throw new RangeError(
          `The page cannot decode activation "${layer.activation}"; supported: ${
            Object.keys(ACTIVATIONS).join(", ")
          }`,
        );
      }
      const { weights, scales } = quantizeKernel(
        layer.kernel,
        layer.inputs,
        layer.units,
      );
      return {
        inputs: layer.inputs,
        units: layer.units,
        activation: layer.activation,
        weights: bytesToBase64(new Uint8Array(weights.buffer)),
        scales: float32ToBase64(scales),
        bias: float32ToBase64(layer.bias),
      };
    }),
  };
}

/**
 * Measures the packed decoder against the float32 decoder on `codes`
 * (`[count, 2]` row-major): both run through decode.js, the page's code,
 * on the same codes.
 */
export function measureDecoderError(
  decoder: DenseLayerWeights[],
  packed: PackedDecoder,
  codes: Float32Array,
): DecoderError {
  const reference = toDenseLayers(decoder);
  const quantized = unpackDecoder(packed);
  const count = codes.length / 2;

  let max = 0;
  let sum = 0;
  let pixels = 0;
  for (let i = 0; i < count; i++) {
    const code = codes.subarray(2 * i, 2 * i + 2);
    const expected = decodeCode(reference, code);
    const actual = decodeCode(quantized, code);
    for (let p = 0; p < expected.length; p++) {
      const difference = Math.abs(actual[p] - expected[p]);
      max = Math.max(max, difference);
      sum += difference;
    }
    pixels += expected.length;
  }

  return { max, mean: pixels > 0 ? sum / pixels : 0, codes: count };
}
