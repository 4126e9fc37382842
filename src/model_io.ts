/**
 * Saving and loading models in the standard TensorFlow.js Layers format
 * (model.json plus a weights .bin file) on the file system. tfjs's own
 * `file://` handler exists only in tfjs-node, so these are IO handlers of
 * our own that work on the wasm backend.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";

/** Name of the weights file written beside model.json. */
export const WEIGHTS_FILE = "weights.bin";

/** Serialises a model to the files of the Layers format: `model.json` and `weights.bin`. */
export async function modelFiles(
  model: tf.LayersModel,
): Promise<Record<string, Uint8Array>> {
  let files: Record<string, Uint8Array> = {};

  await model.save(tf.io.withSaveHandler((artifacts) => {
    const weights = new Uint8Array(
      tf.io.CompositeArrayBuffer.join(
        artifacts.weightData ?? new ArrayBuffer(0),
      ),
    );
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      weightsManifest: [{
        paths: [`./${WEIGHTS_FILE}`],
        weights: artifacts.weightSpecs ?? [],
      }],
    };
    files = {
      "model.json": new TextEncoder().encode(JSON.stringify(modelJson)),
      [WEIGHTS_FILE]: weights,
    };
    return Promise.resolve({
      modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts),
    });
  }));
  return files;
}

/** Writes a model into `dir` (created if missing) in the Layers format. */
export async function saveModel(
  model: tf.LayersModel,
  dir: string,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(await modelFiles(model))) {
    await Deno.writeFile(join(dir, name), bytes);
  }
}

/** An IO handler that loads `model.json` and its weight files from a folder. */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJsonPath = join(dir, "model.json");
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(await Deno.readTextFile(modelJsonPath));
      } catch (error) {
        throw new Error(
          `Cannot load the model "${modelJsonPath}": ${
            (error as Error).message
          }. ` +
            `Point to a folder written by deno task report (its model/autoencoder folder).`,
          { cause: error },
        );
      }
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of modelJson.weightsManifest ?? []) {
        weightSpecs.push(...group.weights);
        for (const path of group.paths) {
          const bytes = await Deno.readFile(join(dir, path));
          buffers.push(
            bytes.buffer.slice(
              bytes.byteOffset,
              bytes.byteOffset + bytes.byteLength,
            ) as ArrayBuffer,
          );
        }
      }
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs,
        weightData: tf.io.CompositeArrayBuffer.join(buffers),
      };
    },
  };
}

/** Loads a Layers model saved by `saveModel` or `modelFiles`. */
export function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileLoadHandler(dir));
}
