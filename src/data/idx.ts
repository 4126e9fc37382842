/**
 * Reading and writing IDX files, the format of MNIST and Fashion-MNIST,
 * raw or gzip-compressed.
 *
 * An IDX file starts with a big-endian 32-bit magic number `0x0000TTNN`, where
 * `TT` is the data type (0x08 is unsigned byte) and `NN` the number of
 * dimensions. Then come `NN` big-endian 32-bit sizes, then the data in
 * row-major order. MNIST labels are `0x00000801` and images `0x00000803`.
 *
 * @module
 */

import { basename } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

import { DataError } from "../errors.ts";

/** IDX data type code of unsigned bytes, the only type this module reads. */
export const IDX_UNSIGNED_BYTE = 0x08;

const TYPE_NAMES: Record<number, string> = {
  0x08: "unsigned byte",
  0x09: "signed byte",
  0x0b: "16-bit integer",
  0x0c: "32-bit integer",
  0x0d: "32-bit float",
  0x0e: "64-bit float",
};

/**
 * Decoded contents of an IDX file of unsigned bytes.
 *
 * @example
 * ```ts
 * import { type IdxArray, readIdx } from "@hs2006/dimensionality-report";
 *
 * const { shape, data }: IdxArray = await readIdx("data/mnist/t10k-labels-idx1-ubyte");
 * console.log(shape, data[0]); // [10000] and the first label
 * ```
 */
export interface IdxArray {
  /** Size of each dimension, outermost first, e.g. `[60000, 28, 28]`. */
  shape: number[];
  /** Values in row-major order, as many as the product of `shape`. */
  data: Uint8Array;
}

/**
 * An IDX file read from disk.
 *
 * @example
 * ```ts
 * import { type IdxFile, readIdx } from "@hs2006/dimensionality-report";
 *
 * const file: IdxFile = await readIdx("data/mnist/train-images-idx3-ubyte.gz");
 * console.log(file.path, file.gzipped, file.fileBytes.length);
 * ```
 */
export interface IdxFile extends IdxArray {
  /** Path that was read. */
  path: string;
  /** Whether the file was gzip-compressed. */
  gzipped: boolean;
  /** The file's bytes as stored on disk (compressed bytes for a gzip file), e.g. for hashing. */
  fileBytes: Uint8Array;
}

/**
 * Requirements beyond the IDX format that {@link readIdx} and {@link decodeIdx} check.
 *
 * @example
 * ```ts
 * import { type IdxExpectation, readIdx } from "@hs2006/dimensionality-report";
 *
 * const images: IdxExpectation = { dimensions: 3 };
 * await readIdx("data/mnist/t10k-images-idx3-ubyte", images); // throws DataError on a label file
 * ```
 */
export interface IdxExpectation {
  /** Required number of dimensions: 1 for labels, 3 for images. */
  dimensions?: number;
}

/**
 * Reads an IDX file of unsigned bytes, gunzipping it first when its name ends
 * in `.gz` or it starts with the gzip magic bytes 1f 8b.
 *
 * @throws {DataError} when the file is missing, a folder, empty, not valid
 * gzip, or not a well-formed IDX file of unsigned bytes with the expected
 * number of dimensions. The message names the file.
 *
 * @example Read the test images as a [10000, 28, 28] array
 * ```ts
 * import { readIdx } from "@hs2006/dimensionality-report";
 *
 * const images = await readIdx("data/mnist/t10k-images-idx3-ubyte", { dimensions: 3 });
 * console.log(images.shape); // [10000, 28, 28]
 * ```
 */
export async function readIdx(
  path: string,
  expected: IdxExpectation = {},
): Promise<IdxFile> {
  const fileBytes = await readFileBytes(path);

  const gzipped = path.endsWith(".gz") || hasGzipMagic(fileBytes);
  const bytes = gzipped ? gunzip(fileBytes, path) : fileBytes;

  const array = decodeIdx(bytes, path, expected, gzipped);
  return { ...array, path, gzipped, fileBytes };
}

/**
 * Parses the bytes of an uncompressed IDX file of unsigned bytes.
 *
 * The returned `data` is a view into `bytes`, not a copy. `name` is used in
 * error messages. Set `gunzipped` when the bytes came out of a gzip file, so
 * that size errors say the sizes are after decompression.
 *
 * @throws {DataError} when the header is invalid, the data type is not
 * unsigned byte, the number of dimensions differs from `expected.dimensions`,
 * or the byte length differs from what the header declares.
 */
