import assert from "node:assert/strict";
import { join } from "node:path";
import { experimentLossSpec, lossSpec } from "../src/report/charts.ts";
import { experimentGridSvg } from "../src/report/grid.ts";
import {
  experimentFiles,
  makeSampleReportInput,
  REPORT_FILES,
  writeReport,
} from "../src/report/mod.ts";

const NOW = new Date("2026-01-02T03:04:05Z");

const ALL_EXPERIMENTS = [
  "baseline",
  "linear",
  "code30",
  "hs2006-rbm",
  "hs2006",
  "deep-long",
];

// deno-lint-ignore no-explicit-any
type Json = any;

interface WrittenReport {
  html: string;
  markdown: string;
  metrics: Json;
  files: string[];
  out: string;
}

/** Writes the report of `input` into a temporary folder, reads its text files, then removes the folder. */
async function writeAndRead(
  input: ReturnType<typeof makeSampleReportInput>,
  lang: "en" | "pt-BR" = "en",
  check?: (report: WrittenReport) => Promise<void>,
): Promise<WrittenReport> {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const out = join(dir, "latest");
    const result = await writeReport(input, out, { now: NOW, lang });
    const report = {
      html: await Deno.readTextFile(join(out, "index.html")),
      markdown: await Deno.readTextFile(join(out, "report.md")),
      metrics: JSON.parse(await Deno.readTextFile(join(out, "metrics.json"))),
      files: result.files,
      out,
    };
    await check?.(report);
    return report;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Collapses whitespace and decodes the entities Eta writes. */
function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/** Returns the HTML of one experiment's section. */
function section(html: string, name: string): string {
  const match = html.match(
    new RegExp(
      `<section class="experiment" aria-labelledby="experiment-${name}">[\\s\\S]*?</section>`,
    ),
  );
  assert.ok(match, `no section for ${name}`);
  return match[0];
}

Deno.test("metrics.json has experiment keys", async () => {
  const input = makeSampleReportInput({
    experiments: ["linear", "code30"],
    repeats: 3,
  });
  const { metrics } = await writeAndRead(input);

  assert.equal(metrics.experiments.length, 2);
  const [linear, code30] = metrics.experiments;
  for (
    const key of [
      "name",
      "codeSize",
      "parameters",
      "epochs",
      "history",
      "trainMse",
      "testMse",
      "trainCrossEntropy",
      "testCrossEntropy",
      "knnAccuracy",
      "trustworthiness",
      "seconds",
      "testSsePerImage",
      "perClassMse",
      "pcaComponents",
      "pcaTestMse",
      "gapToPcaPercent",
      "reused",
      "run",
    ]
  ) {
    assert.ok(key in linear, `experiments[0].${key} missing`);
    assert.ok(key in code30, `experiments[1].${key} missing`);
  }
  const source = input.experiments![0];
  assert.equal(linear.name, "linear");
  assert.equal(linear.epochs, source.epochs.length);
  assert.deepEqual(linear.history, source.epochs);
  assert.equal(linear.testMse, source.testMse);
  assert.equal(linear.gapToPcaPercent, source.gapToPcaPercent);
  assert.equal(linear.pcaComponents, 2);
  assert.deepEqual(linear.run, { key: "synthetic-linear" });
  assert.equal(code30.codeSize, 30);
  assert.equal(code30.knnAccuracy, null);
  assert.equal(code30.trustworthiness, null);
  assert.equal(code30.pcaComponents, 30);
});

Deno.test("metrics.json has embedding and PCA-30 keys", async () => {
  const input = makeSampleReportInput({ experiments: ["code30"] });
  const { metrics } = await writeAndRead(input);

  assert.deepEqual(metrics.embedding, input.embedding);
  assert.equal(metrics.pca.knnAccuracy, input.embedding!.pca.knnAccuracy);
  assert.equal(
    metrics.pca.trustworthiness,
    input.embedding!.pca.trustworthiness,
  );
  const pca30 = input.experiments![0].pca;
  assert.deepEqual(metrics.pca.components30, {
    trainMse: pca30.trainMse,
    testMse: pca30.testMse,
    testSsePerImage: pca30.testSsePerImage,
  });
  assert.equal(metrics.pca.testMse, input.pca.testMse, "existing key kept");
});

Deno.test("metrics.json repeats have median and range", async () => {
  const input = makeSampleReportInput({ repeats: 4 });
  input.repeats = [
    { seed: 0, loss: 0.04, valLoss: 0.05 },
    { seed: 1, loss: 0.01, valLoss: 0.07 },
    { seed: 2, loss: 0.03, valLoss: 0.06 },
    { seed: 3, loss: 0.02, valLoss: 0.08 },
  ];
  const { metrics } = await writeAndRead(input);

  assert.deepEqual(metrics.repeats.runs, input.repeats);
  assert.ok(Math.abs(metrics.repeats.median.loss - 0.025) < 1e-12);
  assert.ok(Math.abs(metrics.repeats.median.valLoss - 0.065) < 1e-12);
  assert.deepEqual(metrics.repeats.range, {
    loss: { min: 0.01, max: 0.04 },
    valLoss: { min: 0.05, max: 0.08 },
  });
});

Deno.test("metrics.json without new fields", async () => {
  const input = makeSampleReportInput({ embedding: false });
  delete input.repeats;
  const { metrics } = await writeAndRead(input);

  assert.deepEqual(metrics.experiments, []);
  assert.equal("embedding" in metrics, false);
  assert.equal("repeats" in metrics, false);
  assert.equal("knnAccuracy" in metrics.pca, false);
  assert.equal("components30" in metrics.pca, false);
});

Deno.test("experiments section only with experiments", async () => {
  const without = await writeAndRead(makeSampleReportInput());

  assert.ok(!without.html.includes('id="experiments"'));
  assert.ok(!without.markdown.includes("## Experiments"));
  assert.deepEqual(
    without.files.filter((file) => file.includes("experiment-")),
    [],
  );
  assert.equal(without.html.match(/<svg\b/g)?.length, 3);

  const input = makeSampleReportInput({ experiments: ["baseline", "code30"] });
  await writeAndRead(input, "en", async (report) => {
    assert.ok(report.html.includes('<h2 id="experiments">Experiments</h2>'));
    assert.ok(report.markdown.includes("\n## Experiments\n"));
    const expected = input.experiments!.flatMap(experimentFiles);
    assert.deepEqual(
      report.files.filter((file) => file.includes("experiment-")).sort(),
      [...expected].sort(),
    );
    for (const file of expected) {
      const info = await Deno.stat(join(report.out, file));
      assert.ok(info.size > 1000, `${file} has ${info.size} bytes`);
    }
    for (const file of REPORT_FILES) {
      assert.ok(report.files.includes(file), `${file} missing`);
    }
    // Main figures (3), baseline (loss, grid) and code30 (loss, grid) inline;
    // baseline's scatter, with thousands of points, as an image of its file.
    assert.equal(report.html.match(/<svg\b/g)?.length, 7);
    const image = report.html.match(
      /<img src="figures\/experiment-baseline-scatter\.svg" alt="([^"]+)" width="\d+" height="\d+" loading="lazy">/,
    );
    assert.ok(image, "baseline scatter image");
    assert.match(image[1], /baseline/);
    const markup = report.html.replace(/<script\b[\s\S]*?<\/script>/g, "");
    const ids = [...markup.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, "duplicate ids");
  });
});

