/**
 * Tests of the threaded wasm start. tfjs starts its wasm module once per
 * process, so each start runs in a child process. Run as a script, this file
 * starts the backend with the thread count and timeout given as arguments and
 * prints a ChildReport as JSON.
 */

import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fileURLToPath } from "node:url";
import { type Blas, loadBlas } from "../src/backend/blas.ts";
import { heapView, release, type WasmBackend } from "../src/backend/heap.ts";
import {
  requestedThreads,
  startWasmBackend,
  WASM_THREADS_ENV,
  type WasmInfo,
} from "../src/backend/wasm.ts";
import { maxDifference } from "./arrays.ts";

const TOLERANCE = 1e-4;

/** What a child process reports. */
interface ChildReport {
  info: WasmInfo;
  /** Whether the wasm heap is a SharedArrayBuffer. */
  sharedHeap: boolean;
  /** Whether `URL.createObjectURL` and the global `Worker` are the originals again. */
  globalsRestored: boolean;
  /** [128, 784] x [784, 512] through tf.matMul. */
  product: number[];
  /** Max difference of cblas_sgemm on heap views from tf.matMul, or null without BLAS. */
  blasDifference: number | null;
}

function tryLoadBlas(): Blas | null {
  try {
    return loadBlas(undefined, 1);
  } catch {
    return null;
  }
}

/** Starts the backend, multiplies on it and prints a ChildReport as JSON. */
async function runChild(threads: number, timeoutMs: number): Promise<void> {
  const createObjectURL = URL.createObjectURL;
  const worker = globalThis.Worker;
  const info = await startWasmBackend({ threads, timeoutMs });
  const globalsRestored = URL.createObjectURL === createObjectURL &&
    globalThis.Worker === worker;

  const a = tf.randomUniform([128, 784], -1, 1, "float32", 21);
  const b = tf.randomUniform([784, 512], -1, 1, "float32", 22);
  const product = tf.matMul(a, b);
  const expected = product.dataSync();

  const backend = tf.backend() as unknown as WasmBackend;
  const sharedHeap = backend.wasm.HEAPU8.buffer instanceof SharedArrayBuffer;

  let blasDifference: number | null = null;
  const blas = tryLoadBlas();
  if (blas != null) {
    const out = backend.makeOutput([128, 512], "float32");
    blas.gemm(
      heapView(backend, a),
      heapView(backend, b),
      heapView(backend, out),
      128,
      512,
      784,
      false,
      false,
    );
    blasDifference = maxDifference(heapView(backend, out), expected);
    release(backend, out);
    blas.close();
  }

  const report: ChildReport = {
    info,
    sharedHeap,
    globalsRestored,
    product: Array.from(expected),
    blasDifference,
  };
  console.log(JSON.stringify(report));
}

/** Runs this file as a child process and returns its report. */
async function child(
  threads: number,
  timeoutMs = 10_000,
): Promise<ChildReport> {
  const script = fileURLToPath(import.meta.url);
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, String(threads), String(timeoutMs)],
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { [WASM_THREADS_ENV]: "" },
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stdout, stderr } = await command.output();
  const errorText = new TextDecoder().decode(stderr);
  assert.equal(code, 0, `child with ${threads} threads failed: ${errorText}`);
  const lines = new TextDecoder().decode(stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

if (import.meta.main) {
  await runChild(Number(Deno.args[0]), Number(Deno.args[1]));
} else {
  const blasAvailable = tryLoadBlas() != null;
  let single: ChildReport | null = null;
  let threaded: ChildReport | null = null;

  Deno.test("single-threaded start reports 1 thread", async () => {
    single = await child(1);
    assert.equal(single.info.threads, 1);
    assert.equal(single.info.notice, null);
    assert.equal(single.sharedHeap, false);
  });

  Deno.test("threaded start reports 2 threads or a notice", async () => {
    threaded = await child(2);
    assert.ok(threaded.info.simd);
    if (threaded.info.notice == null) {
      assert.equal(threaded.info.threads, 2);
      assert.equal(threaded.sharedHeap, true);
    } else {
      assert.equal(threaded.info.threads, 1);
      assert.match(
        threaded.info.notice,
        /^The wasm backend runs on 1 thread instead of 2: /,
      );
      assert.doesNotMatch(threaded.info.notice, /\n/);
    }
    assert.ok(threaded.globalsRestored);
  });

  Deno.test("threaded product matches single-threaded", () => {
    assert.ok(single != null, "the single-threaded test must run first");
    assert.ok(threaded != null, "the threaded test must run first");
    const difference = maxDifference(threaded.product, single.product);
    assert.ok(difference <= TOLERANCE, `max difference ${difference}`);
  });

  Deno.test({
    name: "BLAS reads views of the threaded heap",
    ignore: !blasAvailable,
    fn() {
      assert.ok(threaded != null, "the threaded test must run first");
      assert.notEqual(threaded.blasDifference, null);
      assert.ok(
        threaded.blasDifference! <= TOLERANCE,
        `max difference ${threaded.blasDifference}`,
      );
    },
  });

  Deno.test("timed-out threaded start falls back", async () => {
    const report = await child(2, 1);
    assert.equal(report.info.threads, 1);
    assert.match(report.info.notice ?? "", /timed out after 1 ms/);
    assert.ok(report.globalsRestored);
    assert.ok(single != null, "the single-threaded test must run first");
    const difference = maxDifference(report.product, single.product);
    assert.ok(difference <= TOLERANCE, `max difference ${difference}`);
  });

  Deno.test("requestedThreads validates counts", () => {
    assert.equal(requestedThreads(1), 1);
    assert.equal(requestedThreads(8), 8);
    for (const invalid of [0, 9, 1.5, Number.NaN]) {
      assert.throws(() => requestedThreads(invalid), RangeError);
    }
  });

  Deno.test("requestedThreads reads the environment", () => {
    const saved = Deno.env.get(WASM_THREADS_ENV);
    try {
      Deno.env.set(WASM_THREADS_ENV, "2");
      assert.equal(requestedThreads(), 2);
      assert.equal(requestedThreads(1), 1);
      Deno.env.set(WASM_THREADS_ENV, "two");
      assert.throws(() => requestedThreads(), /HS2006_WASM_THREADS "two"/);
      Deno.env.set(WASM_THREADS_ENV, "");
      assert.equal(requestedThreads(), 1);
    } finally {
      if (saved == null) Deno.env.delete(WASM_THREADS_ENV);
      else Deno.env.set(WASM_THREADS_ENV, saved);
    }
  });
}
