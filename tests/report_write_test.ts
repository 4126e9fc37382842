import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { OutputError } from "../src/errors.ts";
import {
  checkOutputWritable,
  EXPLORER_FILES,
  InvalidReportInputError,
  makeSampleReportInput,
  REPORT_FILES,
  type ReportStep,
  writeReport,
} from "../src/report/mod.ts";

const NOW = new Date("2026-01-02T03:04:05Z");

async function withTempDir(
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Reads every file under `dir`, keyed by relative path. */
async function readTree(
  dir: string,
  prefix = "",
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) {
      for (const [key, value] of await readTree(dir, path)) {
        files.set(key, value);
      }
    } else {
      files.set(path, await Deno.readFile(join(dir, path)));
    }
  }
  return files;
}

async function listNames(dir: string): Promise<string[]> {
  const names = [];
  for await (const entry of Deno.readDir(dir)) {
    names.push(entry.name);
  }
  return names.sort();
}

/** Collapses whitespace and decodes the entities Eta writes, to search the page as a reader sees it. */
function pageText(html: string): string {
  return html
    .replace(/\s+/g, " ")
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const root = svg.match(/<svg\b[^>]*>/)?.[0] ?? "";
  return {
    width: Number(root.match(/\swidth="([\d.]+)"/)?.[1]),
    height: Number(root.match(/\sheight="([\d.]+)"/)?.[1]),
  };
}

Deno.test("writeReport writes every file", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "reports", "latest");

    const result = await writeReport(makeSampleReportInput(), out, {
      now: NOW,
    });

    const expected = [...REPORT_FILES, ...EXPLORER_FILES].sort();
    assert.equal(result.outDir, out);
    assert.deepEqual([...result.files].sort(), expected);
    assert.deepEqual(result.warnings, []);
    const tree = await readTree(out);
    assert.deepEqual([...tree.keys()].sort(), expected);
    for (const [path, bytes] of tree) {
      assert.ok(bytes.length > 1000, `${path} has only ${bytes.length} bytes`);
    }
    assert.deepEqual(await listNames(join(dir, "reports")), ["latest"]);
  });
});

Deno.test("writeReport PNGs are twice the SVG size", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput(), out, { now: NOW });

    for (const name of ["scatter", "loss", "reconstructions"]) {
      const svg = await Deno.readTextFile(join(out, "figures", `${name}.svg`));
      const png = await Deno.readFile(join(out, "figures", `${name}.png`));
      const vector = svgSize(svg);
      const raster = pngSize(png);
      assert.ok(vector.width > 100, `${name}.svg width ${vector.width}`);
      assert.equal(
        raster.width,
        Math.ceil(vector.width * 2),
        `${name}.png width`,
      );
      assert.equal(
        raster.height,
        Math.ceil(vector.height * 2),
        `${name}.png height`,
      );
    }
  });
});

Deno.test("writeReport handles 14×14 Fashion-MNIST", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({
      height: 14,
      width: 14,
      datasetName: "fashion-mnist",
    });

    await writeReport(input, out, { now: NOW });

    const scatter = await Deno.readTextFile(
      join(out, "figures", "scatter.svg"),
    );
    assert.ok(
      scatter.includes(">Class</text>"),
      "legend title should be Class",
    );
    assert.ok(
      scatter.includes(">Ankle boot</text>"),
      "class names missing from legend",
    );
    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.ok(html.includes("Fashion-MNIST"));
    assert.ok(html.includes("14×14 pixels"));
    const grid = await Deno.readTextFile(
      join(out, "figures", "reconstructions.svg"),
    );
    assert.equal(grid.match(/<image /g)?.length, 30);
  });
});

