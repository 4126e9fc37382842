/**
 * Named experiment configurations: the JSON files under `experiments/`, their
 * schema, and a loader that rejects a bad file with a message naming the
 * file, the field, what was expected and what was found.
 *
 * The shipped files are read from src/embedded_assets.ts, which contains
 * their text, so that loading one by name reads no file.
 *
 * @module
 */

import { z } from "zod";

import type { FusedActivation } from "./backend/activations.ts";
import { EXPERIMENT_FILES } from "./embedded_assets.ts";
import { DataError, UsageError } from "./errors.ts";
import { REPORT_LANGS, type ReportLang } from "./report/i18n/mod.ts";

/** Activations the trainer implements. */
export const ACTIVATIONS = [
  "linear",
  "relu",
  "elu",
  "sigmoid",
] as const satisfies readonly FusedActivation[];

/** Test-split measures an experiment can ask the report for. */
export const METRICS = ["mse", "crossEntropy"] as const;

/** Name of a test-split measure: MSE per pixel, or binary cross-entropy per pixel. */
export type Metric = typeof METRICS[number];

/** Greedy RBM pretraining before fine-tuning, as in Hinton & Salakhutdinov (2006). */
export interface RbmPretraining {
  /** Kind of pretraining; "rbm" is the only one. */
  type: "rbm";
  /** CD-1 passes over the training images for each RBM (50 in the paper). */
  epochs: number;
  /** Rows per CD-1 update (default 100). */
  batchSize: number;
  /** Learning rate of the RBMs with binary hidden units (default 0.1). */
  learningRate: number;
  /** Learning rate of the top RBM, whose hidden units are linear (default 0.001). */
  linearLearningRate: number;
  /** Momentum of the first `momentumEpochs` epochs (default 0.5). */
  initialMomentum: number;
  /** Momentum after the first `momentumEpochs` epochs (default 0.9). */
  finalMomentum: number;
  /** Number of epochs that use `initialMomentum` (default 5). */
  momentumEpochs: number;
  /** L2 weight decay coefficient on the RBM weights (default 0.0002). */
  weightDecay: number;
}

/**
 * An experiment's description and notes in one report language.
 *
 * @example
 * ```ts
 * import type { ExperimentTexts } from "@hs2006/dimensionality-report";
 *
 * const texts: ExperimentTexts = { description: "Autoencoder linear, um controle.", notes: "" };
 * ```
 */
export interface ExperimentTexts {
  /** One sentence for the report. */
  description: string;
  /** Reasons for the chosen settings (default ""). */
  notes: string;
}

/**
 * An experiment's texts by report language; English stays in `description` and `notes`.
 *
 * @example
 * ```ts
 * import { type ExperimentTranslations, runReproduction } from "@hs2006/dimensionality-report";
 *
 * const { input } = await runReproduction({ experiments: ["linear"] });
 * const translations: ExperimentTranslations | undefined = input.experiments?.[0].translations;
 * console.log(translations?.["pt-BR"]?.description);
 * ```
 */
export type ExperimentTranslations = Partial<
  Record<Exclude<ReportLang, "en">, ExperimentTexts>
>;

