/**
 * Small IDX datasets written by tests into temporary folders.
 *
 * @module
 */

import { join } from "node:path";

import { writeIdx } from "../src/data/idx.ts";
import { type FileRole, IDX_FILE_NAMES } from "../src/data/sources.ts";

/** Shape and storage of a dataset written by {@link writeDataset}. */
export interface DatasetSpec {
  /** Number of training images. Default: 20. */
  trainCount?: number;
  /** Number of test images. Default: 10. */
  testCount?: number;
  /** Image height in pixels. Default: 14. */
  height?: number;
  /** Image width in pixels. Default: 14. */
  width?: number;
  /** Roles to store gzip-compressed as `<name>.gz`. Default: none. */
  gzip?: FileRole[];
}

/** Path of each file written by {@link writeDataset}, by role. */
export type DatasetPaths = Record<FileRole, string>;

/**
 * Returns `count` images of `height * width` pixels whose values cycle through
 * 0..255, so that the first pixels of image `i` are predictable.
 */
export function makePixels(
  count: number,
  height: number,
  width: number,
): Uint8Array {
  const pixels = new Uint8Array(count * height * width);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = (i * 7) % 256;
  }
  return pixels;
}

/** Returns labels 0, 1, ..., 9, 0, 1, ... of length `count`. */
export function makeLabels(count: number): Uint8Array {
  return Uint8Array.from({ length: count }, (_, i) => i % 10);
}

/** Writes a valid dataset of the four IDX files into `dir` and returns their paths. */
export async function writeDataset(
  dir: string,
  spec: DatasetSpec = {},
): Promise<DatasetPaths> {
  const trainCount = spec.trainCount ?? 20;
  const testCount = spec.testCount ?? 10;
  const height = spec.height ?? 14;
  const width = spec.width ?? 14;
  const gzip = new Set(spec.gzip ?? []);

  const contents: Record<FileRole, { shape: number[]; data: Uint8Array }> = {
    trainImages: {
      shape: [trainCount, height, width],
      data: makePixels(trainCount, height, width),
    },
    trainLabels: { shape: [trainCount], data: makeLabels(trainCount) },
    testImages: {
      shape: [testCount, height, width],
      data: makePixels(testCount, height, width),
    },
    testLabels: { shape: [testCount], data: makeLabels(testCount) },
  };

  const paths = {} as DatasetPaths;
  for (const role of Object.keys(contents) as FileRole[]) {
    const compressed = gzip.has(role);
    const name = IDX_FILE_NAMES[role] + (compressed ? ".gz" : "");
    paths[role] = join(dir, name);
    await writeIdx(paths[role], contents[role].shape, contents[role].data, {
      gzip: compressed,
    });
  }
  return paths;
}
