import assert from "node:assert/strict";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { decodeIdx, encodeIdx, readIdx, writeIdx } from "../src/data/idx.ts";
import { locateBundledMnist } from "../src/data/sources.ts";
import { DataError } from "../src/errors.ts";

/** Runs `body` with a fresh temporary folder that is removed afterwards. */
async function withTempDir(
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "idx_test_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Asserts that `promise` rejects with a DataError whose message contains each of `parts`. */
async function assertDataError(
  promise: Promise<unknown>,
  parts: string[],
): Promise<void> {
  const error = await promise.then(
    () => assert.fail("expected a DataError, but the call succeeded"),
    (error: unknown) => error,
  );
  assert.ok(error instanceof DataError, `expected DataError, got ${error}`);
  for (const part of parts) {
    assert.ok(
      error.message.includes(part),
      `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(part)}`,
    );
  }
}

/** Header and data of a valid 2 x 3 x 4 image file, uncompressed. */
function validImages(): Uint8Array {
  return encodeIdx([2, 3, 4], Uint8Array.from({ length: 24 }, (_, i) => i));
}

Deno.test("readIdx bundled MNIST shapes and labels", async () => {
  const { dir } = await locateBundledMnist();

  const trainImages = await readIdx(join(dir, "train-images-idx3-ubyte"), {
    dimensions: 3,
  });
  assert.deepEqual(trainImages.shape, [60000, 28, 28]);
  assert.equal(trainImages.data.length, 60000 * 28 * 28);
  assert.equal(trainImages.gzipped, false);
  assert.equal(trainImages.fileBytes.length, 47040016);

  const trainLabels = await readIdx(join(dir, "train-labels-idx1-ubyte"), {
    dimensions: 1,
  });
  assert.deepEqual(trainLabels.shape, [60000]);
  assert.deepEqual([...trainLabels.data.subarray(0, 5)], [5, 0, 4, 1, 9]);

  const testImages = await readIdx(join(dir, "t10k-images-idx3-ubyte"), {
    dimensions: 3,
  });
  assert.deepEqual(testImages.shape, [10000, 28, 28]);

  const testLabels = await readIdx(join(dir, "t10k-labels-idx1-ubyte"), {
    dimensions: 1,
  });
  assert.deepEqual(testLabels.shape, [10000]);
  assert.deepEqual([...testLabels.data.subarray(0, 5)], [7, 2, 1, 0, 4]);
  assert.ok(testLabels.data.every((label) => label <= 9));
});

Deno.test("readIdx raw and gzip round trip", async () => {
  await withTempDir(async (dir) => {
    const data = Uint8Array.from({ length: 2 * 3 * 5 }, (_, i) => 255 - i);

    const rawPath = join(dir, "images");
    await writeIdx(rawPath, [2, 3, 5], data);
    const raw = await readIdx(rawPath, { dimensions: 3 });
    assert.deepEqual(raw.shape, [2, 3, 5]);
    assert.deepEqual([...raw.data], [...data]);
    assert.equal(raw.gzipped, false);

    const gzPath = join(dir, "images.gz");
    await writeIdx(gzPath, [2, 3, 5], data, { gzip: true });
    const gz = await readIdx(gzPath, { dimensions: 3 });
    assert.deepEqual(gz.shape, [2, 3, 5]);
    assert.deepEqual([...gz.data], [...data]);
    assert.equal(gz.gzipped, true);
    assert.equal(gz.fileBytes[0], 0x1f);
  });
});

Deno.test("readIdx gzip detected by magic bytes", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "labels-without-gz-suffix");
    await writeIdx(path, [4], Uint8Array.of(1, 2, 3, 4), { gzip: true });

    const file = await readIdx(path, { dimensions: 1 });

    assert.equal(file.gzipped, true);
    assert.deepEqual([...file.data], [1, 2, 3, 4]);
  });
});

