import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import * as tf from "@tensorflow/tfjs";
import { BOTTLENECK, buildAutoencoder } from "../src/model.ts";
import { scatterDomains, scatterSpec } from "../src/report/charts.ts";
import {
  base64ToBytes,
  decodeCode,
  float32FromBase64,
  pcaDecodeCode,
  unpackDecoder,
  writeGrayRgba,
} from "../src/report/explorer/decode.js";
import { explorerScript, scriptSafeJson } from "../src/report/explorer/mod.ts";
import {
  bytesToBase64,
  float32ToBase64,
  measureDecoderError,
  packDecoder,
  quantizeKernel,
  toDenseLayers,
} from "../src/report/explorer/pack.ts";
import { encodeSprite, SPRITE_COLUMNS } from "../src/report/explorer/sprite.ts";
import { renderSvg } from "../src/report/render.ts";
import { makeSampleReportInput } from "../src/report/sample_input.ts";
import type { DenseLayerWeights } from "../src/report/types.ts";
import { tfjsDecode } from "./tfjs_decoder.ts";
import {
  InvalidReportInputError,
  validateReportInput,
} from "../src/report/validate.ts";
import { maxDifference } from "./arrays.ts";

await tf.setBackend("cpu");

/** Reads the dense layers after the bottleneck the way the pipeline reads them. */
function decoderWeights(model: tf.LayersModel): DenseLayerWeights[] {
  const code = model.layers.findIndex((layer) => layer.name === BOTTLENECK);
  return model.layers.slice(code + 1).map((layer) => {
    const [kernel, bias] = layer.getWeights();
    return {
      units: kernel.shape[1]!,
      activation: String(layer.getConfig().activation),
      kernel: kernel.dataSync() as Float32Array,
      bias: bias.dataSync() as Float32Array,
    };
  });
}

/** Returns `count` deterministic codes spread over [-range, range]². */
function gridCodes(count: number, range: number): Float32Array {
  const codes = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    codes[2 * i] = range * Math.sin(i * 1.7);
    codes[2 * i + 1] = range * Math.cos(i * 0.9);
  }
  return codes;
}

const model = buildAutoencoder({ seed: 3 });
const decoder = decoderWeights(model);
model.dispose();

Deno.test("decodeCode equals tfjs with float32 weights", () => {
  const codes = gridCodes(50, 3);
  const expected = tfjsDecode(decoder, codes);
  const layers = toDenseLayers(decoder);

  for (let i = 0; i < 50; i++) {
    const actual = decodeCode(layers, codes.subarray(2 * i, 2 * i + 2));
    const row = expected.subarray(784 * i, 784 * (i + 1));
    assert.ok(
      maxDifference(actual, row) < 1e-5,
      `code ${i}: max difference ${maxDifference(actual, row)}`,
    );
  }
});

Deno.test("int16 decoder stays within the measured error of tfjs", () => {
  const codes = gridCodes(200, 3);
  const packed = packDecoder(decoder);
  const measured = measureDecoderError(decoder, packed, codes);
  const expected = tfjsDecode(decoder, codes);
  const layers = unpackDecoder(packed);

  let max = 0;
  let sum = 0;
  for (let i = 0; i < 200; i++) {
    const actual = decodeCode(layers, codes.subarray(2 * i, 2 * i + 2));
    for (let p = 0; p < 784; p++) {
      const difference = Math.abs(actual[p] - expected[784 * i + p]);
      max = Math.max(max, difference);
      sum += difference;
    }
  }

  assert.equal(measured.codes, 200);
  assert.ok(measured.max > 0, "int16 weights should differ from float32");
  assert.ok(measured.max < 0.001, `measured max error ${measured.max}`);
  assert.ok(
    max <= measured.max + 1e-5,
    `tfjs max error ${max} exceeds the measured ${measured.max}`,
  );
  assert.ok(
    Math.abs(sum / (200 * 784) - measured.mean) < 1e-5,
    `tfjs mean error ${sum / (200 * 784)}, measured ${measured.mean}`,
  );
});

