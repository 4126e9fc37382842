/**
 * Differentiable operations built on the fused kernels: a dense layer and the
 * MSE loss, each one kernel call forward and one backward.
 *
 * tfjs runs the forward pass of `variableGrads` in its own tidy scope, so a
 * gradient function may only use the tensors it saved, never the inputs it
 * closes over.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import type { FusedActivation } from "./activations.ts";
import {
  DENSE_BACKWARD,
  DENSE_FORWARD,
  MSE,
  MSE_GRADIENT,
  runKernel,
} from "./kernels.ts";

/**
 * Applies a dense layer, `f(x · kernel + bias)`, as one fused kernel.
 * With `inputGradient` false, `x` is treated as a constant (the data batch),
 * which saves the backward product that would compute its gradient.
 */
export function fusedDense(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  activation: FusedActivation,
  inputGradient: boolean,
): tf.Tensor2D {
  const forward = (
    input: tf.Tensor,
    weights: tf.Tensor,
    offsets: tf.Tensor,
    save: tf.GradSaveFunc,
  ) => {
    const y = runKernel<tf.Tensor2D>(DENSE_FORWARD, {
      x: input,
      kernel: weights,
      bias: offsets,
    }, { activation });
    save([input, weights, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        runKernel<tf.Tensor[]>(DENSE_BACKWARD, {
          dy: dy as tf.Tensor,
          x: saved[0],
          kernel: saved[1],
          y: saved[2],
        }, { activation, inputGradient }),
    };
  };

  if (!inputGradient) {
    const layer = tf.customGrad((weights, offsets, save) =>
      forward(
        x,
        weights as tf.Tensor,
        offsets as tf.Tensor,
        save as tf.GradSaveFunc,
      )
    );
    return layer(kernel, bias) as tf.Tensor2D;
  }

  const layer = tf.customGrad((input, weights, offsets, save) =>
    forward(
      input as tf.Tensor,
      weights as tf.Tensor,
      offsets as tf.Tensor,
      save as tf.GradSaveFunc,
    )
  );
  return layer(x, kernel, bias) as tf.Tensor2D;
}

/** Mean squared error between `prediction` and a constant `target`, as one kernel. */
export function fusedMse(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const loss = tf.customGrad((input, saveInput) => {
    const save = saveInput as unknown as tf.GradSaveFunc;
    const value = runKernel<tf.Scalar>(MSE, {
      prediction: input as tf.Tensor,
      target,
    });
    save([input as tf.Tensor, target]);
    return {
      value,
      gradFunc: (dy, saved) =>
        runKernel<tf.Tensor>(MSE_GRADIENT, {
          dy: dy as tf.Tensor,
          prediction: saved[0],
          target: saved[1],
        }),
    };
  });
  return loss(prediction) as tf.Scalar;
}