Deno.test("experiments overview lists every experiment", async () => {
  const input = makeSampleReportInput({ experiments: ALL_EXPERIMENTS });
  const { html, markdown } = await writeAndRead(input);

  for (const experiment of input.experiments!) {
    assert.ok(
      html.includes(`<a href="#experiment-${experiment.name}">`),
      `overview link to ${experiment.name}`,
    );
    assert.ok(html.includes(`<h3 id="experiment-${experiment.name}">`));
    assert.ok(markdown.includes(`\n### ${experiment.name}\n`));
    assert.ok(markdown.includes(`| [${experiment.name}](#${experiment.name})`));
  }
  assert.match(
    markdown,
    /\n\| \[code30\]\(#code30\) \| 30 \| [\d,]+ \| 4 \| 0\.\d{4} \| 0\.\d{4} \| 0\.0182 \| — \| — \| [\d.]+ \|\n/,
  );
  assert.doesNotMatch(markdown, /\n\n\n/, "triple newline");
});

Deno.test("report.md links experiment PNGs", async () => {
  const input = makeSampleReportInput({ experiments: ["linear", "code30"] });
  await writeAndRead(input, "en", async ({ markdown, out }) => {
    const images = [...markdown.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((
      match,
    ) => match[1]);
    assert.deepEqual(images, [
      "figures/scatter.png",
      "figures/reconstructions.png",
      "figures/loss.png",
      "figures/experiment-linear-loss.png",
      "figures/experiment-linear-scatter.png",
      "figures/experiment-linear-reconstructions.png",
      "figures/experiment-code30-loss.png",
      "figures/experiment-code30-reconstructions.png",
    ]);
    for (const image of images) {
      await Deno.stat(join(out, image));
    }
  });
});

Deno.test("linear section states the gap to PCA", async () => {
  const input = makeSampleReportInput({ experiments: ["linear"] });
  input.experiments![0].gapToPcaPercent = 0.3125;
  const { html } = await writeAndRead(input);

  const text = pageText(section(html, "linear"));
  assert.ok(text.includes("Every layer is linear"), text);
  assert.ok(
    text.includes("After 4 epochs its test MSE is 0.31% above PCA's."),
    text,
  );
  assert.ok(text.includes("PCA (2 components)"));
});

Deno.test("code30 section compares with the paper", async () => {
  const input = makeSampleReportInput({ experiments: ["code30"] });
  input.experiments![0].testSsePerImage = 12.345;
  input.experiments![0].pca.testSsePerImage = 14.19;
  const { html, markdown } = await writeAndRead(input);

  const text = pageText(section(html, "code30"));
  for (
    const expected of [
      "12.35",
      "14.19",
      "3.00",
      "8.01",
      "13.87",
      "paper, Fig. 2",
      "not in this run",
      "PCA (30 components)",
    ]
  ) {
    assert.ok(text.includes(expected), `code30 section lacks ${expected}`);
  }
  assert.ok(!text.includes("kNN accuracy"), "row of a 2-D measure");
  assert.match(markdown, /\n\| code30 \| 12\.35 \| this run \|\n/);
});

Deno.test("paper comparison only for 28×28 MNIST", async () => {
  const input = makeSampleReportInput({
    experiments: ["code30"],
    datasetName: "fashion-mnist",
  });
  const { html } = await writeAndRead(input);

  assert.ok(!pageText(section(html, "code30")).includes("13.87"));
});

Deno.test("hs2006-rbm section follows the paper", async () => {
  const input = makeSampleReportInput({ experiments: ["hs2006-rbm"] });
  const { html } = await writeAndRead(input);

  const text = pageText(section(html, "hs2006-rbm"));
  assert.ok(text.includes("contrastive divergence (CD-1)"), text);
  assert.ok(text.includes("10 epochs per RBM"));
  assert.ok(
    text.includes("Adam on the MSE instead of conjugate gradient"),
    text,
  );
  assert.ok(text.includes("Test cross-entropy per pixel"));
  assert.ok(text.includes("RBM pretraining of 10 epochs per RBM took 4.5 s"));
});

Deno.test("reused experiment says so", async () => {
  const input = makeSampleReportInput({ experiments: ["hs2006-rbm"] });
  input.experiments![0].reused = true;
  input.experiments![0].pretraining = { epochs: 10, seconds: null };
  const { html, metrics } = await writeAndRead(input);

  const text = pageText(section(html, "hs2006-rbm"));
  assert.ok(text.includes("after RBM pretraining of 10 epochs per RBM."), text);
  assert.ok(text.includes("loaded from the earlier report"), text);
  assert.equal(metrics.experiments[0].reused, true);
  assert.deepEqual(metrics.experiments[0].pretraining, {
    epochs: 10,
    seconds: null,
  });
});

Deno.test("deep-long section compares with baseline", async () => {
  const input = makeSampleReportInput({
    experiments: ["baseline", "deep-long"],
  });
  const [baseline, deepLong] = input.experiments!;
  baseline.testMse = 0.05;
  deepLong.testMse = 0.04;
  const better = await writeAndRead(input);
  assert.ok(
    pageText(section(better.html, "deep-long")).includes(
      "Its test MSE (0.0400) is 20.0% lower than that of baseline (0.0500).",
    ),
  );

  deepLong.testMse = 0.055;
  const worse = await writeAndRead(input);
  assert.ok(
    pageText(section(worse.html, "deep-long")).includes(
      "Its test MSE (0.0550) is not lower than that of baseline (0.0500): it is 10.0% higher.",
    ),
  );

  const alone = await writeAndRead(
    makeSampleReportInput({ experiments: ["deep-long"] }),
  );
  assert.ok(!pageText(alone.html).includes("than that of baseline"));
});

Deno.test("embedding table lists every class", async () => {
  const input = makeSampleReportInput();
  const { html, markdown } = await writeAndRead(input);

  const text = pageText(html);
  assert.ok(text.includes("Embedding quality"));
  assert.ok(text.includes("kNN accuracy (k = 5) 45.0% 71.2%"), text);
  assert.ok(text.includes("Trustworthiness (k = 10) 0.741 0.902"));
  for (const name of input.dataset.classNames) {
    assert.ok(text.includes(`Test MSE per pixel, digit ${name}`));
  }
  assert.match(
    markdown,
    /\n\| kNN accuracy \(k = 5\) \| 45\.0% \| 71\.2% \|\n/,
  );

  const without = await writeAndRead(
    makeSampleReportInput({ embedding: false }),
  );
  assert.ok(!without.html.includes('id="embedding"'));
});

Deno.test("seeds show a repeats table from two", async () => {
  const single = await writeAndRead(makeSampleReportInput());
  const text = pageText(single.html);
  assert.ok(text.includes("trained with random seed 1."));
  assert.ok(!text.includes("Median"));

  const input = makeSampleReportInput({ repeats: 3 });
  input.repeats = [
    { seed: 1, loss: 0.03, valLoss: 0.04 },
    { seed: 2, loss: 0.01, valLoss: 0.05 },
    { seed: 3, loss: 0.02, valLoss: 0.06 },
  ];
  const { html, markdown } = await writeAndRead(input);
  const repeated = pageText(html);
  assert.ok(repeated.includes("trained 3 times with different seeds"));
  assert.ok(repeated.includes("1 (figures) 0.0300 0.0400"), repeated);
  assert.ok(repeated.includes("Median 0.0200 0.0500"));
  assert.ok(repeated.includes("Range 0.0100 – 0.0300 0.0400 – 0.0600"));
  assert.match(markdown, /\n\| \*\*Median\*\* \| 0\.0200 \| 0\.0500 \|\n/);
});

Deno.test("pt-BR experiments section", async () => {
  const input = makeSampleReportInput({
    experiments: ["linear", "code30"],
    repeats: 2,
  });
  await writeAndRead(input, "pt-BR", async ({ html, out }) => {
    const text = pageText(html);
    for (
      const expected of [
        "Experimentos",
        "Qualidade dos códigos 2-D",
        "Sementes",
        "Mediana",
        "Todas as camadas são lineares",
        "artigo, Fig. 2",
        "13,87",
      ]
    ) {
      assert.ok(text.includes(expected), `pt-BR page lacks ${expected}`);
    }
    assert.ok(!text.includes("Every layer is linear"), "English sentence");
    assert.match(html, /<p lang="en">Synthetic experiment linear/);
    const loss = await Deno.readTextFile(
      join(out, "figures", "experiment-code30-loss.svg"),
    );
    assert.ok(loss.includes(">PCA (30 componentes)</text>"));
    assert.ok(loss.includes(">code30: erro de reconstrução por época</text>"));
  });
});

Deno.test("experimentLossSpec draws PCA with k components", () => {
  const input = makeSampleReportInput({ experiments: ["code30"] });
  const spec: Json = experimentLossSpec(input, input.experiments![0]);

  const labels = spec.layer
    .filter((layer: Json) => layer.mark.type === "text")
    .map((layer: Json) => layer.data.values[0]);
  assert.deepEqual(labels, [
    { label: "Mean image", mse: input.meanImage.testMse },
    { label: "PCA (30 components)", mse: 0.0182 },
  ]);
  assert.equal(spec.title, "code30: reconstruction error per epoch");
});

Deno.test("loss rule label moves below curves", () => {
  const input = makeSampleReportInput({ epochs: 2 });
  input.autoencoder.epochs = [
    { epoch: 1, loss: 0.07, valLoss: 0.065, seconds: 1 },
    { epoch: 2, loss: 0.0565, valLoss: 0.0562, seconds: 1 },
  ];
  input.pca.testMse = 0.0557;
  input.meanImage.testMse = 0.0671;

  const spec: Json = lossSpec(input);
  const marks = spec.layer
    .filter((layer: Json) => layer.mark.type === "text")
    .map((layer: Json) => [layer.data.values[0].label, layer.mark.baseline]);

  assert.deepEqual(marks, [
    ["Mean image", "bottom"],
    ["PCA (2 components)", "top"],
  ]);
});

Deno.test("experimentGridSvg rows follow the code size", () => {
  const input = makeSampleReportInput({ experiments: ["linear", "code30"] });
  const [linear, code30] = input.experiments!;

  const twoD = experimentGridSvg(input, linear);
  assert.equal(twoD.match(/<image /g)?.length, 30);
  for (const label of ["Original", "PCA", "linear"]) {
    assert.ok(twoD.includes(`>${label}</text>`), `row ${label}`);
  }

  const thirtyD = experimentGridSvg(input, code30);
  assert.equal(thirtyD.match(/<image /g)?.length, 20);
  assert.ok(!thirtyD.includes(">PCA</text>"));
  assert.ok(thirtyD.includes(">code30</text>"));
});

Deno.test("invalid experiments are rejected", async () => {
  const cases: [string, (input: Json) => void, RegExp][] = [
    [
      "scatter size",
      (input) => (input.experiments[0].scatter = new Float32Array(3)),
      /experiments\[0\]\.scatter has 3 values, expected 600/,
    ],
    [
      "grid size",
      (input) => (input.experiments[0].reconstructions = new Float32Array(5)),
      /experiments\[0\]\.reconstructions has 5 values/,
    ],
    [
      "name",
      (input) => (input.experiments[0].name = "../x"),
      /experiments\[0\]\.name is "\.\.\/x"/,
    ],
    [
      "duplicate",
      (input) => (input.experiments[1].name = "linear"),
      /experiments\[1\]\.name "linear" is a duplicate/,
    ],
    [
      "NaN",
      (input) => (input.experiments[1].testMse = NaN),
      /experiments\[1\]\.testMse is NaN/,
    ],
    [
      "per-class",
      (input) => (input.embedding.pca.perClassMse = [0.1]),
      /embedding\.pca\.perClassMse has 1 values, expected 10/,
    ],
  ];

  for (const [name, spoil, message] of cases) {
    const dir = await Deno.makeTempDir({ prefix: "report-test-" });
    try {
      const input = makeSampleReportInput({
        experiments: ["linear", "baseline"],
      });
      spoil(input);
      await assert.rejects(
        writeReport(input, join(dir, "latest")),
        message,
        name,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});