Deno.test("quantizeKernel scales each column", () => {
  const kernel = Float32Array.from([
    0.5,
    0,
    -2,
    -1,
    0,
    4,
    0.25,
    0,
    1,
  ]);

  const { weights, scales } = quantizeKernel(kernel, 3, 3);

  assert.deepEqual([...scales], [
    Math.fround(1 / 32767),
    1,
    Math.fround(4 / 32767),
  ]);
  assert.deepEqual([...weights], [
    16384,
    0,
    -16384,
    -32767,
    0,
    32767,
    8192,
    0,
    8192,
  ]);
  for (let i = 0; i < kernel.length; i++) {
    const restored = weights[i] * scales[i % 3];
    assert.ok(
      Math.abs(restored - kernel[i]) <= scales[i % 3] / 2 + 1e-7,
      `weight ${i}: ${restored} against ${kernel[i]}`,
    );
  }
});

Deno.test("packDecoder rejects unknown activations", () => {
  const layer = {
    units: 1,
    activation: "softplus",
    kernel: new Float32Array(2),
    bias: new Float32Array(1),
  };

  assert.throws(() => packDecoder([layer]), /activation "softplus"/);
});

Deno.test("float32 base64 round-trips", () => {
  const values = Float32Array.from([0, -1.5, 3.25, 1e-30, -0]);

  const decoded = float32FromBase64(float32ToBase64(values));

  assert.deepEqual([...decoded], [...values]);
  assert.deepEqual(
    [...base64ToBytes(bytesToBase64(Uint8Array.from([0, 255, 7])))],
    [0, 255, 7],
  );
  assert.throws(() => float32FromBase64("AAAAAAA="), /not a multiple of 4/);
});

Deno.test("pcaDecodeCode adds code times components", () => {
  const pca = {
    mean: Float32Array.from([0.5, 0.25]),
    components: Float32Array.from([1, 0, 0, 2]),
  };

  assert.deepEqual([...pcaDecodeCode(pca, [0.1, -0.05])], [0.6, 0.15]);
});

Deno.test("writeGrayRgba clamps and rounds", () => {
  const rgba = new Uint8ClampedArray(16);

  writeGrayRgba([-0.5, 0.5, 1.2, 0.002], rgba);

  assert.deepEqual([...rgba], [
    0,
    0,
    0,
    255,
    128,
    128,
    128,
    255,
    255,
    255,
    255,
    255,
    1,
    1,
    1,
    255,
  ]);
});

Deno.test("explorerScript inlines decode.js once", () => {
  const script = explorerScript();

  assert.ok(script.includes("export function decodeCode"));
  assert.ok(script.includes("function startExplorer"));
  assert.doesNotMatch(script, /from "\.\/decode\.js"/);
  assert.doesNotMatch(script, /<\/script/i);
  assert.equal(scriptSafeJson({ a: "</script>" }), '{"a":"\\u003c/script>"}');
});

Deno.test("scatter marks follow the data order and domains", async () => {
  const input = makeSampleReportInput({ points: 60 });
  const domains = scatterDomains(input);
  const svg = await renderSvg(scatterSpec(input));

  const panels = [
    { codes: input.scatter.pca, domain: domains.pca, index: 0 },
    { codes: input.scatter.autoencoder, domain: domains.autoencoder, index: 1 },
  ];
  for (const { codes, domain, index } of panels) {
    assert.ok(svg.includes(`concat_${index}_group`), `panel ${index} class`);
    const marks =
      svg.split(`class="mark-symbol role-mark concat_${index}_marks"`)[1]
        .split("</g>")[0];
    const positions = [...marks.matchAll(/translate\(([-\d.]+),([-\d.]+)\)/g)]
      .map((match) => [Number(match[1]), Number(match[2])]);
    assert.equal(positions.length, 60);
    positions.forEach(([x, y], i) => {
      const expectedX = ((codes[2 * i] - domain.x[0]) /
        (domain.x[1] - domain.x[0])) * 340;
      const expectedY = ((domain.y[1] - codes[2 * i + 1]) /
        (domain.y[1] - domain.y[0])) * 340;
      assert.ok(Math.abs(x - expectedX) < 0.01, `panel ${index} point ${i} x`);
      assert.ok(Math.abs(y - expectedY) < 0.01, `panel ${index} point ${i} y`);
    });
  }
});

