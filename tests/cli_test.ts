import assert from "node:assert/strict";

import { DEFAULT_OPTIONS, parseCli, usage } from "../src/cli.ts";
import { UsageError } from "../src/errors.ts";

Deno.test("parseCli defaults", () => {
  const options = parseCli([]);

  assert.deepEqual(options, { ...DEFAULT_OPTIONS });
  assert.equal(options.epochs, 5);
  assert.equal(options.batchSize, 128);
  assert.equal(options.learningRate, 0.001);
  assert.equal(options.seed, 0);
  assert.equal(options.out, "reports/latest");
  assert.equal(options.data, undefined);
  assert.equal(options.dataset, "mnist");
  assert.equal(options.trainSize, undefined);
  assert.equal(options.accel, "auto");
  assert.equal(options.quiet, false);
  assert.equal(options.debug, false);
  assert.equal(options.help, false);
});

Deno.test("parseCli every flag", () => {
  const options = parseCli([
    "--epochs",
    "20",
    "--batch-size=64",
    "--learning-rate",
    "1e-3",
    "--seed",
    "42",
    "--out",
    "reports/run1",
    "--data",
    "data/mnist",
    "--dataset",
    "fashion-mnist",
    "--train-size",
    "1000",
    "--accel",
    "wasm",
    "--quiet",
    "--debug",
  ]);

  assert.equal(options.epochs, 20);
  assert.equal(options.batchSize, 64);
  assert.equal(options.learningRate, 0.001);
  assert.equal(options.seed, 42);
  assert.equal(options.out, "reports/run1");
  assert.equal(options.data, "data/mnist");
  assert.equal(options.dataset, "fashion-mnist");
  assert.equal(options.trainSize, 1000);
  assert.equal(options.accel, "wasm");
  assert.equal(options.quiet, true);
  assert.equal(options.debug, true);
  assert.equal(options.help, false);
});

Deno.test("parseCli learning rate forms", () => {
  assert.equal(parseCli(["--learning-rate", "0.01"]).learningRate, 0.01);
  assert.equal(parseCli(["--learning-rate", ".5"]).learningRate, 0.5);
  assert.equal(parseCli(["--learning-rate", "2"]).learningRate, 2);
  assert.equal(parseCli(["--learning-rate", "3E-4"]).learningRate, 0.0003);
});

Deno.test("parseCli report language", () => {
  assert.equal(parseCli([]).lang, "en");
  assert.equal(parseCli(["--lang", "en"]).lang, "en");
  assert.equal(parseCli(["--lang", "pt-BR"]).lang, "pt-BR");
  assert.equal(parseCli(["--lang=pt-br"]).lang, "pt-BR");
});

Deno.test("parseCli help", () => {
  assert.equal(parseCli(["--help"]).help, true);
  assert.equal(parseCli(["-h"]).help, true);
  assert.equal(parseCli(["--epochs", "abc", "--help"]).help, true);
});

Deno.test("usage lists every flag", () => {
  for (
    const flag of [
      "--epochs",
      "--batch-size",
      "--learning-rate",
      "--seed",
      "--out",
      "--data",
      "--dataset",
      "--train-size",
      "--accel",
      "--lang",
      "--quiet",
      "--debug",
      "--help",
    ]
  ) {
    assert.ok(usage.includes(flag), `usage lacks ${flag}`);
  }
});

Deno.test("parseCli invalid flags", async (t) => {
  const cases: { args: string[]; parts: string[] }[] = [
    {
      args: ["--epochs", "0"],
      parts: ["--epochs must be a positive integer", '"0"'],
    },
    {
      args: ["--epochs", "-1"],
      parts: ["--epochs must be a positive integer", '"-1"'],
    },
    {
      args: ["--epochs", "abc"],
      parts: ["--epochs must be a positive integer", '"abc"'],
    },
    {
      args: ["--epochs", "2.5"],
      parts: ["--epochs must be a positive integer", '"2.5"'],
    },
    {
      args: ["--epochs", ""],
      parts: ["--epochs must be a positive integer", '""'],
    },
    {
      args: ["--epochs", "1e400"],
      parts: ["--epochs must be a positive integer"],
    },
    {
      args: ["--epochs", "99999999999999999999"],
      parts: ["--epochs must be a positive integer"],
    },
    { args: ["--epochs"], parts: ["--epochs needs a value"] },
    { args: ["--epochs", "--quiet"], parts: ["--epochs needs a value"] },
    {
      args: ["--batch-size", "0"],
      parts: ["--batch-size must be a positive integer", '"0"'],
    },
    {
      args: ["--batch-size", "x"],
      parts: ["--batch-size must be a positive integer", '"x"'],
    },
    {
      args: ["--learning-rate", "0"],
      parts: ["--learning-rate must be a positive number", '"0"'],
    },
    {
      args: ["--learning-rate", "-0.1"],
      parts: ["--learning-rate must be a positive number", '"-0.1"'],
    },
    {
      args: ["--learning-rate", "fast"],
      parts: ["--learning-rate must be a positive number", '"fast"'],
    },
    {
      args: ["--learning-rate", "Infinity"],
      parts: ["--learning-rate must be a positive number", '"Infinity"'],
    },
    {
      args: ["--seed", "-3"],
      parts: ["--seed must be an integer >= 0", '"-3"'],
    },
    {
      args: ["--seed", "1.5"],
      parts: ["--seed must be an integer >= 0", '"1.5"'],
    },
    {
      args: ["--train-size", "0"],
      parts: ["--train-size must be a positive integer", '"0"'],
    },
    {
      args: ["--train-size", "ten"],
      parts: ["--train-size must be a positive integer", '"ten"'],
    },
    {
      args: ["--dataset", "cifar"],
      parts: ["--dataset must be one of mnist, fashion-mnist", '"cifar"'],
    },
    {
      args: ["--accel", "gpu"],
      parts: ["--accel must be one of auto, blas, wasm", '"gpu"'],
    },
    {
      args: ["--lang", "fr"],
      parts: ["--lang must be one of en, pt-BR", '"fr"'],
    },
    { args: ["--lang", "pt"], parts: ["--lang must be one of en, pt-BR"] },
    { args: ["--lang"], parts: ["--lang needs a value"] },
    { args: ["--out", ""], parts: ["--out must be a folder path", '""'] },
    { args: ["--data", " "], parts: ["--data must be a folder path"] },
    { args: ["--epoch", "5"], parts: ['Unknown flag "--epoch"', "--help"] },
    { args: ["-x"], parts: ['Unknown flag "-x"'] },
    { args: ["report"], parts: ['Unexpected argument "report"'] },
    { args: ["--quiet=yes"], parts: ["--quiet does not take a value"] },
  ];

  for (const { args, parts } of cases) {
    await t.step(args.join(" ") || "(empty)", () => {
      const error = (() => {
        try {
          parseCli(args);
        } catch (error) {
          return error;
        }
        assert.fail(`parseCli(${JSON.stringify(args)}) did not throw`);
      })();

      assert.ok(
        error instanceof UsageError,
        `expected UsageError, got ${error}`,
      );
      for (const part of parts) {
        assert.ok(
          error.message.includes(part),
          `message ${JSON.stringify(error.message)} lacks ${
            JSON.stringify(part)
          }`,
        );
      }
    });
  }
});
