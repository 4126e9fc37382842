/**
 * Downloads the four MNIST files into a cache folder and verifies their
 * SHA-256, for use with `deno task report --data DIR`.
 *
 * Run with `deno task fetch-data [--dir DIR] [--mirror URL]`. Exit codes:
 * 0 on success, 1 when a download or write fails, 2 on an invalid flag.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import {
  DEFAULT_MIRROR,
  type FetchEvent,
  fetchMnist,
  MIRROR_ENV_VAR,
} from "../src/data/fetch.ts";
import { exitCodeFor, formatError, UsageError } from "../src/errors.ts";

/** Default cache folder: `data/mnist` in the repository, whatever the working folder. */
const DEFAULT_DIR = fileURLToPath(new URL("../data/mnist", import.meta.url));

const USAGE = `Usage: deno task fetch-data [--dir DIR] [--mirror URL]

Downloads the four MNIST files (train-images-idx3-ubyte.gz and the others),
checks the SHA-256 of each after gunzip, and stores them uncompressed in DIR.
Files already in DIR with the right SHA-256 are not downloaded again.

Options:
  --dir DIR      Folder to store the files in (default: ${DEFAULT_DIR}).
  --mirror URL   Base URL that serves the .gz files (default: $${MIRROR_ENV_VAR},
                 else ${DEFAULT_MIRROR}).
  -h, --help     Print this help and exit.

Then run: deno task report --data DIR`;

function parseFlags(
  args: string[],
): { dir: string; mirror: string; help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        dir: { type: "string" },
        mirror: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${reason}. Run with --help to list the flags.`);
  }

  return {
    dir: values.dir ?? DEFAULT_DIR,
    mirror: values.mirror ?? Deno.env.get(MIRROR_ENV_VAR) ?? DEFAULT_MIRROR,
    help: values.help ?? false,
  };
}

function printEvent(event: FetchEvent): void {
  switch (event.kind) {
    case "present":
      console.log(`${event.name}: already in ${event.path}, SHA-256 verified`);
      break;
    case "download":
      console.log(`${event.name}: downloading ${event.url}`);
      break;
    case "saved":
      console.log(
        `${event.name}: saved ${event.path} (${event.bytes} bytes), SHA-256 verified`,
      );
      break;
  }
}

async function main(args: string[]): Promise<number> {
  try {
    const flags = parseFlags(args);
    if (flags.help) {
      console.log(USAGE);
      return 0;
    }

    await fetchMnist({
      dir: flags.dir,
      mirror: flags.mirror,
      onEvent: printEvent,
    });
    console.log(
      `MNIST is ready. Use it with: deno task report --data ${flags.dir}`,
    );
    return 0;
  } catch (error) {
    console.error(formatError(error));
    if (error instanceof UsageError) {
      console.error(`\n${USAGE}`);
    }
    return exitCodeFor(error);
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