Deno.test("index.html inlines figures without network", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput(), out, { now: NOW });

    const html = await Deno.readTextFile(join(out, "index.html"));

    assert.ok(html.includes(">PCA</text>"), "PCA panel title missing");
    assert.ok(
      html.includes(">Autoencoder</text>"),
      "Autoencoder panel title missing",
    );
    assert.equal(html.match(/<svg\b/g)?.length, 3, "expected 3 inline SVGs");
    assert.equal(html.match(/<svg role="img" aria-label="[^"]+"/g)?.length, 3);
    assert.doesNotMatch(
      html,
      /\s(src|href)="(https?:)?\/\//,
      "absolute link found",
    );
    assert.doesNotMatch(
      html,
      /@import|url\((https?:)?\/\//,
      "external CSS found",
    );
    assert.doesNotMatch(
      html,
      /<script\b[^>]*\ssrc=|<link\b(?![^>]*\shref="data:)/,
      "external scripts or linked resources found",
    );
    // An empty data: icon, so that browsers do not request /favicon.ico.
    assert.match(html, /<link rel="icon" href="data:,">/);
    assert.doesNotMatch(
      html,
      /\stitle="\//,
      "absolute local path in a title",
    );
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, "");
    for (const match of markup.matchAll(/url\(["']?([^"')]+)/g)) {
      assert.match(match[1], /^#/, `url(${match[1]}) outside the page`);
    }
    const data = JSON.parse(
      html.match(
        /<script type="application\/json" id="explorer-data">([^<]*)</,
      )![1],
    );
    assert.equal(data.sprite.src, "figures/digits.png");
    assert.match(html, /<meta name="viewport"/);
  });
});

Deno.test("report without explorer data has no script", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({
      explorer: false,
      scatterImages: false,
    });

    const result = await writeReport(input, out, { now: NOW });

    assert.deepEqual([...result.files].sort(), [...REPORT_FILES].sort());
    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.doesNotMatch(html, /<script/, "script without explorer data");
    assert.equal(html.match(/<svg\b/g)?.length, 3);
    const metrics = JSON.parse(
      await Deno.readTextFile(join(out, "metrics.json")),
    );
    assert.equal(metrics.explorer, null);
  });
});

Deno.test("index.html has the required sections", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({ points: 300 });
    await writeReport(input, out, { now: NOW });

    const html = await Deno.readTextFile(join(out, "index.html"));
    const text = pageText(html);

    assert.ok(text.includes("Hinton and Salakhutdinov (2006)"));
    assert.ok(html.includes("313:504"));
    assert.ok(
      html.includes(input.scatter.description),
      "scatter sample not described",
    );
    assert.ok(
      text.includes(
        "Train loss is the running mean over the epoch's batches, as Keras prints it; " +
          "validation loss is measured on the test set at the end of the epoch.",
      ),
      "loss sentence missing",
    );
    assert.ok(
      text.includes("first fell below PCA's test MSE at epoch 2"),
      "below-PCA epoch missing",
    );
    for (const file of input.dataset.files) {
      assert.ok(html.includes(file.sha256), `SHA-256 of ${file.role} missing`);
    }
    assert.ok(html.includes("Rendering the report"), "rendering phase missing");
    assert.ok(html.includes("0.0557"), "PCA test MSE missing");
    for (
      const path of [
        "figures/scatter.png",
        "figures/loss.svg",
        "report.md",
        "metrics.json",
      ]
    ) {
      assert.ok(html.includes(`href="${path}"`), `link to ${path} missing`);
    }
  });
});

Deno.test("index.html says when autoencoder never beat PCA", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({ epochs: 3 });
    input.autoencoder.belowPcaEpoch = null;

    await writeReport(input, out, { now: NOW });

    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.ok(
      pageText(html).includes("never fell below PCA's test MSE in 3 epochs"),
    );
  });
});

Deno.test("report.md links existing PNG figures", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput(), out, { now: NOW });

    const markdown = await Deno.readTextFile(join(out, "report.md"));

    const images = [...markdown.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((
      match,
    ) => match[1]);
    assert.deepEqual(images, [
      "figures/scatter.png",
      "figures/reconstructions.png",
      "figures/loss.png",
    ]);
    for (const image of images) {
      await Deno.stat(join(out, image));
    }
    assert.match(markdown, /^# /);
    assert.match(
      markdown,
      /\n\| Epoch \| Train loss \| Validation loss \| Seconds \|\n\| ---: /,
    );
    assert.match(markdown, /\n\| 1 \| 0\.0720 \| 0\.0640 \| /);
    assert.doesNotMatch(markdown, /\n\n\n/, "triple newline");
    assert.doesNotMatch(
      markdown,
      /&#39;|&quot;|&lt;/,
      "HTML escapes in Markdown",
    );
  });
});

