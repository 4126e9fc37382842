import assert from "node:assert/strict";

/** Reads a JSONC file whose comments are whole lines starting with `//`. */
async function readJsonWithLineComments(path: URL): Promise<unknown> {
  const text = await Deno.readTextFile(path);
  const json = text.split("\n")
    .filter((line) => !line.trimStart().startsWith("//"))
    .join("\n");
  return JSON.parse(json);
}

Deno.test("browser test config matches deno.json", async () => {
  const root = new URL("../", import.meta.url);
  const main = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", root)),
  );
  const browser = await readJsonWithLineComments(
    new URL("deno.browser.jsonc", root),
  ) as typeof main;

  assert.deepEqual(
    browser.imports,
    main.imports,
    "copy deno.json's imports into deno.browser.jsonc",
  );
  assert.equal(browser.nodeModulesDir, main.nodeModulesDir);
  assert.equal(browser.test, undefined, "deno.browser.jsonc excludes tests");
  assert.deepEqual(main.test.exclude, ["tests/browser/"]);
  assert.match(main.tasks["test:browser"], /--config deno\.browser\.jsonc/);
});