/** A validated experiment, with every optional field filled with its default. */
export interface Experiment {
  /** Short identifier: lowercase letters, digits and hyphens. */
  name: string;
  /** One sentence for the report. */
  description: string;
  /** Layer sizes from input to output; symmetric, with the narrowest (the code) in the middle. */
  layerSizes: number[];
  /** Activation of the hidden layers other than the code layer. */
  activation: FusedActivation;
  /** Activation of the code layer. */
  codeActivation: FusedActivation;
  /** Activation of the output layer. */
  outputActivation: FusedActivation;
  /** Optimizer of the (fine-)tuning; "adam" is the only one. */
  optimizer: "adam";
  /** Training loss; "mse" (mean squared error per pixel) is the only one. */
  loss: "mse";
  /** Measures to report on the test split (default ["mse"]). */
  metrics: Metric[];
  /** Passes over the training images. */
  epochs: number;
  /** Images per optimizer step. */
  batchSize: number;
  /** Adam's step size. */
  learningRate: number;
  /**
   * L2 penalty coefficient λ: the loss adds λ · Σ w² over all kernels (not
   * biases), as Keras's `regularizers.l2(λ)` does (default 0).
   */
  l2: number;
  /** Number of principal components of the PCA baseline (default: the code size). */
  pcaComponents: number;
  /** RBM pretraining before training, or null for none (default null). */
  pretraining: RbmPretraining | null;
  /** Reasons for the chosen settings, for readers of the file and the report (default ""). */
  notes: string;
  /** `description` and `notes` in other report languages, shown in reports written in them (default {}). */
  translations: ExperimentTranslations;
  /** The file the experiment was read from, or the `source` given to {@link validateExperiment}. */
  source: string;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const integerAtLeast = (minimum: number) =>
  z.int({ error: `an integer >= ${minimum}` }).min(minimum, {
    error: `an integer >= ${minimum}`,
  });

const positiveNumber = z.number({ error: "a positive number" }).positive({
  error: "a positive number",
});

const fraction = z.number({ error: "a number from 0 to below 1" }).min(0, {
  error: "a number from 0 to below 1",
}).lt(1, { error: "a number from 0 to below 1" });

const activationSchema = z.enum(ACTIVATIONS, {
  error: `one of ${ACTIVATIONS.map((name) => `"${name}"`).join(", ")}`,
});

const pretrainingSchema = z.strictObject({
  type: z.literal("rbm", { error: '"rbm"' }),
  epochs: integerAtLeast(1),
  batchSize: integerAtLeast(1).default(100),
  learningRate: positiveNumber.default(0.1),
  linearLearningRate: positiveNumber.default(0.001),
  initialMomentum: fraction.default(0.5),
  finalMomentum: fraction.default(0.9),
  momentumEpochs: integerAtLeast(0).default(5),
  weightDecay: z.number({ error: "a number >= 0" }).min(0, {
    error: "a number >= 0",
  }).default(0.0002),
}, { error: "an object" });

/** Report languages other than English, which experiments may translate their texts into. */
const TRANSLATION_LANGS = REPORT_LANGS.filter((lang) => lang !== "en") as [
  Exclude<ReportLang, "en">,
  ...Exclude<ReportLang, "en">[],
];

const textsSchema = z.strictObject({
  description: z.string({ error: "a string" }).min(1, {
    error: "a non-empty string",
  }),
  notes: z.string({ error: "a string" }).default(""),
}, { error: "an object with description and notes" });

const experimentSchema = z.strictObject({
  name: z.string({ error: "a string" }).regex(NAME_PATTERN, {
    error:
      "lowercase letters, digits and hyphens, starting with a letter or digit",
  }),
  description: z.string({ error: "a string" }).min(1, {
    error: "a non-empty string",
  }),
  layerSizes: z.array(integerAtLeast(1), { error: "an array of integers" })
    .min(3, { error: "at least 3 layer sizes" }),
  activation: activationSchema,
  codeActivation: activationSchema,
  outputActivation: activationSchema,
  optimizer: z.literal("adam", { error: '"adam"' }).default("adam"),
  loss: z.literal("mse", { error: '"mse"' }).default("mse"),
  metrics: z.array(
    z.enum(METRICS, {
      error: `one of ${METRICS.map((name) => `"${name}"`).join(", ")}`,
    }),
    { error: "an array of metric names" },
  ).default((): Metric[] => ["mse"]),
  epochs: integerAtLeast(1),
  batchSize: integerAtLeast(1),
  learningRate: positiveNumber,
  l2: z.number({ error: "a number >= 0" }).min(0, { error: "a number >= 0" })
    .default(0),
  pcaComponents: integerAtLeast(1).optional(),
  pretraining: pretrainingSchema.nullable().default(null),
  notes: z.string({ error: "a string" }).default(""),
  translations: z.partialRecord(
    z.enum(TRANSLATION_LANGS, {
      error: `one of ${
        TRANSLATION_LANGS.map((lang) => `"${lang}"`).join(", ")
      }`,
    }),
    textsSchema,
    { error: "an object keyed by language" },
  ).default({}),
}, { error: "a JSON object" });

/** Field names of the top level and of `pretraining`, for unknown-field messages. */
const KNOWN_FIELDS: Record<string, string[]> = {
  "": Object.keys(experimentSchema.shape),
  pretraining: Object.keys(pretrainingSchema.shape),
  translations: [...TRANSLATION_LANGS],
  ...Object.fromEntries(
    TRANSLATION_LANGS.map((lang) => [
      `translations.${lang}`,
      Object.keys(textsSchema.shape),
    ]),
  ),
};

/**
 * Checks parsed JSON against the experiment schema and the rules between
 * fields, and returns the experiment with defaults filled in.
 *
 * @param source the file name to put in error messages.
 * @throws {DataError} listing every problem, one per line, each with the
 * field, what was expected and what was found.
 */
export function validateExperiment(json: unknown, source: string): Experiment {
  const parsed = experimentSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidFile(
      source,
      parsed.error.issues.map((issue) => describeIssue(issue, json)),
    );
  }

  const { pcaComponents, ...fields } = parsed.data;
  const sizes = fields.layerSizes;
  const middle = (sizes.length - 1) / 2;
  const problems: string[] = [];

  // Shape of the network: symmetric around a code layer that is the narrowest.
  if (sizes.length % 2 === 0) {
    problems.push(
      `field "layerSizes": expected an odd number of sizes, so that the code layer is in the middle, found ${sizes.length}: ${
        format(sizes)
      }`,
    );
  } else if (sizes[0] !== sizes[sizes.length - 1]) {
    problems.push(
      `field "layerSizes": expected the last size (the output) to equal the first (the input), found ${
        format(sizes)
      }`,
    );
  } else {
    const mirrored = sizes.toReversed();
    const first = sizes.findIndex((size, i) => size !== mirrored[i]);
    if (first !== -1) {
      problems.push(
        `field "layerSizes": expected the same sizes read from either end, found ${
          format(sizes)
        } (entry ${first} is ${sizes[first]} but entry ${
          sizes.length - 1 - first
        } is ${mirrored[first]}, counting from 0)`,
      );
    }
    const code = sizes[middle];
    if (sizes.some((size, i) => i !== middle && size <= code)) {
      problems.push(
        `field "layerSizes": expected the middle size (the code, ${code}) to be smaller than every other size, found ${
          format(sizes)
        }`,
      );
    }
  }

