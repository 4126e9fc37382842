import assert from "node:assert/strict";
import { join } from "node:path";
import { formatBytes, formatMse, formatSeconds } from "../src/report/format.ts";
import { labelSvg, prefixSvgIds, svgSize } from "../src/report/svg.ts";
import { makeSampleReportInput } from "../src/report/sample_input.ts";
import { writeReport } from "../src/report/write.ts";

Deno.test("formatMse uses 4 decimals", () => {
  assert.equal(formatMse(0.056), "0.0560");
  assert.equal(formatMse(0.05574), "0.0557");
  assert.equal(formatMse(0.0187449), "0.0187");
  assert.equal(formatMse(0), "0.0000");
});

Deno.test("formatMse keeps tiny values visible", () => {
  assert.equal(formatMse(0.000312), "0.000312");
  assert.equal(formatMse(0.0005), "0.0005");
});

Deno.test("formatSeconds drops decimals above 100", () => {
  assert.equal(formatSeconds(12.345), "12.3");
  assert.equal(formatSeconds(412.6), "413");
});

Deno.test("formatBytes uses binary units", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(28881), "28.20 KiB");
  assert.equal(formatBytes(9912422), "9.45 MiB");
});

Deno.test("labelSvg adds role, label and title", () => {
  const svg = labelSvg(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10"><rect/></svg>',
    'A & "B"',
  );

  assert.equal(
    svg,
    '<svg role="img" aria-label="A &amp; &quot;B&quot;" xmlns="http://www.w3.org/2000/svg" width="10">' +
      "<title>A &amp; &quot;B&quot;</title><rect/></svg>",
  );
});

Deno.test("labelSvg removes inner ARIA attributes", () => {
  const svg = labelSvg(
    '<svg role="graphics-document" aria-label="old"><g role="graphics-object" ' +
      'aria-roledescription="group mark container"><text aria-label="Title text \'PCA\'" ' +
      'aria-hidden="true">PCA</text></g></svg>',
    "Scatter",
  );

  assert.equal(
    svg,
    '<svg role="img" aria-label="Scatter"><title>Scatter</title><g><text>PCA</text></g></svg>',
  );
});

Deno.test("prefixSvgIds renames ids and references", () => {
  const svg =
    '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>';

  assert.equal(
    prefixSvgIds(svg, "loss"),
    '<svg><clipPath id="loss-clip1"/><g clip-path="url(#loss-clip1)"/><use href="#loss-clip1"/></svg>',
  );
});

Deno.test("report escapes text from the input", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const input = makeSampleReportInput();
    input.scatter.description = "first <b>300</b> images";
    input.environment.cpu = "Vendor | Model *fast*";
    const out = join(dir, "latest");

    await writeReport(input, out);

    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.ok(
      !html.includes("<b>300</b>"),
      "raw HTML from the input reached the page",
    );
    assert.ok(html.includes("first &lt;b&gt;300&lt;/b&gt; images"));
    const markdown = await Deno.readTextFile(join(out, "report.md"));
    assert.ok(
      markdown.includes("| `cpu` | Vendor \\| Model \\*fast\\* |"),
      "table cell not escaped",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("svgSize reads the root element's size", () => {
  const svg =
    '<svg role="img" width="439" height="391.5" viewBox="0 0 439 391"><rect width="10" height="20"/></svg>';
  assert.deepEqual(svgSize(svg), { width: 439, height: 391.5 });
  assert.throws(
    () => svgSize('<svg viewBox="0 0 10 10"><rect width="1"/></svg>'),
    /no width and height/,
  );
});
