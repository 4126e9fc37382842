import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, runDeno } from "./subprocess.ts";

/** One exported symbol of `deno doc --json`, with the parts this test reads. */
interface DocSymbol {
  name: string;
  declarations: {
    location: { filename: string; line: number };
    jsDoc?: { doc?: string; tags?: { kind: string }[] };
  }[];
}

Deno.test("deno doc --lint mod.ts reports nothing", async () => {
  const result = await runDeno(["doc", "--lint", "mod.ts"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

Deno.test("every export of mod.ts has JSDoc and an example", async () => {
  const result = await runDeno(["doc", "--json", "mod.ts"]);
  assert.equal(result.code, 0, result.stderr);
  const nodes = JSON.parse(result.stdout).nodes as Record<
    string,
    { symbols: DocSymbol[] }
  >;
  const symbols = Object.values(nodes)[0].symbols;
  assert.ok(symbols.length > 40, `only ${symbols.length} exports found`);

  const missing = symbols.filter((symbol) =>
    !symbol.declarations.some((declaration) =>
      (declaration.jsDoc?.doc ?? "").trim() !== "" &&
      (declaration.jsDoc?.tags ?? []).some((tag) => tag.kind === "example")
    )
  ).map((symbol) => {
    const { filename, line } = symbol.declarations[0].location;
    return `${symbol.name} (${filename.replace(`file://${ROOT}`, "")}:${line})`;
  });
  assert.deepEqual(missing, [], `exports without JSDoc or @example`);
});

Deno.test("examples in the public API type-check", async () => {
  const result = await runDeno(["check", "--doc", "mod.ts", "src/"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

Deno.test("README examples type-check against mod.ts", async () => {
  // The READMEs import the published package by its jsr: specifier, which
  // this import map points at the checkout's mod.ts.
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const modUrl = new URL("../mod.ts", import.meta.url).href;
  const importMap = {
    imports: {
      ...config.imports,
      [`jsr:${config.name}`]: modUrl,
      [`jsr:${config.name}@${config.version}`]: modUrl,
    },
  };
  const dir = await Deno.makeTempDir();
  const importMapPath = join(dir, "import_map.json");
  await Deno.writeTextFile(importMapPath, JSON.stringify(importMap));

  const result = await runDeno([
    "check",
    "--doc-only",
    "--import-map",
    importMapPath,
    "README.md",
    "README.pt-BR.md",
  ]);
  await Deno.remove(dir, { recursive: true });
  assert.equal(result.code, 0, result.stdout + result.stderr);

  // deno check skips a file without code blocks, so make sure there are some.
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const blocks = readme.match(/^\s*```ts$/gm) ?? [];
  assert.ok(blocks.length >= 2, `README.md has ${blocks.length} ts blocks`);
});
