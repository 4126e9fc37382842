/// <reference lib="dom" />
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { tfjsDecode } from "../tfjs_decoder.ts";
import {
  HAS_CHROMIUM,
  openBrowser,
  type ReportFixture,
  reportFixture,
  saveScreenshot,
} from "./helpers.ts";

/** Panel size in SVG pixels, as charts.ts draws it. */
const PANEL_SIZE = 340;

const browserTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({
    name,
    ignore: !HAS_CHROMIUM,
    // playwright-core keeps pipes and timers of its own between tests.
    sanitizeOps: false,
    sanitizeResources: false,
    fn,
  });

/** The decoded image of one panel as the page shows it. */
interface Decoding {
  code: [number, number];
  /** Gray levels 0–255, row-major. */
  gray: number[];
  /** Text under the image, e.g. "(1.00, -2.00)". */
  label: string;
}

function readDecoding(
  page: Page,
  key: "pca" | "autoencoder",
): Promise<Decoding> {
  return page.evaluate((key) => {
    const canvas = document.getElementById(
      `decoded-${key}`,
    ) as HTMLCanvasElement;
    const rgba = canvas.getContext("2d")!.getImageData(
      0,
      0,
      canvas.width,
      canvas.height,
    ).data;
    return {
      code: JSON.parse(canvas.dataset.code!),
      gray: Array.from(rgba.filter((_, i) => i % 4 === 0)),
      label: document.getElementById(`decoded-${key}-code`)!.textContent!,
    };
  }, key);
}

/** Screen position of the centre of scatter point `index` in panel `panel` (0 PCA, 1 autoencoder). */
function pointPosition(
  page: Page,
  panel: number,
  index: number,
): Promise<{ x: number; y: number }> {
  return page.evaluate(([panel, index]) => {
    const mark = document.querySelectorAll(`.concat_${panel}_marks > path`)[
      index
    ];
    const box = mark.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }, [panel, index]);
}

/**
 * Largest difference in gray levels between the page's decoding and the
 * float32 decoder that the stated precision allows: the stated max error,
 * half a level for the canvas's rounding to 8 bits, and a quarter level
 * because the pointer's code lies near, not on, a scatter sample code.
 */
function allowedLevels(fixture: ReportFixture): number {
  return fixture.metrics.explorer.maxAbsError * 255 + 0.5 + 0.25;
}

function maxLevelDifference(
  fixture: ReportFixture,
  decoding: Decoding,
): number {
  const expected = tfjsDecode(
    fixture.input.explorer.decoder,
    Float32Array.from(decoding.code),
  );
  let max = 0;
  expected.forEach((value, i) => {
    const level = Math.min(1, Math.max(0, value)) * 255;
    max = Math.max(max, Math.abs(decoding.gray[i] - level));
  });
  return max;
}

function meanLevelDifference(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + Math.abs(value - b[i]), 0) /
    a.length;
}