export function decodeIdx(
  bytes: Uint8Array,
  name: string,
  expected: IdxExpectation = {},
  gunzipped = false,
): IdxArray {
  const fail = (problem: string, fix: string) =>
    new DataError(`Cannot read IDX file "${name}": ${problem}. ${fix}`);
  const redownload =
    'Download the file again, for MNIST with "deno task fetch-data".';
  const sizeNote = gunzipped ? " after gunzip" : "";

  if (bytes.length === 0) {
    throw fail("the file is empty (0 bytes)", redownload);
  }
  if (bytes.length < 4) {
    throw fail(
      `the file has ${bytes.length} bytes${sizeNote}, fewer than the 4-byte magic number`,
      redownload,
    );
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const typeCode = bytes[2];
  const dimensions = bytes[3];
  const expectedMagic = expected.dimensions === undefined
    ? "0x000008NN"
    : formatMagic((IDX_UNSIGNED_BYTE << 8) | expected.dimensions);

  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw fail(
      `expected magic ${expectedMagic}, found ${formatMagic(magic)}`,
      "The file is not in IDX format. Check that it is an MNIST-format file and not renamed.",
    );
  }
  if (typeCode !== IDX_UNSIGNED_BYTE) {
    const typeName = TYPE_NAMES[typeCode] ?? "unknown type";
    throw fail(
      `expected data type 0x08 (unsigned byte), found ${
        formatByte(typeCode)
      } (${typeName}) in magic ${formatMagic(magic)}`,
      "Only IDX files of unsigned bytes are supported, so convert the file to unsigned bytes.",
    );
  }
  if (dimensions === 0) {
    throw fail(
      `magic ${formatMagic(magic)} declares 0 dimensions`,
      redownload,
    );
  }
  if (
    expected.dimensions !== undefined && dimensions !== expected.dimensions
  ) {
    throw fail(
      `expected magic ${expectedMagic} (${
        describeDimensions(expected.dimensions)
      }), found ${formatMagic(magic)} (${describeDimensions(dimensions)})`,
      "Check that the images and labels files are not swapped or renamed.",
    );
  }

  const headerLength = 4 + 4 * dimensions;
  if (bytes.length < headerLength) {
    throw fail(
      `the header needs ${headerLength} bytes for ${dimensions} dimensions, but the file has ${bytes.length} bytes${sizeNote}`,
      redownload,
    );
  }

  const shape: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    shape.push(view.getUint32(4 + 4 * i));
  }

  const dataLength = shape.reduce((product, size) => product * size, 1);
  const expectedLength = headerLength + dataLength;
  if (bytes.length !== expectedLength) {
    const difference = bytes.length < expectedLength
      ? `${expectedLength - bytes.length} bytes missing, the file is truncated`
      : `${bytes.length - expectedLength} extra bytes`;
    throw fail(
      `the header declares shape ${
        shape.join(" x ")
      }, so the file must have ${headerLength} + ${dataLength} = ${expectedLength} bytes${sizeNote}, found ${bytes.length} (${difference})`,
      redownload,
    );
  }

  return { shape, data: bytes.subarray(headerLength) };
}

/**
 * Encodes an array of unsigned bytes as an IDX file, gzip-compressed when
 * `options.gzip` is set.
 *
 * @throws {RangeError} when a size is not an integer in [0, 2^32), there are
 * not 1 to 255 dimensions, or `data.length` differs from the product of `shape`.
 */
export function encodeIdx(
  shape: readonly number[],
  data: Uint8Array,
  options: { gzip?: boolean } = {},
): Uint8Array {
  if (shape.length < 1 || shape.length > 255) {
    throw new RangeError(
      `Cannot encode IDX: expected 1 to 255 dimensions, got ${shape.length}.`,
    );
  }
  for (const size of shape) {
    if (!Number.isInteger(size) || size < 0 || size > 0xffffffff) {
      throw new RangeError(
        `Cannot encode IDX: each size must be an integer in [0, 2^32), got ${size}.`,
      );
    }
  }
  const dataLength = shape.reduce((product, size) => product * size, 1);
  if (data.length !== dataLength) {
    throw new RangeError(
      `Cannot encode IDX: shape ${
        shape.join(" x ")
      } needs ${dataLength} values, got ${data.length}.`,
    );
  }

  const headerLength = 4 + 4 * shape.length;
  const bytes = new Uint8Array(headerLength + dataLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, (IDX_UNSIGNED_BYTE << 8) | shape.length);
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size));
  bytes.set(data, headerLength);

  return options.gzip ? new Uint8Array(gzipSync(bytes)) : bytes;
}

/**
 * Writes an IDX file of unsigned bytes, gzip-compressed when `options.gzip`
 * is set. See {@link encodeIdx} for the errors.
 *
 * @example Write three 2×2 images, gzip-compressed
 * ```ts
 * import { readIdx, writeIdx } from "@hs2006/dimensionality-report";
 *
 * const path = await Deno.makeTempFile({ suffix: ".gz" });
 * await writeIdx(path, [3, 2, 2], new Uint8Array(12).fill(255), { gzip: true });
 * console.log((await readIdx(path)).shape); // [3, 2, 2]
 * ```
 */
export async function writeIdx(
  path: string,
  shape: readonly number[],
  data: Uint8Array,
  options: { gzip?: boolean } = {},
): Promise<void> {
  await Deno.writeFile(path, encodeIdx(shape, data, options));
}

/** Returns whether the bytes start with the gzip magic bytes 1f 8b. */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip bytes.
 *
 * @throws {DataError} naming `name` when the bytes are not valid gzip or are truncated.
 */
export function gunzip(bytes: Uint8Array, name: string): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(
      `Cannot decompress gzip file "${name}": ${reason}. The file is corrupt or truncated. Download it again, or store it uncompressed as "${
        basename(name).replace(/\.gz$/, "")
      }".`,
      { cause: error },
    );
  }
}

async function readFileBytes(path: string): Promise<Uint8Array> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(
        `Cannot read IDX file "${path}": file not found. Check the path, or download the data with "deno task fetch-data".`,
        { cause: error },
      );
    }
    throw unreadable(path, error);
  }

  if (info.isDirectory) {
    throw new DataError(
      `Cannot read IDX file "${path}": expected a file, found a folder. Move the folder away and put the IDX file in its place.`,
    );
  }

  try {
    return await Deno.readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): DataError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DataError(
    `Cannot read IDX file "${path}": ${reason}. Check that the file exists and is readable.`,
    { cause: error },
  );
}

function formatMagic(magic: number): string {
  return `0x${magic.toString(16).padStart(8, "0")}`;
}

function formatByte(value: number): string {
  return `0x${value.toString(16).padStart(2, "0")}`;
}

function describeDimensions(dimensions: number): string {
  if (dimensions === 1) return "1 dimension, labels";
  if (dimensions === 3) return "3 dimensions, images";
  return `${dimensions} dimensions`;
}
