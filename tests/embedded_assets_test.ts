import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import {
  EMBEDDED_ASSETS_PATH,
  renderEmbeddedAssets,
} from "../scripts/embed_assets.ts";
import {
  EXPERIMENT_FILES,
  EXPLORER_SCRIPTS,
  PTHREAD_WORKER_SCRIPT,
  TEMPLATES,
} from "../src/embedded_assets.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

Deno.test("embedded assets module is up to date", async () => {
  const current = await Deno.readTextFile(join(ROOT, EMBEDDED_ASSETS_PATH));
  const expected = await renderEmbeddedAssets();

  assert.ok(
    current === expected,
    `${EMBEDDED_ASSETS_PATH} differs from its source files: run "deno task embed-assets"`,
  );
});

Deno.test("embedded assets equal their files", async () => {
  for (const [name, text] of Object.entries(TEMPLATES)) {
    const file = await Deno.readTextFile(join(ROOT, "templates", name));
    assert.equal(text, file, `templates/${name}`);
  }
  for (const [name, text] of Object.entries(EXPLORER_SCRIPTS)) {
    const path = join(ROOT, "src", "report", "explorer", name);
    assert.equal(text, await Deno.readTextFile(path), name);
  }
  assert.equal(
    PTHREAD_WORKER_SCRIPT,
    await Deno.readTextFile(join(ROOT, "src", "backend", "pthread_worker.js")),
    "pthread_worker.js",
  );

  const shipped: string[] = [];
  for await (const entry of Deno.readDir(join(ROOT, "experiments"))) {
    if (entry.name.endsWith(".json")) shipped.push(entry.name);
  }
  assert.deepEqual(
    Object.keys(EXPERIMENT_FILES).map((name) => `${name}.json`).sort(),
    shipped.sort(),
  );
  for (const [name, text] of Object.entries(EXPERIMENT_FILES)) {
    const path = join(ROOT, "experiments", `${name}.json`);
    assert.equal(text, await Deno.readTextFile(path), `${name}.json`);
  }
});