Deno.test("scatterSpec uses the explorer's domains", () => {
  const input = makeSampleReportInput({ points: 40 });
  const domains = scatterDomains(input);
  // deno-lint-ignore no-explicit-any
  const spec: any = scatterSpec(input);

  assert.deepEqual(spec.hconcat[0].encoding.x.scale.domain, domains.pca.x);
  assert.deepEqual(spec.hconcat[0].encoding.y.scale.domain, domains.pca.y);
  assert.deepEqual(
    spec.hconcat[1].encoding.x.scale.domain,
    domains.autoencoder.x,
  );
  for (const panel of spec.hconcat) {
    assert.equal(panel.encoding.x.scale.nice, false);
    assert.equal(panel.encoding.x.scale.padding, 0);
  }
});

Deno.test("scatterDomains widens a single value", () => {
  const input = makeSampleReportInput({ points: 3 });
  input.scatter.pca.fill(2);

  const domains = scatterDomains(input);

  assert.deepEqual(domains.pca.x, [1, 3]);
  assert.deepEqual(domains.pca.y, [1, 3]);
});

Deno.test("encodeSprite places image i by row and column", () => {
  const count = SPRITE_COLUMNS + 3;
  const images = new Float32Array(count * 4);
  for (let i = 0; i < count; i++) {
    images.fill((i % 250) / 255, i * 4, i * 4 + 4);
  }

  const png = encodeSprite(images, count, 2, 2);

  const view = new DataView(png.buffer, png.byteOffset);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  assert.equal(width, SPRITE_COLUMNS * 2);
  assert.equal(height, 4);
  const dataLength = view.getUint32(33);
  const raw = new Uint8Array(inflateSync(png.subarray(41, 41 + dataLength)));
  const pixel = (x: number, y: number) => raw[y * (width + 1) + 1 + x];
  assert.equal(pixel(0, 0), 0);
  assert.equal(pixel(2 * 7 + 1, 1), 7);
  assert.equal(pixel(2 * 2, 2), SPRITE_COLUMNS + 2);
  assert.equal(pixel(2 * 5, 3), 0, "cell after the last image");
});

Deno.test("validation rejects a decoder of the wrong size", () => {
  const cases: [
    string,
    (input: ReturnType<typeof makeSampleReportInput>) => void,
    RegExp,
  ][] = [
    [
      "kernel",
      (input) => (input.explorer!.decoder[0].kernel = new Float32Array(3)),
      /explorer\.decoder\[0\]\.kernel has 3 values, expected 32/,
    ],
    [
      "activation",
      (input) => (input.explorer!.decoder[1].activation = "softmax"),
      /explorer\.decoder\[1\]\.activation is "softmax"/,
    ],
    [
      "last layer",
      (input) => (input.explorer!.decoder.pop()),
      /last layer of explorer\.decoder has 16 units, expected 784/,
    ],
    [
      "components",
      (input) => (input.explorer!.pca.components = new Float32Array(784)),
      /explorer\.pca\.components has 784 values, expected 1568/,
    ],
    [
      "images",
      (input) => (input.scatter.images = new Float32Array(10)),
      /scatter\.images has 10 values/,
    ],
  ];

  for (const [name, spoil, message] of cases) {
    const input = makeSampleReportInput();
    spoil(input);
    assert.throws(
      () => validateReportInput(input),
      (error: unknown) => {
        assert.ok(error instanceof InvalidReportInputError, name);
        assert.match(error.message, message, name);
        return true;
      },
    );
  }
});
