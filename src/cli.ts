/**
 * Command-line flags of `deno task report`: parsing, validation and help text.
 *
 * @module
 */

import { parseArgs } from "node:util";

import {
  DATASET_NAMES,
  type DatasetName,
  isDatasetName,
} from "./data/classes.ts";
import { UsageError } from "./errors.ts";
import { listExperiments } from "./experiments.ts";
import {
  DEFAULT_LANG,
  parseReportLang,
  REPORT_LANGS,
  type ReportLang,
} from "./report/i18n/mod.ts";

/** Values that `--accel` accepts. */
export const ACCEL_MODES = ["auto", "blas", "wasm"] as const;

/** Compute backend requested with `--accel`. */
export type AccelMode = typeof ACCEL_MODES[number];

/** Options of a run, parsed and validated from the command line. */
export interface CliOptions {
  /** Number of passes over the training split. */
  epochs: number;
  /** Number of images per gradient step. */
  batchSize: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Seed of weight initialization and shuffling. */
  seed: number;
  /** Folder the report is written to. */
  out: string;
  /** Folder with the four IDX files, or undefined for the dataset's default source. */
  data?: string;
  /** Dataset whose class names and default source to use. */
  dataset: DatasetName;
  /** Number of training images to use, or undefined for all. */
  trainSize?: number;
  /** Requested compute backend. */
  accel: AccelMode;
  /** Whether to train even when the output folder contains a model trained the same way. */
  retrain: boolean;
  /** Whether to continue an interrupted run from its checkpoint. */
  resume: boolean;
  /** Number of models trained with consecutive seeds. */
  repeats: number;
  /** Named experiments to run after the default model ("all" for every one). */
  experiments: string[];
  /** Scatter sample protocol. */
  scatter: "first" | "balanced";
  /** Language of the report's texts and number formats. */
  lang: ReportLang;
  /** Whether to print only errors. */
  quiet: boolean;
  /** Whether to print stack traces and extra diagnostics. */
  debug: boolean;
  /** Whether `--help` or `-h` was given. When set, every other field has its default value. */
  help: boolean;
}

/** Default of each option that has one. */
export const DEFAULT_OPTIONS: Readonly<Omit<CliOptions, "data" | "trainSize">> =
  {
    epochs: 5,
    batchSize: 128,
    learningRate: 0.001,
    seed: 0,
    out: "reports/latest",
    dataset: "mnist",
    accel: "auto",
    retrain: false,
    resume: false,
    repeats: 1,
    experiments: [],
    scatter: "first",
    lang: DEFAULT_LANG,
    quiet: false,
    debug: false,
    help: false,
  };

/** Help text listing every flag with its unit and default. */
export const usage = `Usage: deno task report [options]

Trains a deep autoencoder and fits PCA to reduce images to 2-D, then writes an
HTML and Markdown report comparing them.

Options:
  --epochs N            Passes over the training images of the main model (default:
                        ${DEFAULT_OPTIONS.epochs}); experiments use the epochs of their files.
  --batch-size N        Images per gradient step (default: ${DEFAULT_OPTIONS.batchSize}).
  --learning-rate X     Adam learning rate, a positive number (default: ${DEFAULT_OPTIONS.learningRate}).
  --seed N              Seed of weight initialization and shuffling, an integer >= 0
                        (default: ${DEFAULT_OPTIONS.seed}).
  --out DIR             Folder to write the report to (default: ${DEFAULT_OPTIONS.out}).
  --data DIR            Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte,
                        t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each raw or .gz
                        (default: the bundled MNIST for mnist; see deno task fetch-data).
  --dataset NAME        ${
  DATASET_NAMES.join(" or ")
}: sets the class names, and the
                        default data folder (default: ${DEFAULT_OPTIONS.dataset}).
  --train-size N        Use only the first N training images (default: all).
  --accel MODE          Compute backend: ${
  ACCEL_MODES.join(", ")
} (default: ${DEFAULT_OPTIONS.accel}).
  --repeats K           Train K models with seeds N, N+1, ... and report the median and range
                        of their final losses; figures show the first (default: 1).
  --experiment NAME     Also run the experiment experiments/NAME.json (repeatable; "all" runs
                        every one: ${listExperiments().join(", ")}).
  --scatter MODE        Scatter sample: "first" (the first 5000 training images, as the Keras
                        reproduction) or "balanced" (500 of each class, as the 2006 paper)
                        (default: first).
  --retrain             Train even when the output folder holds a model trained with the
                        same flags, data and software (which is otherwise reused).
  --resume              Continue an interrupted run from the checkpoint saved after its last
                        complete epoch.
  --lang LANG           Language of the report's texts: ${
  REPORT_LANGS.join(" or ")
} (Brazilian Portuguese)
                        (default: ${DEFAULT_OPTIONS.lang}).
  --quiet               Print only errors and the final summary.
  --debug               Print stack traces and extra diagnostics.
  -h, --help            Print this help and exit.`;

const STRING_FLAGS = [
  "epochs",
  "batch-size",
  "learning-rate",
  "seed",
  "out",
  "data",
  "dataset",
  "train-size",
  "accel",
  "lang",
  "repeats",
  "scatter",
] as const;

const PARSE_OPTIONS = {
  ...Object.fromEntries(
    STRING_FLAGS.map((name) => [name, { type: "string" as const }]),
  ) as Record<typeof STRING_FLAGS[number], { type: "string" }>,
  experiment: { type: "string" as const, multiple: true as const },
  retrain: { type: "boolean" as const },
  resume: { type: "boolean" as const },
  quiet: { type: "boolean" as const },
  debug: { type: "boolean" as const },
  help: { type: "boolean" as const, short: "h" },
};

