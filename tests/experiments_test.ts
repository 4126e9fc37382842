/**
 * Tests of the experiment loader: every shipped file validates, and each bad
 * file is rejected with a message naming the field, the expectation and the
 * value found.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";

import { DataError, UsageError } from "../src/errors.ts";
import {
  listExperiments,
  loadExperiment,
  validateExperiment,
} from "../src/experiments.ts";

const SHIPPED = [
  "baseline",
  "code30",
  "deep-long",
  "hs2006",
  "hs2006-rbm",
  "linear",
];

/** Returns a valid experiment with only the required fields. */
function minimal(): Record<string, unknown> {
  return {
    name: "tiny",
    description: "A small test network.",
    layerSizes: [784, 64, 2, 64, 784],
    activation: "elu",
    codeActivation: "linear",
    outputActivation: "sigmoid",
    epochs: 1,
    batchSize: 32,
    learningRate: 0.001,
  };
}

/** A bad experiment: the change from {@link minimal} and the texts its message must contain. */
interface BadCase {
  name: string;
  change: (json: Record<string, unknown>) => unknown;
  messages: string[];
}

const SIGMOID_RBM = {
  activation: "sigmoid",
  codeActivation: "linear",
  outputActivation: "sigmoid",
};

const BAD_CASES: BadCase[] = [
  {
    name: "unknown field",
    change: (json) => ({ ...json, optimiser: "adam" }),
    messages: [
      'unknown field "optimiser": expected only the fields name, description, layerSizes,',
    ],
  },
  {
    name: "epochs as a string",
    change: (json) => ({ ...json, epochs: "5" }),
    messages: ['field "epochs": expected an integer >= 1, found "5"'],
  },
  {
    name: "epochs zero",
    change: (json) => ({ ...json, epochs: 0 }),
    messages: ['field "epochs": expected an integer >= 1, found 0'],
  },
  {
    name: "epochs fractional",
    change: (json) => ({ ...json, epochs: 2.5 }),
    messages: ['field "epochs": expected an integer >= 1, found 2.5'],
  },
  {
    name: "missing field",
    change: ({ batchSize: _, ...json }) => json,
    messages: [
      'field "batchSize": expected an integer >= 1, found no value (the field is missing)',
    ],
  },
  {
    name: "negative learning rate",
    change: (json) => ({ ...json, learningRate: -0.1 }),
    messages: ['field "learningRate": expected a positive number, found -0.1'],
  },
  {
    name: "unknown activation",
    change: (json) => ({ ...json, activation: "tanh" }),
    messages: [
      'field "activation": expected one of "linear", "relu", "elu", "sigmoid", found "tanh"',
    ],
  },
  {
    name: "layer size zero",
    change: (json) => ({ ...json, layerSizes: [784, 64, 0, 64, 784] }),
    messages: ['field "layerSizes[2]": expected an integer >= 1, found 0'],
  },
  {
    name: "layer sizes not an array",
    change: (json) => ({ ...json, layerSizes: "784-64-2-64-784" }),
    messages: [
      'field "layerSizes": expected an array of integers, found "784-64-2-64-784"',
    ],
  },
  {
    name: "too few layer sizes",
    change: (json) => ({ ...json, layerSizes: [784, 784] }),
    messages: [
      'field "layerSizes": expected at least 3 layer sizes, found [784,784]',
    ],
  },
  {
    name: "output size differs from input",
    change: (json) => ({ ...json, layerSizes: [784, 64, 2, 64, 100] }),
    messages: [
      'field "layerSizes": expected the last size (the output) to equal the first (the input), found [784, 64, 2, 64, 100]',
    ],
  },
  {
    name: "layer sizes not symmetric",
    change: (json) => ({ ...json, layerSizes: [784, 512, 2, 256, 784] }),
    messages: [
      'field "layerSizes": expected the same sizes read from either end, found [784, 512, 2, 256, 784] (entry 1 is 512 but entry 3 is 256, counting from 0)',
    ],
  },
  {
    name: "even number of layer sizes",
    change: (json) => ({ ...json, layerSizes: [784, 2, 2, 784] }),
    messages: [
      'field "layerSizes": expected an odd number of sizes, so that the code layer is in the middle, found 4: [784, 2, 2, 784]',
    ],
  },
  {
    name: "code not the narrowest",
    change: (json) => ({ ...json, layerSizes: [784, 64, 128, 64, 784] }),
    messages: [
      'field "layerSizes": expected the middle size (the code, 128) to be smaller than every other size, found [784, 64, 128, 64, 784]',
    ],
  },
  {
    name: "too many PCA components",
    change: (json) => ({ ...json, pcaComponents: 1000 }),
    messages: [
      'field "pcaComponents": expected at most the input size 784, found 1000',
    ],
  },
  {
    name: "cross-entropy with linear output",
    change: (json) => ({
      ...json,
      outputActivation: "linear",
      metrics: ["mse", "crossEntropy"],
    }),
    messages: [
      'field "outputActivation": expected "sigmoid" because "metrics" contains "crossEntropy", which needs outputs in (0, 1), found "linear"',
    ],
  },
  {
    name: "unknown metric",
    change: (json) => ({ ...json, metrics: ["mse", "psnr"] }),
    messages: [
      'field "metrics[1]": expected one of "mse", "crossEntropy", found "psnr"',
    ],
  },
  {
    name: "unknown pretraining type",
    change: (json) => ({
      ...json,
      ...SIGMOID_RBM,
      pretraining: { type: "dbn", epochs: 1 },
    }),
    messages: ['field "pretraining.type": expected "rbm", found "dbn"'],
  },
  {
    name: "unknown pretraining field",
    change: (json) => ({
      ...json,
      ...SIGMOID_RBM,
      pretraining: { type: "rbm", epoch: 1 },
    }),
    messages: [
      'unknown field "pretraining.epoch": expected only the fields type, epochs, batchSize,',
      'field "pretraining.epochs": expected an integer >= 1, found no value (the field is missing)',
    ],
  },
  {
    name: "translation into an unknown language",
    change: (json) => ({
      ...json,
      translations: { fr: { description: "Autoencodeur", notes: "" } },
    }),
    messages: [
      'unknown field "translations.fr": expected only the fields pt-BR',
    ],
  },
  {
    name: "translation without a description",
    change: (json) => ({
      ...json,
      translations: { "pt-BR": { notes: "Notas" } },
    }),
    messages: [
      'field "translations.pt-BR.description": expected a string, found no value (the field is missing)',
    ],
  },
  {
    name: "pretraining with ELU units",
    change: (json) => ({ ...json, pretraining: { type: "rbm", epochs: 1 } }),
    messages: [
      'field "activation": expected "sigmoid" because RBM pretraining initialises it, found "elu"',
    ],
  },
  {
    name: "momentum of 1",
    change: (json) => ({
      ...json,
      ...SIGMOID_RBM,
      pretraining: { type: "rbm", epochs: 1, finalMomentum: 1 },
    }),
    messages: [
      'field "pretraining.finalMomentum": expected a number from 0 to below 1, found 1',
    ],
  },
  {
    name: "name with capitals",
    change: (json) => ({ ...json, name: "Tiny" }),
    messages: [
      'field "name": expected lowercase letters, digits and hyphens, starting with a letter or digit, found "Tiny"',
    ],
  },
  {
    name: "top level an array",
    change: () => [1, 2],
    messages: ["the file: expected a JSON object, found [1,2]"],
  },
];