Deno.test("metrics.json has every key", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    const input = makeSampleReportInput({ epochs: 4 });
    await writeReport(input, out, { now: NOW });

    const metrics = JSON.parse(
      await Deno.readTextFile(join(out, "metrics.json")),
    );

    assert.equal(metrics.generatedAt, NOW.toISOString());
    assert.equal(metrics.dataset.name, "mnist");
    assert.equal(metrics.dataset.train.count, 60000);
    assert.equal(metrics.dataset.test.count, 10000);
    assert.deepEqual(metrics.dataset.files, input.dataset.files);
    assert.equal(metrics.pca.trainMse, input.pca.trainMse);
    assert.equal(metrics.pca.testMse, input.pca.testMse);
    assert.deepEqual(metrics.meanImage, input.meanImage);
    assert.deepEqual(metrics.autoencoder.epochs, input.autoencoder.epochs);
    for (const record of metrics.autoencoder.epochs) {
      assert.deepEqual(Object.keys(record), [
        "epoch",
        "loss",
        "valLoss",
        "seconds",
      ]);
    }
    assert.equal(metrics.autoencoder.testMse, input.autoencoder.testMse);
    assert.equal(metrics.autoencoder.trainMse, input.autoencoder.trainMse);
    assert.equal(metrics.autoencoder.parameters, input.autoencoder.parameters);
    assert.deepEqual(metrics.config, input.config);
    assert.deepEqual(metrics.environment, input.environment);
    for (const [phase, seconds] of Object.entries(input.phaseSeconds)) {
      assert.equal(metrics.phaseSeconds[phase], seconds);
    }
    assert.equal(typeof metrics.phaseSeconds.rendering, "number");
    assert.ok(metrics.phaseSeconds.rendering > 0);
  });
});

Deno.test("writeReport replaces an old report", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput({ epochs: 3 }), out, { now: NOW });
    await Deno.writeTextFile(join(out, "stale.txt"), "from an older run");

    await writeReport(makeSampleReportInput({ epochs: 5 }), out, { now: NOW });

    const metrics = JSON.parse(
      await Deno.readTextFile(join(out, "metrics.json")),
    );
    assert.equal(metrics.autoencoder.epochs.length, 5);
    await assert.rejects(
      Deno.stat(join(out, "stale.txt")),
      Deno.errors.NotFound,
    );
    assert.deepEqual(
      await listNames(dir),
      ["latest"],
      "backup or temp folder left behind",
    );
  });
});

Deno.test("writeReport removes temp folders of dead runs", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    // A pid above Linux's maximum (2^22) never runs; this process runs.
    const dead = join(dir, ".latest.tmp-99999999-abcd1234");
    const alive = join(dir, `.latest.tmp-${Deno.pid}-abcd1234`);
    const other = join(dir, ".other.tmp-99999999-abcd1234");
    for (const path of [dead, alive, other]) await Deno.mkdir(path);

    await writeReport(makeSampleReportInput(), out, { now: NOW });

    // Only Linux shows which processes run (in /proc); elsewhere all stay.
    const removed = Deno.build.os === "linux" ? [dead] : [];
    const expected = [dead, alive, other, out]
      .filter((path) => !removed.includes(path))
      .map((path) => basename(path));
    assert.deepEqual(await listNames(dir), expected.sort());
  });
});