/**
 * Parses and validates the command-line arguments.
 *
 * `--epochs -1` is read as the value -1 (and rejected), where plain
 * node:util parseArgs would report an ambiguous argument.
 *
 * @throws {UsageError} naming the flag, the value and what is expected, for
 * an unknown flag, a missing or invalid value, or a positional argument.
 */
export function parseCli(args: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args),
      options: PARSE_OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw toUsageError(error);
  }

  if (values.help) {
    return { ...DEFAULT_OPTIONS, help: true };
  }

  const options: CliOptions = {
    ...DEFAULT_OPTIONS,
    experiments: [],
    retrain: values.retrain ?? false,
    resume: values.resume ?? false,
    quiet: values.quiet ?? false,
    debug: values.debug ?? false,
  };

  if (values.epochs !== undefined) {
    options.epochs = parsePositiveInteger("--epochs", values.epochs);
  }
  if (values["batch-size"] !== undefined) {
    options.batchSize = parsePositiveInteger(
      "--batch-size",
      values["batch-size"],
    );
  }
  if (values["learning-rate"] !== undefined) {
    options.learningRate = parsePositiveNumber(
      "--learning-rate",
      values["learning-rate"],
    );
  }
  if (values.seed !== undefined) {
    options.seed = parseNonNegativeInteger("--seed", values.seed);
  }
  if (values["train-size"] !== undefined) {
    options.trainSize = parsePositiveInteger(
      "--train-size",
      values["train-size"],
    );
  }

  if (values.repeats !== undefined) {
    options.repeats = parsePositiveInteger("--repeats", values.repeats);
  }
  for (const name of values.experiment ?? []) {
    const known = listExperiments();
    if (name !== "all" && !known.includes(name)) {
      throw new UsageError(
        `--experiment must be "all" or one of ${
          known.join(", ")
        }, got "${name}".`,
      );
    }
    options.experiments.push(name);
  }
  if (values.scatter !== undefined) {
    if (values.scatter !== "first" && values.scatter !== "balanced") {
      throw new UsageError(
        `--scatter must be "first" or "balanced", got "${values.scatter}".`,
      );
    }
    options.scatter = values.scatter;
  }
  if (options.retrain && options.resume) {
    throw new UsageError(
      "--retrain and --resume cannot be used together: --resume continues training, --retrain starts it again.",
    );
  }

  if (values.out !== undefined) {
    options.out = parsePath("--out", values.out);
  }
  if (values.data !== undefined) {
    options.data = parsePath("--data", values.data);
  }

  if (values.dataset !== undefined) {
    if (!isDatasetName(values.dataset)) {
      throw new UsageError(
        `--dataset must be one of ${
          DATASET_NAMES.join(", ")
        }, got "${values.dataset}".`,
      );
    }
    options.dataset = values.dataset;
  }
  if (values.accel !== undefined) {
    if (!(ACCEL_MODES as readonly string[]).includes(values.accel)) {
      throw new UsageError(
        `--accel must be one of ${
          ACCEL_MODES.join(", ")
        }, got "${values.accel}".`,
      );
    }
    options.accel = values.accel as AccelMode;
  }
  if (values.lang !== undefined) {
    const lang = parseReportLang(values.lang);
    if (lang === undefined) {
      throw new UsageError(
        `--lang must be one of ${
          REPORT_LANGS.join(", ")
        }, got "${values.lang}".`,
      );
    }
    options.lang = lang;
  }

  return options;
}

/** Rewrites `--flag -1` as `--flag=-1` for flags that take a value, so a negative number reaches validation. */
function joinNegativeValues(args: string[]): string[] {
  const valueFlags = new Set(STRING_FLAGS.map((name) => `--${name}`));
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (valueFlags.has(args[i]) && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else {
      joined.push(args[i]);
    }
  }
  return joined;
}

function toUsageError(error: unknown): UsageError {
  const help = "Run with --help to list the flags.";
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  const flag = quoted.split(" ")[0];

  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`Unknown flag "${flag}". ${help}`, {
        cause: error,
      });
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError(
        `Unexpected argument "${quoted}": this command takes only flags. ${help}`,
        { cause: error },
      );
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (message.includes("does not take an argument")) {
        return new UsageError(`${flag} does not take a value. ${help}`, {
          cause: error,
        });
      }
      return new UsageError(
        `${flag} needs a value, e.g. "${flag} VALUE" or "${flag}=VALUE". ${help}`,
        { cause: error },
      );
    default:
      return new UsageError(`${message}. ${help}`, { cause: error });
  }
}

function parsePositiveInteger(flag: string, value: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(`${flag} must be a positive integer, got "${value}".`);
  }
  return number;
}

function parseNonNegativeInteger(flag: string, value: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) {
    throw new UsageError(`${flag} must be an integer >= 0, got "${value}".`);
  }
  return number;
}

function parsePositiveNumber(flag: string, value: string): number {
  const isDecimal = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value);
  const number = isDecimal ? Number(value) : NaN;
  if (!Number.isFinite(number) || number <= 0) {
    throw new UsageError(
      `${flag} must be a positive number such as 0.001 or 1e-3, got "${value}".`,
    );
  }
  return number;
}

function parsePath(flag: string, value: string): string {
  if (value.trim() === "") {
    throw new UsageError(`${flag} must be a folder path, got "${value}".`);
  }
  return value;
}
