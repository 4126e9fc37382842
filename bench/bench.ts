/**
 * `deno task bench`: one training epoch of the default autoencoder on the full
 * MNIST training set on each available path, against PyTorch in the same run,
 * PCA against numpy, and `deno task report` end to end with its peak memory.
 * Prints a table, writes BENCHMARKS.md and ends with `ratio_vs_pytorch=<x>`.
 *
 * Usage: deno task bench [--runs 3] [--no-write]
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { loadBlas } from "../src/backend/blas.ts";
import { locateBundledMnist } from "../src/data/sources.ts";

/** Floating-point operations of one epoch: 5.6 MFLOP per image forward and backward, 60000 images. */
const EPOCH_GFLOP = 336;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "3" },
    "no-write": { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const here = new URL(".", import.meta.url).pathname;
const root = join(here, "..");
const mnistDir = (await locateBundledMnist()).dir;
const trainImages = join(mnistDir, "train-images-idx3-ubyte");

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function run(
  command: string,
  args: string[],
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const output = await new Deno.Command(command, {
      args,
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      ok: output.success,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
    };
  } catch (error) {
    return { ok: false, stdout: "", stderr: (error as Error).message };
  }
}

function lastJson(text: string): Record<string, unknown> {
  const line = text.trim().split("\n").pop() ?? "{}";
  return JSON.parse(line);
}

/** Returns the first Python that can import torch: $BENCH_PYTHON, Debian's /usr/bin/python3, then python3 on PATH. */
async function findPython(): Promise<string | null> {
  const candidates = [
    Deno.env.get("BENCH_PYTHON"),
    "/usr/bin/python3",
    "python3",
  ].filter((name): name is string => name != null);
  for (const candidate of candidates) {
    if ((await run(candidate, ["-c", "import torch, numpy"])).ok) {
      return candidate;
    }
  }
  return null;
}

/** Runs a command while sampling its peak resident memory (VmHWM, Linux) until it exits. */
async function runWithPeakMemory(
  command: string,
  args: string[],
): Promise<{ ok: boolean; peakBytes: number | null }> {
  const child = new Deno.Command(command, {
    args,
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let peakBytes: number | null = null;
  const timer = setInterval(() => {
    try {
      const status = Deno.readTextFileSync(`/proc/${child.pid}/status`);
      const match = status.match(/VmHWM:\s+(\d+) kB/);
      if (match) peakBytes = Math.max(peakBytes ?? 0, Number(match[1]) * 1024);
    } catch {
      // Not Linux, or the process has just exited.
    }
  }, 100);
  const status = await child.status;
  clearInterval(timer);
  return { ok: status.success, peakBytes };
}

interface Row {
  name: string;
  seconds: number;
  samples: number[];
}

// 1. Our training paths.
const paths: string[] = ["wasm"];
let blasDescription = "not available";
try {
  blasDescription = loadBlas().description;
  paths.unshift("blas");
} catch (error) {
  console.error(`notice: skipping the blas path: ${(error as Error).message}`);
}
const ours: Record<string, Record<string, unknown>> = {};
for (const path of paths) {
  console.error(`timing ${runs} epochs on the ${path} path...`);
  const result = await run(Deno.execPath(), [
    "run",
    "-A",
    "bench/epoch.ts",
    "--accel",
    path,
    "--runs",
    String(runs),
  ]);
  if (!result.ok) {
    throw new Error(`Cannot time the ${path} path:\n${result.stderr}`);
  }
  ours[path] = lastJson(result.stdout);
}

// 2. PyTorch and numpy.
const python = await findPython();
const torchRows: Row[] = [];
let numpyPca: Record<string, unknown> | null = null;
let torchVersion = "not available";
if (python == null) {
  console.error(
    "notice: no python3 with torch and numpy found (apt-get install python3-torch); skipping the peers.",
  );
} else {
  for (const threads of [1, 2]) {
    console.error(`timing ${runs} PyTorch epochs on ${threads} thread(s)...`);
    const result = await run(python, [
      "bench/pytorch_epoch.py",
      String(threads),
      String(runs),
      trainImages,
    ]);
    if (!result.ok) throw new Error(`Cannot time PyTorch:\n${result.stderr}`);
    const json = lastJson(result.stdout);
    torchVersion = String(json.torch);
    const samples = json.seconds as number[];
    torchRows.push({
      name: `PyTorch ${torchVersion}, ${threads} thread(s)`,
      seconds: median(samples),
      samples,
    });
  }
  console.error("timing numpy's PCA...");
  const result = await run(python, [
    "bench/numpy_pca.py",
    String(runs),
    trainImages,
  ]);
  if (result.ok) numpyPca = lastJson(result.stdout);
}

// 3. The whole report with the defaults, and its peak memory.
console.error("running deno task report with the defaults...");
const reportDir = await Deno.makeTempDir({ prefix: "bench-report-" });
const reportStarted = performance.now();
const report = await runWithPeakMemory(Deno.execPath(), [
  "run",
  "-A",
  "main.ts",
  "--quiet",
  "--out",
  reportDir,
]);
const reportSeconds = (performance.now() - reportStarted) / 1000;
const metrics = report.ok
  ? JSON.parse(await Deno.readTextFile(join(reportDir, "metrics.json")))
  : null;
await Deno.remove(reportDir, { recursive: true });

// Table.
const bestTorch = torchRows.length
  ? Math.min(...torchRows.map((row) => row.seconds))
  : NaN;
const trainingRows: Row[] = [
  ...paths.map((path) => {
    const samples = ours[path].epochSeconds as number[];
    return {
      name: `this tool, ${path} path`,
      seconds: median(samples),
      samples,
    };
  }),
  ...torchRows,
];
const ratio = (
  seconds: number,
) => (Number.isFinite(bestTorch) ? (seconds / bestTorch).toFixed(2) : "n/a");
const lines: string[] = [
  "| training, one epoch (60000 images, batch 128) | seconds (median of " +
  runs + ") | GFLOP/s | ratio to best PyTorch |",
  "|---|---:|---:|---:|",
  ...trainingRows.map((row) =>
    `| ${row.name} | ${row.seconds.toFixed(2)} | ${
      (EPOCH_GFLOP / row.seconds).toFixed(1)
    } | ${ratio(row.seconds)} |`
  ),
];
const pcaLines = [
  "| PCA fit, 2 components, 60000 images | seconds (median of " + runs + ") |",
  "|---|---:|",
  ...paths.map((path) =>
    `| this tool, ${path} path | ${
      median(ours[path].pcaSeconds as number[]).toFixed(2)
    } |`
  ),
  ...(numpyPca
    ? [
      `| numpy ${numpyPca.numpy} (covariance + eigh) | ${
        median(numpyPca.seconds as number[]).toFixed(2)
      } |`,
    ]
    : []),
];
console.log(lines.join("\n"));
console.log();
console.log(pcaLines.join("\n"));
console.log();
console.log(
  `deno task report (defaults, full data): ${
    reportSeconds.toFixed(1)
  } s, peak memory ` +
    `${
      report.peakBytes == null
        ? "n/a"
        : (report.peakBytes / 2 ** 20).toFixed(0) + " MiB"
    }`,
);

// BENCHMARKS.md.
if (!values["no-write"]) {
  const profile = (path: string) => {
    const data = ours[path];
    const step = data.stepMilliseconds as Record<string, number>;
    const kernels = data.kernels as Record<
      string,
      { calls: number; milliseconds: number }
    >;
    return [
      `Per step (batch 128, mean of 50 steps): batch upload ${
        step.gather.toFixed(2)
      } ms, forward + backward ` +
      `${step.forwardBackward.toFixed(2)} ms, Adam ${step.adam.toFixed(2)} ms.`,
      "",
      "| kernel (one step, tf.profile) | calls | ms |",
      "|---|---:|---:|",
      ...Object.entries(kernels).sort((a, b) =>
        b[1].milliseconds - a[1].milliseconds
      ).map(([name, entry]) =>
        `| ${name} | ${entry.calls} | ${entry.milliseconds.toFixed(2)} |`
      ),
    ].join("\n");
  };
  const cpu = (() => {
    try {
      return Deno.readTextFileSync("/proc/cpuinfo").split("\n").find((line) =>
        line.startsWith("model name")
      )?.split(
        ":",
      )[1].trim() ?? Deno.build.arch;
    } catch {
      return Deno.build.arch;
    }
  })();
  const text = `# Benchmarks

Written by \`deno task bench\` on ${
    new Date().toISOString().slice(0, 10)
  }; rerun it to refresh this page. Every
number below was measured in that one run on the same machine, each the median of ${runs} runs.

Machine: ${cpu}, ${navigator.hardwareConcurrency} logical cores, ${
    (Deno.systemMemoryInfo().total / 2 ** 30).toFixed(0)
  } GiB memory, ${Deno.build.os} ${Deno.build.arch}.
Software: Deno ${Deno.version.deno}, TensorFlow.js 4.22.0 (wasm backend, SIMD), BLAS: ${blasDescription};
peer: PyTorch ${torchVersion}${numpyPca ? `, numpy ${numpyPca.numpy}` : ""} (${
    python ?? "not found"
  }).

## Training

One epoch of the default model (784-512-128-2-128-512-784, ELU, Adam, batch 128) on the 60000 MNIST
training images, without validation. GFLOP/s counts ${EPOCH_GFLOP} GFLOP per epoch (5.6 MFLOP per image
for the forward and backward passes).

${lines.join("\n")}

Targets: the blas path at most 1.5x and the wasm path at most 4x the best PyTorch epoch.

${
    paths.map((path) =>
      `### Where a step's time goes, ${path} path\n\n${profile(path)}`
    ).join("\n\n")
  }

## PCA

${pcaLines.join("\n")}

Target: at most numpy's time.

## The whole report

\`deno task report\` with the defaults (full data, 5 epochs) took ${
    reportSeconds.toFixed(1)
  } s end to end, peak resident
memory ${
    report.peakBytes == null
      ? "not measured (needs Linux /proc)"
      : (report.peakBytes / 2 ** 20).toFixed(0) + " MiB"
  }.
${
    metrics
      ? "Phases (seconds): " +
        Object.entries(metrics.phaseSeconds as Record<string, number>).map((
          [phase, seconds],
        ) => `${phase} ${seconds.toFixed(1)}`).join(", ") +
        `; accel ${metrics.environment.accel}.`
      : "The report run failed."
  }

Targets: under 60 s on the blas path, peak memory under 1.5 GB.
`;
  await Deno.writeTextFile(join(root, "BENCHMARKS.md"), text);
}

const blasSeconds = paths.includes("blas")
  ? median(ours.blas.epochSeconds as number[])
  : NaN;
console.log(
  `ratio_vs_pytorch=${
    Number.isFinite(blasSeconds / bestTorch)
      ? (blasSeconds / bestTorch).toFixed(2)
      : "n/a"
  }`,
);
