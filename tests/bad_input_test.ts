/**
 * Runs `deno run -A main.ts` on bad input and checks that each case fails
 * before training with the right exit code, a clear `error:` message on
 * stderr and no stack trace.
 *
 * The suite expects main.ts to parse flags with parseCli, then call
 * loadDataset, then create the output folder, and to print
 * `error: <message>` and exit with exitCodeFor(error) on failure.
 *
 * @module
 */

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { encodeIdx } from "../src/data/idx.ts";
import { IDX_FILE_NAMES } from "../src/data/sources.ts";
import { makeLabels, writeDataset } from "./fixtures.ts";

const REPOSITORY = fileURLToPath(new URL("..", import.meta.url));
const MAIN = join(REPOSITORY, "main.ts");

/** A bad input for main.ts, how to create it, and the exit code and stderr it must produce. */
interface BadInputCase {
  name: string;
  /** Changes a valid 14x14 dataset in `data` (20 training, 10 test images) into the bad input. */
  prepare?: (data: string, root: string) => Promise<void>;
  /** Flags after `main.ts`, given the dataset folder `data` and the case's temporary folder `root`. */
  args: (data: string, root: string) => string[];
  /** Expected exit code: 1 for bad data or output, 2 for a bad flag. */
  code: number;
  /** Texts that stderr must contain. */
  stderr: (data: string, root: string) => string[];
}

/** Overwrites byte `index` of a file. */
async function patchByte(
  path: string,
  index: number,
  value: number,
): Promise<void> {
  const bytes = await Deno.readFile(path);
  bytes[index] = value;
  await Deno.writeFile(path, bytes);
}

const CASES: BadInputCase[] = [
  {
    name: "missing data folder",
    args: (_data, root) => ["--data", join(root, "absent")],
    code: 1,
    stderr: (_data, root) => [join(root, "absent"), "folder not found"],
  },
  {
    name: "missing one of the four files",
    prepare: (data) => Deno.remove(join(data, IDX_FILE_NAMES.testLabels)),
    args: (data) => ["--data", data],
    code: 1,
    stderr:
      () => ["missing t10k-labels-idx1-ubyte", "Found: t10k-images-idx3-ubyte"],
  },
  {
    name: "wrong magic number",
    prepare: (data) =>
      patchByte(join(data, IDX_FILE_NAMES.trainImages), 0, 0x12),
    args: (data) => ["--data", data],
    code: 1,
    stderr: () => [
      "train-images-idx3-ubyte",
      "expected magic 0x00000803",
      "found 0x12000803",
    ],
  },
  {
    name: "data type not unsigned byte",
    prepare: (data) =>
      patchByte(join(data, IDX_FILE_NAMES.trainImages), 2, 0x0d),
    args: (data) => ["--data", data],
    code: 1,
    stderr: () => [
      "train-images-idx3-ubyte",
      "expected data type 0x08 (unsigned byte)",
    ],
  },
  {
    name: "file shorter than header declares",
    prepare: async (data) => {
      const path = join(data, IDX_FILE_NAMES.trainImages);
      const bytes = await Deno.readFile(path);
      await Deno.writeFile(path, bytes.subarray(0, bytes.length - 10));
    },
    args: (data) => ["--data", data],
    code: 1,
    stderr:
      () => ["train-images-idx3-ubyte", "shape 20 x 14 x 14", "truncated"],
  },
  {
    name: "file longer than header declares",
    prepare: async (data) => {
      const path = join(data, IDX_FILE_NAMES.testImages);
      const bytes = await Deno.readFile(path);
      await Deno.writeFile(path, new Uint8Array([...bytes, 1, 2, 3, 4, 5]));
    },
    args: (data) => ["--data", data],
    code: 1,
    stderr:
      () => ["t10k-images-idx3-ubyte", "shape 10 x 14 x 14", "5 extra bytes"],
  },
  {
    name: "image and label counts differ",
    prepare: (data) =>
      Deno.writeFile(
        join(data, IDX_FILE_NAMES.trainLabels),
        encodeIdx([19], makeLabels(19)),
      ),
    args: (data) => ["--data", data],
    code: 1,
    stderr: () => ["has 20 images", "has 19 labels"],
  },
  {
    name: "label outside 0-9",
    prepare: async (data) => {
      const labels = makeLabels(10);
      labels[3] = 12;
      await Deno.writeFile(
        join(data, IDX_FILE_NAMES.testLabels),
        encodeIdx([10], labels),
      );
    },
    args: (data) => ["--data", data],
    code: 1,
    stderr: () => ["t10k-labels-idx1-ubyte", "label 12", "labels 0 to 9"],
  },
  {
    name: "corrupt gzip file",
    prepare: async (data) => {
      await Deno.remove(join(data, IDX_FILE_NAMES.trainLabels));
      await Deno.writeFile(
        join(data, `${IDX_FILE_NAMES.trainLabels}.gz`),
        Uint8Array.of(0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8),
      );
    },
    args: (data) => ["--data", data],
    code: 1,
    stderr: () => ["Cannot decompress gzip file", "train-labels-idx1-ubyte.gz"],
  },
  {
    name: "empty file",
    prepare: (data) =>
      Deno.writeFile(join(data, IDX_FILE_NAMES.testImages), new Uint8Array(0)),
    args: (data) => ["--data", data],
    code: 1,
    stderr: () => ["t10k-images-idx3-ubyte", "empty"],
  },
  {
    name: "folder where a file is expected",
    prepare: async (data) => {
      await Deno.remove(join(data, IDX_FILE_NAMES.trainImages));
      await Deno.mkdir(join(data, IDX_FILE_NAMES.trainImages));
    },
    args: (data) => ["--data", data],
    code: 1,
    stderr:
      () => ["train-images-idx3-ubyte", "expected a file, found a folder"],
  },
  {
    name: "--epochs 0",
    args: (data) => ["--data", data, "--epochs", "0"],
    code: 2,
    stderr: () => ["--epochs", '"0"', "positive integer"],
  },
  {
    name: "--epochs -1",
    args: (data) => ["--data", data, "--epochs", "-1"],
    code: 2,
    stderr: () => ["--epochs", '"-1"', "positive integer"],
  },
  {
    name: "--epochs abc",
    args: (data) => ["--data", data, "--epochs", "abc"],
    code: 2,
    stderr: () => ["--epochs", '"abc"', "positive integer"],
  },
  {
    name: "--batch-size 0",
    args: (data) => ["--data", data, "--batch-size", "0"],
    code: 2,
    stderr: () => ["--batch-size", '"0"', "positive integer"],
  },
  {
    name: "unknown flag",
    args: (data) => ["--data", data, "--epoch", "3"],
    code: 2,
    stderr: () => ['Unknown flag "--epoch"'],
  },
  {
    name: "--train-size larger than the data",
    args: (data) => ["--data", data, "--train-size", "21"],
    code: 2,
    stderr: () => ["--train-size", "at most 20", "21"],
  },
  {
    name: "output folder under a regular file",
    prepare: (_data, root) =>
      Deno.writeTextFile(join(root, "file"), "a regular file"),
    args: (
      data,
      root,
    ) => [
      "--data",
      data,
      "--epochs",
      "1",
      "--out",
      join(root, "file", "report"),
    ],
    code: 1,
    stderr: (_data, root) => [join(root, "file", "report")],
  },
];

