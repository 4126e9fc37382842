/**
 * A minimal PNG encoder for 8-bit grayscale images, used to embed the
 * reconstruction pixels in the grid SVG.
 *
 * @module
 */

import { deflateSync } from "node:zlib";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPE_GRAY = 0;
const FILTER_NONE = 0;

/**
 * Encodes 8-bit grayscale pixels, row-major with `width * height` bytes,
 * as a PNG file (colour type 0, no interlacing, filter 0 on every row).
 */
export function encodeGrayPng(
  pixels: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  if (pixels.length !== width * height) {
    throw new RangeError(
      `encodeGrayPng: got ${pixels.length} pixels, expected ${width}×${height} = ${
        width * height
      }`,
    );
  }

  const header = new Uint8Array(13);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, width);
  headerView.setUint32(4, height);
  header[8] = 8;
  header[9] = COLOR_TYPE_GRAY;

  // Every scanline starts with its filter type byte.
  const scanlines = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    scanlines[y * (width + 1)] = FILTER_NONE;
    scanlines.set(
      pixels.subarray(y * width, (y + 1) * width),
      y * (width + 1) + 1,
    );
  }

  return concat([
    Uint8Array.from(SIGNATURE),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(scanlines, { level: 9 }))),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** Converts intensities in [0, 1] to bytes, clamping values outside the range. */
export function toGrayBytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    bytes[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  }

  return bytes;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) {
    out[4 + i] = type.charCodeAt(i);
  }
  out.set(data, 8);

  // The CRC covers the type and the data, not the length.
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));

  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 with the polynomial 0xEDB88320 that PNG uses (ISO 3309). */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c >>> 0;
    }
  }

  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }

  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }

  return out;
}