Deno.test("listExperiments() shipped names", () => {
  assert.deepEqual(listExperiments(), SHIPPED);
});

Deno.test("loadExperiment() every shipped file", () => {
  for (const name of SHIPPED) {
    const experiment = loadExperiment(name);

    assert.equal(experiment.name, name, `${name}: name field`);
    assert.equal(experiment.source, `experiments/${name}.json`);
    assert.ok(experiment.notes.length > 0, `${name}: notes`);
    assert.equal(experiment.layerSizes[0], 784, `${name}: input size`);
  }
});

Deno.test("loadExperiment() shipped pt-BR texts", () => {
  for (const name of listExperiments()) {
    const experiment = loadExperiment(name);
    const texts = experiment.translations["pt-BR"];
    assert.ok(texts, `${name} has no pt-BR texts`);
    assert.notEqual(texts.description, experiment.description, name);
    assert.equal(texts.notes === "", experiment.notes === "", name);
  }
});

Deno.test("loadExperiment() shipped settings", () => {
  const baseline = loadExperiment("baseline");
  const linear = loadExperiment("linear");
  const rbm = loadExperiment("hs2006-rbm");
  const code30 = loadExperiment("code30");

  assert.deepEqual(baseline.layerSizes, [784, 512, 128, 2, 128, 512, 784]);
  assert.equal(baseline.epochs, 5);
  assert.equal(baseline.batchSize, 128);
  assert.equal(baseline.learningRate, 0.001);
  assert.deepEqual(
    [linear.activation, linear.codeActivation, linear.outputActivation],
    ["linear", "linear", "linear"],
  );
  assert.equal(rbm.pretraining?.type, "rbm");
  assert.equal(rbm.pretraining?.learningRate, 0.1);
  assert.equal(rbm.pretraining?.linearLearningRate, 0.001);
  assert.deepEqual(rbm.metrics, ["mse", "crossEntropy"]);
  assert.equal(code30.pcaComponents, 30);
  assert.equal(code30.layerSizes[4], 30);
});

