import assert from "node:assert/strict";
import {
  AUTOENCODER_TITLE,
  classLegendTitle,
  lossSpec,
  MEAN_IMAGE_RULE_LABEL,
  PCA_RULE_LABEL,
  PCA_TITLE,
  scatterSpec,
} from "../src/report/charts.ts";
import { makeSampleReportInput } from "../src/report/sample_input.ts";
import { renderSvg } from "../src/report/render.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

Deno.test("scatterSpec has PCA and Autoencoder panels", () => {
  const spec: Json = scatterSpec(makeSampleReportInput({ points: 30 }));

  assert.equal(spec.hconcat.length, 2);
  assert.equal(spec.hconcat[0].title, PCA_TITLE);
  assert.equal(spec.hconcat[1].title, AUTOENCODER_TITLE);
  assert.equal(PCA_TITLE, "PCA");
  assert.equal(AUTOENCODER_TITLE, "Autoencoder");
});

Deno.test("scatterSpec colours by class with category10", () => {
  const input = makeSampleReportInput({ points: 30 });
  const spec: Json = scatterSpec(input);

  for (const panel of spec.hconcat) {
    assert.equal(panel.encoding.color.field, "class");
    assert.equal(panel.encoding.color.scale.scheme, "category10");
    assert.deepEqual(
      panel.encoding.color.scale.domain,
      input.dataset.classNames,
    );
    assert.equal(panel.encoding.color.legend.title, "Digit");
    assert.equal(panel.data.values.length, 30);
  }
  assert.equal(spec.resolve.legend.color, "shared");
  assert.equal(spec.resolve.scale.color, "shared");
});

Deno.test("scatterSpec scales are independent per panel", () => {
  const spec: Json = scatterSpec(makeSampleReportInput({ points: 30 }));

  assert.equal(spec.resolve.scale.x, "independent");
  assert.equal(spec.resolve.scale.y, "independent");
});

Deno.test("scatterSpec points are small and translucent", () => {
  const spec: Json = scatterSpec(makeSampleReportInput({ points: 30 }));

  for (const panel of spec.hconcat) {
    assert.ok(panel.mark.size >= 4, `size ${panel.mark.size}`);
    assert.ok(panel.mark.size <= 6, `size ${panel.mark.size}`);
    assert.ok(panel.mark.opacity > 0, `opacity ${panel.mark.opacity}`);
    assert.ok(panel.mark.opacity < 1, `opacity ${panel.mark.opacity}`);
    assert.equal(panel.encoding.x.axis.labels, false);
    assert.equal(panel.encoding.y.axis.labels, false);
  }
});

Deno.test("scatterSpec rows carry codes and class names", () => {
  const input = makeSampleReportInput({ points: 12 });
  const spec: Json = scatterSpec(input);
  const [pcaRows, aeRows] = spec.hconcat.map((panel: Json) =>
    panel.data.values
  );

  for (let i = 0; i < 12; i++) {
    assert.equal(pcaRows[i].x, input.scatter.pca[2 * i]);
    assert.equal(pcaRows[i].y, input.scatter.pca[2 * i + 1]);
    assert.equal(aeRows[i].x, input.scatter.autoencoder[2 * i]);
    assert.equal(aeRows[i].y, input.scatter.autoencoder[2 * i + 1]);
    assert.equal(
      pcaRows[i].class,
      input.dataset.classNames[input.scatter.labels[i]],
    );
  }
});

Deno.test("scatterSpec is deterministic", () => {
  const input = makeSampleReportInput({ points: 50 });

  assert.deepEqual(scatterSpec(input), scatterSpec(input));
});

Deno.test("classLegendTitle is Digit only for MNIST", () => {
  assert.equal(classLegendTitle("mnist"), "Digit");
  assert.equal(classLegendTitle("fashion-mnist"), "Class");
  assert.equal(classLegendTitle("other"), "Class");
});

