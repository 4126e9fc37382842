/**
 * Shared pieces of the browser tests: a small real report written once per
 * test run, Chromium through playwright-core, console error collection and
 * the screenshot folder.
 *
 * @module
 */

import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { runReproduction } from "../../src/pipeline.ts";
import { writeReport } from "../../src/report/write.ts";
import type { ReportInput } from "../../src/report/types.ts";

/** Chromium binary; Debian's package installs it here. Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = Deno.env.get("CHROMIUM_PATH") ??
  "/usr/bin/chromium";

/** Whether the Chromium binary exists, so the tests can be skipped with a message where it does not. */
export const HAS_CHROMIUM = (() => {
  try {
    return Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    return false;
  }
})();

if (!HAS_CHROMIUM) {
  console.warn(
    `Skipping the browser tests: no Chromium at ${CHROMIUM_PATH}. ` +
      "Install Debian's chromium package or set CHROMIUM_PATH.",
  );
}

/** Flags for Chromium in a container without a GPU, sandbox or network. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

/** Folder of the screenshots, gitignored. */
export const ARTIFACTS_DIR = new URL(
  "../../test-artifacts/browser/",
  import.meta.url,
);

/** A report written for the browser tests, in both languages. */
export interface ReportFixture {
  /** The input both reports were written from. */
  input: ReportInput & { explorer: NonNullable<ReportInput["explorer"]> };
  /** file:// URL of the English index.html. */
  englishUrl: string;
  /** file:// URL of the Brazilian Portuguese index.html. */
  portugueseUrl: string;
  /** The English report's metrics.json. */
  metrics: { explorer: { maxAbsError: number; meanAbsError: number } };
}

let fixture: Promise<ReportFixture> | undefined;
let fixtureDir: string | undefined;

/**
 * Trains on the first 5000 MNIST training images for 3 epochs and writes
 * the report in English and Brazilian Portuguese into a temporary folder,
 * once per test run. The folder is removed when the test process exits.
 * After 1 epoch on 2000 images every code decoded to nearly the same blob,
 * so the two-point test could not tell decodings apart.
 */
export function reportFixture(): Promise<ReportFixture> {
  fixture ??= buildFixture();
  return fixture;
}

async function buildFixture(): Promise<ReportFixture> {
  const result = await runReproduction({
    trainSize: 5000,
    epochs: 3,
    scatterCount: 1000,
  });
  const input = result.input;
  if (!input.explorer) {
    throw new Error("runReproduction returned no explorer data");
  }
  if (!input.scatter.images) {
    input.scatter.images = firstTrainingImages(result, input);
  }

  fixtureDir = await Deno.makeTempDir({ prefix: "browser-test-" });
  const english = join(fixtureDir, "en");
  const portuguese = join(fixtureDir, "pt-BR");
  await writeReport(input, english);
  await writeReport(input, portuguese, { lang: "pt-BR" });

  return {
    input: { ...input, explorer: input.explorer },
    englishUrl: `file://${english}/index.html`,
    portugueseUrl: `file://${portuguese}/index.html`,
    metrics: JSON.parse(
      await Deno.readTextFile(join(english, "metrics.json")),
    ),
  };
}

/**
 * Returns the scatter sample's images for a pipeline that does not pass
 * them yet: the default sample is the first training images, which the
 * labels confirm.
 */
function firstTrainingImages(
  result: Awaited<ReturnType<typeof runReproduction>>,
  input: ReportInput,
): Float32Array {
  const { train } = result.dataset;
  const count = input.scatter.labels.length;
  const pixels = train.height * train.width;
  for (let i = 0; i < count; i++) {
    if (train.labels[i] !== input.scatter.labels[i]) {
      throw new Error(
        "The scatter sample is not the first training images, so its images cannot be recovered",
      );
    }
  }
  return train.images.slice(0, count * pixels);
}

globalThis.addEventListener("unload", () => {
  if (fixtureDir) {
    Deno.removeSync(fixtureDir, { recursive: true });
  }
});

/** A Chromium window with a fresh profile, closed and removed by `close`. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests of the page. */
  errors: string[];
  close: () => Promise<void>;
}

/** Launches Chromium with a fresh profile folder and opens one page. */
export async function openBrowser(
  options: {
    viewport?: { width: number; height: number };
    javaScriptEnabled?: boolean;
    hasTouch?: boolean;
  } = {},
): Promise<BrowserSession> {
  const profile = await Deno.makeTempDir({ prefix: "chromium-profile-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    hasTouch: options.hasTouch ?? false,
  });
  const page = context.pages()[0] ?? await context.newPage();

  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("requestfailed", (request) => {
    errors.push(
      `request failed: ${request.url()} (${request.failure()?.errorText})`,
    );
  });

  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}

/** Saves a screenshot of the page, or of one element, under test-artifacts/browser/. */
export async function saveScreenshot(
  page: Page,
  name: string,
  selector?: string,
): Promise<void> {
  await Deno.mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = new URL(`${name}.png`, ARTIFACTS_DIR).pathname;
  if (selector) {
    await page.locator(selector).screenshot({ path });
  } else {
    await page.screenshot({ path });
  }
}
