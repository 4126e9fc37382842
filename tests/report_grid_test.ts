import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { inflateSync } from "node:zlib";
import { GRID_ROW_LABELS, reconstructionGridSvg } from "../src/report/grid.ts";
import { encodeGrayPng, toGrayBytes } from "../src/report/png.ts";
import { makeSampleReportInput } from "../src/report/sample_input.ts";

/** Splits a PNG into its chunks, checking the signature. */
function readChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  assert.deepEqual([...png.subarray(0, 8)], [
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
  ]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks = [];
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

function dataUris(svg: string): Uint8Array[] {
  return [...svg.matchAll(/href="data:image\/png;base64,([^"]+)"/g)]
    .map((match) => new Uint8Array(Buffer.from(match[1], "base64")));
}

Deno.test("encodeGrayPng round-trips pixels", () => {
  const pixels = Uint8Array.from({ length: 6 * 4 }, (_, i) => i * 10);

  const chunks = readChunks(encodeGrayPng(pixels, 6, 4));

  assert.deepEqual(chunks.map((chunk) => chunk.type), ["IHDR", "IDAT", "IEND"]);
  const header = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset);
  assert.equal(header.getUint32(0), 6);
  assert.equal(header.getUint32(4), 4);
  assert.equal(chunks[0].data[8], 8, "bit depth");
  assert.equal(chunks[0].data[9], 0, "colour type gray");
  const raw = new Uint8Array(inflateSync(chunks[1].data));
  assert.equal(raw.length, 4 * 7);
  for (let y = 0; y < 4; y++) {
    assert.equal(raw[y * 7], 0, `filter byte of row ${y}`);
    assert.deepEqual([...raw.subarray(y * 7 + 1, y * 7 + 7)], [
      ...pixels.subarray(y * 6, y * 6 + 6),
    ]);
  }
});

Deno.test("encodeGrayPng writes valid chunk CRCs", () => {
  // CRC-32 of "IEND" with no data is the well-known constant 0xAE426082.
  const png = encodeGrayPng(new Uint8Array(1), 1, 1);

  assert.deepEqual([...png.subarray(png.length - 4)], [0xae, 0x42, 0x60, 0x82]);
});

Deno.test("encodeGrayPng rejects a wrong pixel count", () => {
  assert.throws(() => encodeGrayPng(new Uint8Array(5), 2, 2), RangeError);
});

Deno.test("toGrayBytes clamps to 0..255", () => {
  assert.deepEqual([...toGrayBytes([-0.5, 0, 0.5, 1, 1.5])], [
    0,
    0,
    128,
    255,
    255,
  ]);
});

Deno.test("reconstructionGridSvg has 3 rows of 10", () => {
  const svg = reconstructionGridSvg(makeSampleReportInput({ images: 12 }));

  assert.equal(dataUris(svg).length, 30);
  for (const label of GRID_ROW_LABELS) {
    assert.ok(svg.includes(`>${label}</text>`), `row label ${label} missing`);
  }
});

Deno.test("reconstructionGridSvg shows fewer columns if needed", () => {
  const svg = reconstructionGridSvg(makeSampleReportInput({ images: 4 }));

  assert.equal(dataUris(svg).length, 12);
});

Deno.test("reconstructionGridSvg embeds images at native size", () => {
  for (const [height, width] of [[28, 28], [14, 14], [20, 32]]) {
    const svg = reconstructionGridSvg(makeSampleReportInput({ height, width }));

    const header = readChunks(dataUris(svg)[0])[0].data;
    const view = new DataView(header.buffer, header.byteOffset);
    assert.equal(view.getUint32(0), width, `PNG width for ${height}×${width}`);
    assert.equal(
      view.getUint32(4),
      height,
      `PNG height for ${height}×${width}`,
    );
  }
});

Deno.test("reconstructionGridSvg scales pixels by whole factors", () => {
  for (const [height, width, scale] of [[28, 28, 3], [14, 14, 6]]) {
    const svg = reconstructionGridSvg(makeSampleReportInput({ height, width }));

    const image = svg.match(/<image [^>]*width="(\d+)" height="(\d+)"/);
    assert.ok(image, "no <image> element");
    assert.equal(Number(image[1]), width * scale);
    assert.equal(Number(image[2]), height * scale);
  }
});

Deno.test("reconstructionGridSvg asks for nearest-neighbour sampling", () => {
  const svg = reconstructionGridSvg(makeSampleReportInput());

  assert.equal(svg.match(/<image /g)?.length, 30);
  assert.equal(svg.match(/image-rendering="optimizeSpeed"/g)?.length, 30);
  assert.ok(svg.includes("image-rendering:pixelated"));
});

Deno.test("reconstructionGridSvg maps 1 to white", () => {
  const input = makeSampleReportInput({ images: 1, height: 2, width: 2 });
  input.reconstructions.original.set([0, 1, 0.5, 1]);

  const png = dataUris(reconstructionGridSvg(input))[0];
  const raw = new Uint8Array(inflateSync(readChunks(png)[1].data));

  assert.deepEqual([...raw], [0, 0, 255, 0, 128, 255]);
});
