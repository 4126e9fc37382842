/**
 * The run manifest (metrics.json `run` section): what a report's numbers
 * were computed from, and a key over it that decides whether a saved model
 * can be reused instead of training again.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { join } from "node:path";
import type { RepeatResult } from "./training_run.ts";
import type { DataFile, EpochRecord } from "./types.ts";

/** Version of this tool, recorded in every manifest. */
export const TOOL_VERSION = "0.1.0";

/** Folder of the saved autoencoder inside a report folder; encoder and decoder sit beside it. */
export const MODEL_DIR = "model";

/** Inputs the key covers: every one that can change a trained model's numbers. */
export interface RunIdentity {
  /** Training and architecture settings, seed included. */
  config: Record<string, unknown>;
  /** Data files by role with their SHA-256. */
  data: { role: string; sha256: string }[];
  /** Software and acceleration that ran the products (results differ in the last bits between paths). */
  environment: Record<string, unknown>;
}

/** The manifest stored in metrics.json. */
export interface RunManifest extends RunIdentity {
  /** SHA-256 of the canonical JSON of the identity. */
  key: string;
  tool: { name: string; version: string };
  /** The saved model files, relative to the report folder, with their SHA-256. */
  model: { files: { path: string; sha256: string }[] };
  /** Training results reused when the model is. */
  training: { history: EpochRecord[]; repeats: RepeatResult[] };
}

/** Orders object keys by UTF-16 code units, as Array.prototype.sort does by default. */
function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    return `{${
      entries.map(([key, item]) =>
        `${JSON.stringify(key)}:${canonicalJson(item)}`
      ).join(",")
    }}`;
  }
  return JSON.stringify(value);
}

/** Lowercase hex SHA-256 of bytes or text. */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Computes the key of a run identity. */
export function runKey(identity: RunIdentity): string {
  return sha256(canonicalJson(identity));
}

/** Builds the identity's data part from the loaded files. */
export function dataIdentity(files: DataFile[]): RunIdentity["data"] {
  return files.map((file) => ({ role: file.role, sha256: file.sha256 }));
}

/**
 * Returns the manifest of the report in `outDir` when it was made with `key`
 * and its saved model files are intact, else null with the reason.
 */
export async function findCachedRun(
  outDir: string,
  key: string,
): Promise<{ manifest: RunManifest | null; reason: string }> {
  let metrics: { run?: RunManifest; experiments?: { run?: RunManifest }[] };
  try {
    metrics = JSON.parse(await Deno.readTextFile(join(outDir, "metrics.json")));
  } catch {
    return { manifest: null, reason: "no earlier report" };
  }

  // The report's own run, or one of its experiments.
  const manifests = [
    metrics.run,
    ...(metrics.experiments ?? []).map((experiment) => experiment.run),
  ];
  const manifest = manifests.find((candidate) => candidate?.key === key);
  if (manifest == null) {
    return {
      manifest: null,
      reason: "the earlier report used other flags, data or software",
    };
  }
  for (const file of manifest.model?.files ?? []) {
    try {
      if (
        sha256(await Deno.readFile(join(outDir, file.path))) !== file.sha256
      ) {
        return {
          manifest: null,
          reason: `the saved model file ${file.path} changed`,
        };
      }
    } catch {
      return {
        manifest: null,
        reason: `the saved model file ${file.path} is missing`,
      };
    }
  }
  if (!manifest.model?.files?.length) {
    return { manifest: null, reason: "the earlier report has no saved model" };
  }
  return { manifest, reason: "" };
}