Deno.test("lossSpec matches snapshot", () => {
  const input = makeSampleReportInput({ epochs: 2 });
  input.autoencoder.epochs = [
    { epoch: 1, loss: 0.06, valLoss: 0.05, seconds: 10 },
    { epoch: 2, loss: 0.03, valLoss: 0.035, seconds: 11 },
  ];
  input.pca.testMse = 0.0557;
  input.meanImage.testMse = 0.0671;

  const spec: Json = lossSpec(input);

  const y = {
    field: "mse",
    type: "quantitative",
    title: "MSE per pixel",
    scale: { zero: true },
    axis: { format: ".3f" },
  };
  const rule = (label: string, mse: number, color: string, dash: number[]) => [
    {
      data: { values: [{ label, mse }] },
      mark: { type: "rule", color, strokeWidth: 1.5, strokeDash: dash },
      encoding: { y },
    },
    {
      data: { values: [{ label, mse }] },
      mark: {
        type: "text",
        color,
        align: "right",
        baseline: "bottom",
        dx: -4,
        dy: -3,
        fontSize: 12,
      },
      encoding: {
        x: { value: "width" },
        y,
        text: { field: "label", type: "nominal" },
      },
    },
  ];
  assert.deepEqual(spec.layer, [
    ...rule("Mean image", 0.0671, "#7f7f7f", [6, 4]),
    ...rule("PCA (2 components)", 0.0557, "#d62728", []),
    {
      data: {
        values: [
          { epoch: 1, series: "Train loss", mse: 0.06 },
          { epoch: 1, series: "Validation loss", mse: 0.05 },
          { epoch: 2, series: "Train loss", mse: 0.03 },
          { epoch: 2, series: "Validation loss", mse: 0.035 },
        ],
      },
      mark: { type: "line", point: { size: 36, filled: true }, strokeWidth: 2 },
      encoding: {
        x: {
          field: "epoch",
          type: "quantitative",
          title: "Epoch",
          scale: { domain: [1, 2], nice: false, zero: false, padding: 12 },
          axis: { format: "d", tickMinStep: 1, grid: false },
        },
        y,
        color: {
          field: "series",
          type: "nominal",
          title: null,
          scale: {
            domain: ["Train loss", "Validation loss"],
            range: ["#1f77b4", "#ff7f0e"],
          },
          legend: { orient: "top", direction: "horizontal", labelLimit: 400 },
        },
      },
    },
  ]);
  assert.equal(spec.title, "Reconstruction error per epoch");
});

Deno.test("lossSpec labels both reference rules", () => {
  const spec: Json = lossSpec(makeSampleReportInput());
  const texts = spec.layer
    .filter((layer: Json) => layer.mark.type === "text")
    .map((layer: Json) => layer.data.values[0].label);

  assert.deepEqual(texts, [MEAN_IMAGE_RULE_LABEL, PCA_RULE_LABEL]);
  assert.equal(PCA_RULE_LABEL, "PCA (2 components)");
});

Deno.test("lossSpec widens a single-epoch domain", () => {
  const spec: Json = lossSpec(makeSampleReportInput({ epochs: 1 }));
  const line = spec.layer[spec.layer.length - 1];

  assert.deepEqual(line.encoding.x.scale.domain, [1, 2]);
});

Deno.test("renderSvg draws both panel titles", async () => {
  const svg = await renderSvg(
    scatterSpec(makeSampleReportInput({ points: 40 })),
  );

  assert.match(svg, /^<svg[^>]*width="\d+"/);
  assert.ok(svg.includes(">PCA</text>"), "PCA title missing");
  assert.ok(svg.includes(">Autoencoder</text>"), "Autoencoder title missing");
  assert.ok(svg.includes(">Digit</text>"), "legend title missing");
});

Deno.test("renderSvg draws axis titles and rule labels", async () => {
  const svg = await renderSvg(lossSpec(makeSampleReportInput()));

  assert.ok(svg.includes(">Epoch</text>"), "x axis title missing");
  assert.ok(svg.includes(">MSE per pixel</text>"), "y axis title missing");
  assert.ok(
    svg.includes(">PCA (2 components)</text>"),
    "PCA rule label missing",
  );
  assert.ok(
    svg.includes(">Mean image</text>"),
    "mean-image rule label missing",
  );
});

Deno.test("renderSvg is deterministic", async () => {
  const spec = lossSpec(makeSampleReportInput());

  assert.equal(await renderSvg(spec), await renderSvg(spec));
});
