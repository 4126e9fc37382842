/**
 * Comparisons of numeric arrays for tests.
 *
 * @module
 */

import assert from "node:assert/strict";

/** Returns the largest absolute difference between two arrays, asserting first that their lengths are equal. */
export function maxDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): number {
  assert.equal(a.length, b.length, "arrays of different lengths");
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    max = Math.max(max, Math.abs(a[i] - b[i]));
  }
  return max;
}