Deno.test("validateExperiment() fills defaults", () => {
  const experiment = validateExperiment(minimal(), "tiny.json");

  assert.equal(experiment.optimizer, "adam");
  assert.equal(experiment.loss, "mse");
  assert.deepEqual(experiment.metrics, ["mse"]);
  assert.equal(experiment.l2, 0);
  assert.equal(experiment.pcaComponents, 2);
  assert.equal(experiment.pretraining, null);
  assert.equal(experiment.notes, "");
  assert.equal(experiment.source, "tiny.json");
});

Deno.test("validateExperiment() fills pretraining defaults", () => {
  const experiment = validateExperiment(
    { ...minimal(), ...SIGMOID_RBM, pretraining: { type: "rbm", epochs: 3 } },
    "tiny.json",
  );

  assert.deepEqual(experiment.pretraining, {
    type: "rbm",
    epochs: 3,
    batchSize: 100,
    learningRate: 0.1,
    linearLearningRate: 0.001,
    initialMomentum: 0.5,
    finalMomentum: 0.9,
    momentumEpochs: 5,
    weightDecay: 0.0002,
  });
});

Deno.test("validateExperiment() bad files", () => {
  for (const badCase of BAD_CASES) {
    let caught: unknown = null;
    try {
      validateExperiment(badCase.change(minimal()), "bad.json");
    } catch (error) {
      caught = error;
    }

    assert.ok(
      caught instanceof DataError,
      `${badCase.name}: expected a DataError, got ${caught}`,
    );
    assert.ok(
      caught.message.startsWith("Invalid experiment file bad.json:\n  "),
      `${badCase.name}: message starts ${
        JSON.stringify(caught.message.slice(0, 60))
      }`,
    );
    for (const text of badCase.messages) {
      assert.ok(
        caught.message.includes(text),
        `${badCase.name}: expected the message to contain\n${text}\nfound\n${caught.message}`,
      );
    }
  }
});

Deno.test("validateExperiment() lists every problem", () => {
  const json = { ...minimal(), epochs: 0, batchSize: "big", extra: true };

  assert.throws(
    () => validateExperiment(json, "bad.json"),
    (error: Error) => {
      const lines = error.message.split("\n");
      assert.equal(lines.length, 4, error.message);
      assert.ok(lines.some((line) => line.includes('field "epochs"')));
      assert.ok(lines.some((line) => line.includes('field "batchSize"')));
      assert.ok(lines.some((line) => line.includes('unknown field "extra"')));
      return true;
    },
  );
});

Deno.test("loadExperiment() invalid JSON", () => {
  const folder = Deno.makeTempDirSync();
  const path = join(folder, "broken.json");
  Deno.writeTextFileSync(path, '{ "name": "broken", }');

  try {
    assert.throws(
      () => loadExperiment(path),
      (error: Error) => {
        assert.ok(error instanceof DataError);
        assert.ok(
          error.message.startsWith(
            `Invalid experiment file ${path}: not valid JSON (`,
          ),
          error.message,
        );
        return true;
      },
    );
  } finally {
    Deno.removeSync(folder, { recursive: true });
  }
});

Deno.test("loadExperiment() file by path", () => {
  const folder = Deno.makeTempDirSync();
  const path = join(folder, "tiny.json");
  Deno.writeTextFileSync(path, JSON.stringify({ ...minimal(), epochs: 0 }));

  try {
    assert.throws(
      () => loadExperiment(path),
      (error: Error) => {
        assert.ok(error instanceof DataError);
        assert.ok(
          error.message.includes(
            `Invalid experiment file ${path}:\n  field "epochs": expected an integer >= 1, found 0`,
          ),
          error.message,
        );
        return true;
      },
    );
    Deno.writeTextFileSync(path, JSON.stringify(minimal()));
    assert.equal(loadExperiment(path).name, "tiny");
  } finally {
    Deno.removeSync(folder, { recursive: true });
  }
});

Deno.test("loadExperiment() missing file", () => {
  const path = join(Deno.makeTempDirSync(), "absent.json");

  assert.throws(
    () => loadExperiment(path),
    (error: Error) => {
      assert.ok(error instanceof DataError);
      assert.ok(
        error.message.startsWith(`Experiment file not found: ${path}.`),
        error.message,
      );
      return true;
    },
  );
});

Deno.test("loadExperiment() unknown name", () => {
  assert.throws(
    () => loadExperiment("nope"),
    (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.equal(
        error.message,
        'Unknown experiment "nope": expected one of baseline, code30, deep-long, hs2006, hs2006-rbm, linear, or the path of an experiment .json file.',
      );
      return true;
    },
  );
});
