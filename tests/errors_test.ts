import assert from "node:assert/strict";

import {
  DataError,
  DownloadError,
  exitCodeFor,
  formatError,
  isExpectedError,
  OutputError,
  UsageError,
} from "../src/errors.ts";

Deno.test("exitCodeFor each error class", () => {
  assert.equal(exitCodeFor(new DataError("bad data")), 1);
  assert.equal(exitCodeFor(new UsageError("bad flag")), 2);
  assert.equal(exitCodeFor(new DownloadError("no network")), 1);
  assert.equal(exitCodeFor(new OutputError("read-only")), 1);
  assert.equal(exitCodeFor(new TypeError("bug")), 1);
  assert.equal(exitCodeFor("thrown string"), 1);
  assert.equal(exitCodeFor(undefined), 1);
});

Deno.test("error classes keep their names", () => {
  assert.equal(new DataError("x").name, "DataError");
  assert.equal(new UsageError("x").name, "UsageError");
  assert.ok(isExpectedError(new UsageError("x")));
  assert.ok(!isExpectedError(new Error("x")));
});

Deno.test("formatError expected error has no stack", () => {
  const text = formatError(new DataError('Cannot read IDX file "a": empty.'));

  assert.equal(text, 'error: Cannot read IDX file "a": empty.');
});

Deno.test("formatError unexpected error has stack", () => {
  const text = formatError(new TypeError("undefined is not a function"));

  assert.match(text, /^error: TypeError: undefined is not a function/);
  assert.match(text, /\n\s+at /);
});

Deno.test("formatError debug shows cause chain", () => {
  const cause = new Error("Is a directory (os error 21)");
  const text = formatError(new DataError("Cannot read", { cause }), {
    debug: true,
  });

  assert.match(text, /^error: DataError: Cannot read/);
  assert.match(text, /\ncaused by: Error: Is a directory/);
});

Deno.test("formatError non-error value", () => {
  assert.equal(formatError("plain"), "error: plain");
});