for (
  const step of ["charts", "grid", "explorer", "templates"] as ReportStep[]
) {
  Deno.test(`failure after ${step} keeps old report`, async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, "latest");
      await writeReport(makeSampleReportInput({ epochs: 3 }), out, {
        now: NOW,
      });
      const before = await readTree(out);

      await assert.rejects(
        writeReport(makeSampleReportInput({ epochs: 6, points: 200 }), out, {
          failAfter: step,
        }),
        new RegExp(`failed on purpose after the ${step} step`),
      );

      const after = await readTree(out);
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
      for (const [path, bytes] of before) {
        assert.deepEqual(after.get(path), bytes, `${path} changed`);
      }
      assert.deepEqual(
        await listNames(dir),
        ["latest"],
        "temp folder left behind",
      );
    });
  });
}

Deno.test("NaN in input is rejected", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "latest");
    await writeReport(makeSampleReportInput(), out, { now: NOW });
    const before = await readTree(out);
    const input = makeSampleReportInput();
    input.pca.testMse = NaN;

    await assert.rejects(writeReport(input, out), (error: unknown) => {
      assert.ok(error instanceof InvalidReportInputError);
      assert.match(error.message, /pca\.testMse is NaN/);
      return true;
    });

    const after = await readTree(out);
    for (const [path, bytes] of before) {
      assert.deepEqual(after.get(path), bytes, `${path} changed`);
    }
    assert.deepEqual(await listNames(dir), ["latest"]);
  });
});

Deno.test("non-finite values are named by path", async () => {
  const cases: [
    string,
    (input: ReturnType<typeof makeSampleReportInput>) => void,
    RegExp,
  ][] = [
    [
      "epoch loss",
      (input) => (input.autoencoder.epochs[2].valLoss = NaN),
      /autoencoder\.epochs\[2\]\.valLoss is NaN/,
    ],
    [
      "codes",
      (input) => (input.scatter.autoencoder[5] = Infinity),
      /scatter\.autoencoder\[5\] is Infinity/,
    ],
    [
      "pixels",
      (input) => (input.reconstructions.pca[7] = -Infinity),
      /reconstructions\.pca\[7\] is -Infinity/,
    ],
    [
      "phase",
      (input) => (input.phaseSeconds.training = NaN),
      /phaseSeconds\.training is NaN/,
    ],
    [
      "environment",
      (input) => (input.environment.threads = NaN),
      /environment\.threads is NaN/,
    ],
  ];

  for (const [name, spoil, message] of cases) {
    await withTempDir(async (dir) => {
      const input = makeSampleReportInput();
      spoil(input);

      await assert.rejects(
        writeReport(input, join(dir, "latest")),
        message,
        name,
      );

      assert.deepEqual(
        await listNames(dir),
        [],
        `${name}: something was written`,
      );
    });
  }
});

Deno.test("mismatched array sizes are rejected", async () => {
  await withTempDir(async (dir) => {
    const input = makeSampleReportInput({ height: 14, width: 14 });
    input.dataset.height = 28;
    input.dataset.width = 28;

    await assert.rejects(
      writeReport(input, join(dir, "latest")),
      /reconstructions\.original has 1960 values, expected 7840/,
    );
  });
});

Deno.test("checkOutputWritable creates parents", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "a", "b", "latest");

    const resolved = await checkOutputWritable(out);

    assert.equal(resolved, out);
    assert.deepEqual(
      await listNames(join(dir, "a", "b")),
      [],
      "probe file left behind",
    );
  });
});

Deno.test("checkOutputWritable rejects a file as parent", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "not-a-folder");
    await Deno.writeTextFile(file, "");

    await assert.rejects(
      checkOutputWritable(join(file, "latest")),
      (error: unknown) => {
        assert.ok(error instanceof OutputError);
        assert.equal(error.exitCode, 1);
        assert.ok(
          error.message.includes(file),
          "message should name the folder",
        );
        assert.ok(
          error.message.includes("--out"),
          "message should name the fix",
        );
        return true;
      },
    );
  });
});

Deno.test("checkOutputWritable rejects a file as target", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "latest");
    await Deno.writeTextFile(file, "");

    await assert.rejects(checkOutputWritable(file), (error: unknown) => {
      assert.ok(error instanceof OutputError);
      assert.match(error.message, /exists and is not a folder/);
      return true;
    });
  });
});
