/**
 * The float32 reference for the page's decoder: the decoder's dense layers
 * run in TensorFlow.js on whatever backend is active.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import type { DenseLayerWeights } from "../src/report/types.ts";

const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  elu: (x) => tf.elu(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
};

/**
 * Decodes `codes` (`[count, 2]` row-major) with the float32 decoder
 * weights and returns the images, `[count, units of the last layer]`.
 */
export function tfjsDecode(
  decoder: DenseLayerWeights[],
  codes: Float32Array,
): Float32Array {
  const output = tf.tidy(() => {
    let x: tf.Tensor = tf.tensor2d(codes, [codes.length / 2, 2]);
    let inputs = 2;
    for (const layer of decoder) {
      const kernel = tf.tensor2d(layer.kernel, [inputs, layer.units]);
      const z = tf.add(tf.matMul(x as tf.Tensor2D, kernel), layer.bias);
      x = ACTIVATIONS[layer.activation](z);
      inputs = layer.units;
    }
    return x;
  });

  const values = output.dataSync() as Float32Array;
  output.dispose();
  return values;
}
