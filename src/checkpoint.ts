/**
 * Checkpoints of an interrupted training run. Each is one file with a JSON
 * header and the float32 tensors (weights, Adam's moments). It is written to a
 * temporary name and renamed, so a kill at any moment leaves either the
 * previous checkpoint or the new one, never half of one.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { DataError } from "./errors.ts";

/** The JSON part of a checkpoint; every tensor listed in `tensors` follows it in the file. */
export interface CheckpointHeader {
  /** Format version of the file. */
  format: 1;
  /** Key of the run configuration the checkpoint belongs to. */
  key: string;
  /** Anything else the caller stores (epoch, history, generator state...). */
  state: Record<string, unknown>;
  /** Name and length (in float32 values) of each stored tensor, in file order. */
  tensors: { name: string; length: number }[];
}

/** A checkpoint read back: its header and its tensors by name. */
export interface Checkpoint {
  header: CheckpointHeader;
  tensors: Map<string, Float32Array>;
}

const MAGIC = "HS2006CK";

/**
 * Writes a checkpoint atomically (temporary file, then rename). Synchronous,
 * because training runs synchronously and a pending promise would not settle
 * before the next epoch.
 */
export function writeCheckpoint(
  path: string,
  key: string,
  state: Record<string, unknown>,
  tensors: Map<string, Float32Array>,
): void {
  const header: CheckpointHeader = {
    format: 1,
    key,
    state,
    tensors: [...tensors].map(([name, values]) => ({
      name,
      length: values.length,
    })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));

  // Layout: magic (8 bytes), header length (uint32 LE), header, padding to 4 bytes, float32 data.
  const headerEnd = align4(12 + headerBytes.length);
  const totalValues = header.tensors.reduce(
    (sum, tensor) => sum + tensor.length,
    0,
  );
  const bytes = new Uint8Array(headerEnd + totalValues * 4);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  const data = new Float32Array(bytes.buffer, headerEnd, totalValues);
  let offset = 0;
  for (const values of tensors.values()) {
    data.set(values, offset);
    offset += values.length;
  }

  Deno.mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${crypto.randomUUID()}.tmp`);
  try {
    Deno.writeFileSync(temporary, bytes);
    Deno.renameSync(temporary, path);
  } catch (error) {
    try {
      Deno.removeSync(temporary);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

/** Reads only the key of a checkpoint, or returns null when there is no readable one. */
export async function readCheckpointKey(path: string): Promise<string | null> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path);
  } catch {
    return null;
  }
  try {
    const start = new Uint8Array(12);
    if (
      (await file.read(start)) !== 12 ||
      new TextDecoder().decode(start.subarray(0, 8)) !== MAGIC
    ) return null;
    const header = new Uint8Array(
      new DataView(start.buffer).getUint32(8, true),
    );
    let read = 0;
    while (read < header.length) {
      const count = await file.read(header.subarray(read));
      if (count == null) return null;
      read += count;
    }
    return (JSON.parse(new TextDecoder().decode(header)) as CheckpointHeader)
      .key;
  } catch {
    return null;
  } finally {
    file.close();
  }
}

/** Reads a checkpoint, or returns null when the file does not exist. */
export async function readCheckpoint(path: string): Promise<Checkpoint | null> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }

  const corrupt = (detail: string) =>
    new DataError(
      `Cannot read the checkpoint "${path}": ${detail}. Delete it to start the run from epoch 1.`,
    );
  if (
    bytes.length < 12 ||
    new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC
  ) {
    throw corrupt("it does not start with the checkpoint signature");
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(
    8,
    true,
  );
  let header: CheckpointHeader;
  try {
    header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
    );
  } catch {
    throw corrupt("its header is not valid JSON");
  }

  const headerEnd = align4(12 + headerLength);
  const totalValues = header.tensors.reduce(
    (sum, tensor) => sum + tensor.length,
    0,
  );
  if (bytes.length !== headerEnd + totalValues * 4) {
    throw corrupt(
      `expected ${headerEnd + totalValues * 4} bytes, found ${bytes.length}`,
    );
  }
  const data = new Float32Array(bytes.slice(headerEnd).buffer);
  const tensors = new Map<string, Float32Array>();
  let offset = 0;
  for (const tensor of header.tensors) {
    tensors.set(tensor.name, data.subarray(offset, offset + tensor.length));
    offset += tensor.length;
  }
  return { header, tensors };
}

function align4(value: number): number {
  return Math.ceil(value / 4) * 4;
}