Deno.test("decodeIdx without expected dimensions", () => {
  const array = decodeIdx(encodeIdx([2, 2], Uint8Array.of(1, 2, 3, 4)), "x");

  assert.deepEqual(array.shape, [2, 2]);
  assert.deepEqual([...array.data], [1, 2, 3, 4]);
});

Deno.test("readIdx malformed files", async (t) => {
  const truncated = validImages().subarray(0, 30);
  const overLong = new Uint8Array(validImages().length + 3);
  overLong.set(validImages());
  const wrongMagic = validImages();
  wrongMagic[0] = 0x12;
  const float32 = validImages();
  float32[2] = 0x0d;
  const zeroDimensions = Uint8Array.of(0, 0, 8, 0);
  const shortHeader = Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 2);
  const labels = encodeIdx([3], Uint8Array.of(0, 1, 2));

  const cases: {
    name: string;
    bytes: Uint8Array;
    fileName?: string;
    parts: string[];
  }[] = [
    {
      name: "empty file",
      bytes: new Uint8Array(0),
      parts: ["is empty", "0 bytes"],
    },
    {
      name: "shorter than magic",
      bytes: Uint8Array.of(0, 0, 8),
      parts: ["3 bytes", "magic"],
    },
    {
      name: "wrong magic",
      bytes: wrongMagic,
      parts: [
        "expected magic 0x00000803",
        "found 0x12000803",
        "not in IDX format",
      ],
    },
    {
      name: "labels where images expected",
      bytes: labels,
      parts: ["expected magic 0x00000803", "found 0x00000801", "labels"],
    },
    {
      name: "dtype float32",
      bytes: float32,
      parts: [
        "expected data type 0x08 (unsigned byte)",
        "found 0x0d (32-bit float)",
      ],
    },
    { name: "zero dimensions", bytes: zeroDimensions, parts: ["0 dimensions"] },
    {
      name: "header cut short",
      bytes: shortHeader,
      parts: ["header needs 16 bytes", "8 bytes"],
    },
    {
      name: "data truncated",
      bytes: truncated,
      parts: ["shape 2 x 3 x 4", "16 + 24 = 40 bytes", "found 30", "truncated"],
    },
    {
      name: "data over-long",
      bytes: overLong,
      parts: ["shape 2 x 3 x 4", "40 bytes", "found 43", "3 extra bytes"],
    },
    {
      name: "corrupt gzip",
      bytes: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
      fileName: "images.gz",
      parts: [
        "Cannot decompress gzip file",
        "images.gz",
        "corrupt or truncated",
      ],
    },
    {
      name: "truncated gzip",
      bytes: gzipSync(validImages()).subarray(0, 20),
      fileName: "images.gz",
      parts: ["Cannot decompress gzip file", "images.gz"],
    },
    {
      name: "gzip of truncated data",
      bytes: new Uint8Array(gzipSync(truncated)),
      fileName: "images.gz",
      parts: ["found 30", "after gunzip", "truncated"],
    },
  ];

  for (const testCase of cases) {
    await t.step(testCase.name, async () => {
      await withTempDir(async (dir) => {
        const path = join(dir, testCase.fileName ?? "images");
        await Deno.writeFile(path, testCase.bytes);

        await assertDataError(readIdx(path, { dimensions: 3 }), [
          path,
          ...testCase.parts,
        ]);
      });
    });
  }
});

Deno.test("readIdx folder given as file", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "train-images-idx3-ubyte");
    await Deno.mkdir(path);

    await assertDataError(readIdx(path), [
      path,
      "expected a file, found a folder",
    ]);
  });
});

Deno.test("readIdx missing file", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "absent");

    await assertDataError(readIdx(path), [path, "file not found"]);
  });
});

Deno.test("encodeIdx rejects inconsistent input", () => {
  assert.throws(() => encodeIdx([2, 2], new Uint8Array(3)), RangeError);
  assert.throws(() => encodeIdx([], new Uint8Array(0)), RangeError);
  assert.throws(() => encodeIdx([1.5], new Uint8Array(1)), RangeError);
});