browserTest("pointer decodes two different points", async () => {
  const fixture = await reportFixture();
  const { labels, autoencoder: codes } = fixture.input.scatter;
  const session = await openBrowser();
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);
    await page.locator("#explorer").scrollIntoViewIfNeeded();
    assert.equal(
      await page.locator(".narrow-hint").isVisible(),
      false,
      "narrow-screen hint on a wide screen",
    );
    const data = await page.evaluate(() =>
      JSON.parse(document.getElementById("explorer-data")!.textContent!)
    );
    const panel = data.panels[1];
    const spanX = panel.x[1] - panel.x[0];
    const spanY = panel.y[1] - panel.y[0];

    const first = labels.indexOf(0);
    const second = labels.indexOf(1);
    const decodings: Decoding[] = [];
    for (const [step, index] of [first, second].entries()) {
      const position = await pointPosition(page, 1, index);
      await page.mouse.move(position.x, position.y);
      const decoding = await readDecoding(page, "autoencoder");
      decodings.push(decoding);
      await saveScreenshot(page, `pointer-${step + 1}`, "#explorer");

      // One SVG pixel of slack for the pointer's whole-pixel position.
      assert.ok(
        Math.abs(decoding.code[0] - codes[2 * index]) <= spanX / PANEL_SIZE,
        `point ${index}: code x ${decoding.code[0]}, sample ${
          codes[2 * index]
        }`,
      );
      assert.ok(
        Math.abs(decoding.code[1] - codes[2 * index + 1]) <= spanY / PANEL_SIZE,
        `point ${index}: code y ${decoding.code[1]}, sample ${
          codes[2 * index + 1]
        }`,
      );
      const difference = maxLevelDifference(fixture, decoding);
      assert.ok(
        difference <= allowedLevels(fixture),
        `point ${index}: ${difference.toFixed(2)} gray levels from float32, ` +
          `allowed ${allowedLevels(fixture).toFixed(2)}`,
      );
      assert.match(decoding.label, /^\(-?\d+\.\d\d, -?\d+\.\d\d\)$/);
    }

    assert.ok(
      meanLevelDifference(decodings[0].gray, decodings[1].gray) > 5,
      "the two decoded images are nearly the same",
    );
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("PCA panel decodes mean plus code", async () => {
  const fixture = await reportFixture();
  const session = await openBrowser();
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);
    await page.locator("#explorer").scrollIntoViewIfNeeded();
    const position = await pointPosition(page, 0, 7);

    await page.mouse.move(position.x, position.y);

    const decoding = await readDecoding(page, "pca");
    const { mean, components } = fixture.input.explorer.pca;
    const pixels = mean.length;
    let max = 0;
    for (let p = 0; p < pixels; p++) {
      const value = mean[p] + decoding.code[0] * components[p] +
        decoding.code[1] * components[pixels + p];
      const level = Math.round(Math.min(1, Math.max(0, value)) * 255);
      max = Math.max(max, Math.abs(decoding.gray[p] - level));
    }
    assert.ok(max <= 1, `PCA decoding is ${max} gray levels off`);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("arrow keys move the crosshair", async () => {
  const fixture = await reportFixture();
  const session = await openBrowser();
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);
    const plane = page.locator(".concat_1_group .explorer-plane");
    const data = await page.evaluate(() =>
      JSON.parse(document.getElementById("explorer-data")!.textContent!)
    );
    const [x0, x1] = data.panels[1].x;
    const [y0, y1] = data.panels[1].y;

    await plane.focus();
    const before = await readDecoding(page, "autoencoder");
    await page.keyboard.press("ArrowRight");
    const right = await readDecoding(page, "autoencoder");
    await page.keyboard.press("Shift+ArrowUp");
    const up = await readDecoding(page, "autoencoder");

    assert.equal(
      await page.evaluate(() =>
        document.activeElement?.classList.contains("explorer-plane")
      ),
      true,
      "the plane lost the focus",
    );
    assert.ok(
      Math.abs(right.code[0] - before.code[0] - (x1 - x0) * 0.01) < 1e-9,
    );
    assert.equal(right.code[1], before.code[1]);
    assert.ok(Math.abs(up.code[1] - right.code[1] - (y1 - y0) * 0.1) < 1e-9);
    assert.notDeepEqual(up.gray, before.gray, "decoding did not change");
    const status = await page.locator("#explorer-status").textContent();
    assert.match(status ?? "", /^Autoencoder: code \(/);
    await saveScreenshot(page, "keyboard-focus", "#explorer");
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("tooltip shows class and image", async () => {
  const fixture = await reportFixture();
  const session = await openBrowser();
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);
    await page.locator("#explorer").scrollIntoViewIfNeeded();
    const index = 4;
    const label = fixture.input.scatter.labels[index];

    const position = await pointPosition(page, 1, index);
    await page.mouse.move(position.x, position.y);

    const tooltip = page.locator(".explorer-tooltip");
    assert.equal(await tooltip.isVisible(), true, "tooltip hidden");
    // A neighbouring point may be closer to the pointer than point 4.
    const text = await tooltip.textContent();
    assert.match(text ?? "", /^Digit \d$/);
    const image = page.locator(".explorer-tooltip-image");
    assert.equal(await image.isVisible(), true, "tooltip image hidden");
    assert.match(
      await image.evaluate((element) =>
        (element as HTMLElement).style.backgroundImage
      ),
      /figures\/digits\.png/,
    );
    const spriteWidth = await page.evaluate(() =>
      new Promise<number>((resolve) => {
        const sprite = new Image();
        sprite.onload = () => resolve(sprite.naturalWidth);
        sprite.onerror = () => resolve(0);
        sprite.src = "figures/digits.png";
      })
    );
    assert.equal(spriteWidth, 100 * 28, "sprite did not load");
    assert.equal(text, `Digit ${label}`);
    await saveScreenshot(page, "tooltip", "#explorer");

    await page.mouse.move(5, 5);
    assert.equal(await tooltip.isVisible(), false, "tooltip stayed");
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("class buttons hide and show points", async () => {
  const fixture = await reportFixture();
  const { labels } = fixture.input.scatter;
  const threes = labels.filter((label) => label === 3).length;
  const session = await openBrowser();
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);
    const button = page.locator(".class-filter button", { hasText: "3" });
    const hiddenMarks = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<SVGElement>(".role-mark > path")]
          .filter((mark) => mark.style.display === "none").length
      );

    await button.click();

    assert.equal(await button.getAttribute("aria-pressed"), "false");
    assert.equal(await hiddenMarks(), 2 * threes, "both panels hide the 3s");
    await saveScreenshot(page, "class-filter", "#explorer");

    await button.click();

    assert.equal(await button.getAttribute("aria-pressed"), "true");
    assert.equal(await hiddenMarks(), 0);

    await page.locator(".role-legend-entry .role-scope > g").nth(3).click();

    assert.equal(await button.getAttribute("aria-pressed"), "false");
    assert.equal(await hiddenMarks(), 2 * threes, "legend click hides the 3s");
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("page without JavaScript keeps figures", async () => {
  const fixture = await reportFixture();
  const session = await openBrowser({ javaScriptEnabled: false });
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);

    assert.equal(await page.locator("svg[role=img]").count(), 3);
    for (const figure of await page.locator("svg[role=img]").all()) {
      assert.equal(await figure.isVisible(), true);
      assert.ok(await figure.getAttribute("aria-label"));
    }
    assert.equal(await page.locator(".explorer-output").isVisible(), false);
    assert.equal(await page.locator(".class-filter").isVisible(), false);
    assert.equal(
      await page.getByText("The explorer needs JavaScript").isVisible(),
      true,
    );
    assert.equal(await page.locator("table").first().isVisible(), true);
    await page.locator("#explorer-heading").evaluate((heading) =>
      heading.scrollIntoView({ block: "center" })
    );
    await saveScreenshot(page, "no-javascript");
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("mismatched figure leaves page static", async () => {
  const fixture = await reportFixture();
  const page = new URL(fixture.englishUrl).pathname;
  const html = await Deno.readTextFile(page);
  // Drop the autoencoder panel's first point, so marks no longer match the data.
  const broken = html.replace(
    /(class="mark-symbol role-mark concat_1_marks"[^>]*>)<path[^>]*\/>/,
    "$1",
  );
  assert.notEqual(broken, html, "no point was removed");
  const copy = page.replace("index.html", "broken.html");
  await Deno.writeTextFile(copy, broken);
  const session = await openBrowser();
  try {
    await session.page.goto(`file://${copy}`);

    assert.equal(session.errors.length, 1, session.errors.join("\n"));
    assert.match(
      session.errors[0],
      /The explorer is off: panel \.concat_1_group draws \d+ points/,
    );
    assert.equal(
      await session.page.locator(".explorer-output").isVisible(),
      false,
    );
    assert.equal(
      await session.page.getByText("The explorer needs JavaScript")
        .isVisible(),
      true,
    );
    assert.equal(await session.page.locator(".explorer-plane").count(), 0);
  } finally {
    await session.close();
    await Deno.remove(copy);
  }
});

browserTest("narrow screen fits and taps decode", async () => {
  const fixture = await reportFixture();
  const session = await openBrowser({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
  });
  try {
    const { page, errors } = session;
    await page.goto(fixture.englishUrl);

    const pageWidth = await page.evaluate(() =>
      document.documentElement.scrollWidth
    );
    assert.ok(pageWidth <= 390, `page is ${pageWidth} px wide`);
    assert.equal(await page.locator(".explorer-output").isVisible(), true);
    // The figures keep 36rem and scroll sideways here, and the page shows a hint.
    assert.equal(await page.locator(".narrow-hint").isVisible(), true);

    const plane = page.locator(".concat_1_group .explorer-plane");
    await plane.scrollIntoViewIfNeeded();
    const before = await readDecoding(page, "autoencoder");
    const box = (await plane.boundingBox())!;
    await page.touchscreen.tap(
      box.x + box.width * 0.2,
      box.y + box.height * 0.7,
    );
    const after = await readDecoding(page, "autoencoder");

    assert.notDeepEqual(after.code, before.code, "tap did not move the code");
    await saveScreenshot(page, "narrow-screen");
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

browserTest("pt-BR page uses Portuguese and commas", async () => {
  const fixture = await reportFixture();
  const session = await openBrowser();
  try {
    const { page, errors } = session;
    await page.goto(fixture.portugueseUrl);

    assert.equal(await page.getAttribute("html", "lang"), "pt-BR");
    assert.equal(
      await page.locator("#explorer-heading").textContent(),
      "Explorador",
    );
    const decoding = await readDecoding(page, "autoencoder");
    assert.match(decoding.label, /^\(-?\d+,\d\d; -?\d+,\d\d\)$/);
    assert.match(
      (await page.locator("#class-filter-label").textContent()) ?? "",
      /^Classes exibidas/,
    );
    await page.locator("#explorer").scrollIntoViewIfNeeded();
    await saveScreenshot(page, "pt-BR", "#explorer");
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
