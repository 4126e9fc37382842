/**
 * Packs the explorer's numbers for the page: the decoder as int16 kernels
 * with one float32 scale per output unit, float32 arrays as base64, and
 * the measured error of the int16 decoder.
 *
 * The kernels are int16 rather than int8 or float16, measured on the
 * decoder of `deno task report` (60,000 images, 5 epochs, seed 0) and its
 * 5000 scatter codes. int8 with per-column scales gave a max pixel error
 * of 0.050 (13 gray levels) and float16 gave 0.0015. int16 gave 0.00017
 * in the same 0.9 MB as float16, and browsers need no float16 support to
 * read it.
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

/** Decoder layers as the page stores them. */
export interface PackedDecoder {
  layers: PackedLayer[];
}

/** Distance of the page's int16 decoder from the float32 one. */
export interface DecoderError {
  /** Largest absolute pixel difference over all codes, intensities in [0, 1]. */
  max: number;
  /** Mean absolute pixel difference over all codes and pixels. */
  mean: number;
  /** Number of codes decoded. */
  codes: number;
}

/** Largest int16 magnitude used, so that −32767…32767 is symmetric around 0. */
const INT16_MAX = 32767;

/** Encodes bytes as base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("base64");
}

/** Encodes int16 values as base64 of their little-endian bytes. */
export function int16ToBase64(values: Int16Array): string {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    view.setInt16(2 * i, values[i], true);
  }
  return bytesToBase64(bytes);
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
 * Quantises a kernel `[inputs, units]` to int16 with one scale per column:
 * scale = max |w| of the column / 32767, and each weight becomes
 * round(w / scale). A column of zeros gets scale 1.
 */
export function quantizeKernel(
  kernel: Float32Array,
  inputs: number,
  units: number,
): { weights: Int16Array; scales: Float32Array } {
  const scales = new Float32Array(units);
  for (let j = 0; j < units; j++) {
    let max = 0;
    for (let k = 0; k < inputs; k++) {
      max = Math.max(max, Math.abs(kernel[k * units + j]));
    }
    scales[j] = max > 0 ? max / INT16_MAX : 1;
  }

  const weights = new Int16Array(inputs * units);
  for (let k = 0; k < inputs; k++) {
    for (let j = 0; j < units; j++) {
      const q = Math.round(kernel[k * units + j] / scales[j]);
      weights[k * units + j] = Math.max(-INT16_MAX, Math.min(INT16_MAX, q));
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
        weights: int16ToBase64(weights),
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
