import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Runs `deno` with `args` in the repository root; returns the exit code and output. */
async function deno(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** One exported symbol of `deno doc --json`, with the parts this test reads. */
interface DocSymbol {
  name: string;
  declarations: {
    location: { filename: string; line: number };
    jsDoc?: { doc?: string; tags?: { kind: string }[] };
  }[];
}

Deno.test("deno doc --lint mod.ts reports nothing", async () => {
  const result = await deno(["doc", "--lint", "mod.ts"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

Deno.test("every export of mod.ts has JSDoc and an example", async () => {
  const result = await deno(["doc", "--json", "mod.ts"]);
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
  const result = await deno(["check", "--doc", "mod.ts", "src/"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
});