interface Outcome {
  code: number;
  stderr: string;
  data: string;
  root: string;
}

/** Prepares and runs one case in its own temporary folder. */
async function runCase(testCase: BadInputCase): Promise<Outcome> {
  const root = await Deno.makeTempDir({ prefix: "bad_input_test_" });
  const data = join(root, "data");
  await Deno.mkdir(data);
  await writeDataset(data, {
    trainCount: 20,
    testCount: 10,
    height: 14,
    width: 14,
  });
  await testCase.prepare?.(data, root);

  // Every case passes --out inside its temporary folder unless it tests --out
  // itself, so a main.ts that gets past the checks cannot write into the repository.
  const args = testCase.args(data, root);
  if (!args.includes("--out")) {
    args.push("--out", join(root, "out"));
  }

  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: REPOSITORY,
    env: { NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stderr: new TextDecoder().decode(output.stderr),
    data,
    root,
  };
}

/** Runs all cases, a few subprocesses at a time, in table order. */
async function runAll(cases: BadInputCase[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(cases.length);
  const workers = Math.max(2, Math.min(4, navigator.hardwareConcurrency));
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < cases.length) {
        const index = next++;
        outcomes[index] = await runCase(cases[index]);
      }
    }),
  );
  return outcomes;
}

const hasMain = existsSync(MAIN);

Deno.test({
  name: hasMain
    ? "main.ts bad input"
    : "main.ts bad input (ignored: main.ts not found)",
  ignore: !hasMain,
  async fn(t) {
    const outcomes = await runAll(CASES);
    try {
      for (const [index, testCase] of CASES.entries()) {
        const outcome = outcomes[index];
        await t.step(testCase.name, () => {
          const stderr = outcome.stderr;
          const context = `stderr was:\n${stderr}`;

          assert.equal(outcome.code, testCase.code, `exit code, ${context}`);
          assert.ok(
            stderr.includes("error: "),
            `no "error: " line, ${context}`,
          );
          for (const part of testCase.stderr(outcome.data, outcome.root)) {
            assert.ok(
              stderr.includes(part),
              `stderr lacks ${JSON.stringify(part)}, ${context}`,
            );
          }
          assert.doesNotMatch(stderr, /^\s+at /m, `stack trace in ${context}`);
          assert.ok(
            !stderr.includes("Uncaught"),
            `uncaught error in ${context}`,
          );
        });
      }
    } finally {
      for (const outcome of outcomes) {
        await Deno.remove(outcome.root, { recursive: true });
      }
    }
  },
});