  // The PCA baseline needs a component count it can fit.
  const components = pcaComponents ?? sizes[Math.floor(middle)];
  if (components > sizes[0]) {
    problems.push(
      `field "pcaComponents": expected at most the input size ${
        sizes[0]
      }, found ${components}`,
    );
  }

  // Cross-entropy needs outputs in (0, 1).
  if (
    fields.metrics.includes("crossEntropy") &&
    fields.outputActivation !== "sigmoid"
  ) {
    problems.push(
      `field "outputActivation": expected "sigmoid" because "metrics" contains "crossEntropy", which needs outputs in (0, 1), found "${fields.outputActivation}"`,
    );
  }

  // RBM pretraining initialises logistic hidden and output units and a linear code.
  if (fields.pretraining != null) {
    const required: [keyof typeof fields, FusedActivation][] = [
      ["activation", "sigmoid"],
      ["codeActivation", "linear"],
      ["outputActivation", "sigmoid"],
    ];
    for (const [field, expected] of required) {
      if (fields[field] !== expected) {
        problems.push(
          `field "${field}": expected "${expected}" because RBM pretraining initialises it, found "${
            fields[field]
          }"`,
        );
      }
    }
  }

  if (problems.length > 0) throw invalidFile(source, problems);
  return { ...fields, pcaComponents: components, source };
}

/**
 * Loads an experiment by name (a shipped file `experiments/<name>.json`) or
 * by path (any argument containing a path separator or ending in `.json`).
 * A shipped experiment's `source` is `experiments/<name>.json`.
 *
 * @throws {UsageError} when a name matches no shipped experiment.
 * @throws {DataError} when the file is missing, unreadable, not valid JSON
 * or fails {@link validateExperiment}.
 */
export function loadExperiment(nameOrPath: string): Experiment {
  if (NAME_PATTERN.test(nameOrPath)) {
    if (!Object.hasOwn(EXPERIMENT_FILES, nameOrPath)) {
      throw new UsageError(
        `Unknown experiment "${nameOrPath}": expected one of ${
          listExperiments().join(", ")
        }, or the path of an experiment .json file.`,
      );
    }
    return parseExperiment(
      EXPERIMENT_FILES[nameOrPath],
      `experiments/${nameOrPath}.json`,
    );
  }

  const path = nameOrPath;
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(
        `Experiment file not found: ${path}. Pass the name of a shipped experiment (${
          listExperiments().join(", ")
        }) or the path of an existing .json file.`,
        { cause: error },
      );
    }
    throw new DataError(
      `Cannot read experiment file ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return parseExperiment(text, path);
}

/** Returns the names of the shipped experiments, sorted. */
export function listExperiments(): string[] {
  return Object.keys(EXPERIMENT_FILES).sort();
}

/** Parses and validates the JSON text of an experiment file named `source`. */
function parseExperiment(text: string, source: string): Experiment {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(
      `Invalid experiment file ${source}: not valid JSON (${
        (error as Error).message
      }).`,
      { cause: error },
    );
  }
  return validateExperiment(json, source);
}

/** Builds the DataError for a file with the given problems. */
function invalidFile(source: string, problems: string[]): DataError {
  return new DataError(
    `Invalid experiment file ${source}:\n${
      problems.map((problem) => `  ${problem}`).join("\n")
    }`,
  );
}

/** Turns one zod issue into `field "x": expected …, found …`. */
function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const field = fieldName(issue.path);

  if (issue.code === "unrecognized_keys") {
    const parent = issue.path.join(".");
    const known = KNOWN_FIELDS[parent] ?? [];
    return issue.keys.map((key) =>
      `unknown field "${
        parent === "" ? key : `${parent}.${key}`
      }": expected only the fields ${known.join(", ")}`
    ).join("\n  ");
  }

  const value = valueAt(json, issue.path);
  const where = field === "" ? "the file" : `field "${field}"`;
  return `${where}: expected ${issue.message}, found ${describeValue(value)}`;
}

/** Formats a zod path as `pretraining.epochs` or `layerSizes[2]`. */
function fieldName(path: PropertyKey[]): string {
  let name = "";
  for (const key of path) {
    if (typeof key === "number") name += `[${key}]`;
    else name += name === "" ? String(key) : `.${String(key)}`;
  }
  return name;
}

/** Follows a zod path into the parsed JSON; undefined where it leads nowhere. */
function valueAt(json: unknown, path: PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (value == null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Describes a JSON value for a message: its JSON text, shortened. */
function describeValue(value: unknown): string {
  if (value === undefined) return "no value (the field is missing)";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Formats layer sizes as `[784, 512, 2]`. */
function format(sizes: number[]): string {
  return `[${sizes.join(", ")}]`;
}
