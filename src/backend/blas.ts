/**
 * The system BLAS library through Deno's FFI: single-precision GEMM for the
 * matrix products of training and PCA, plus thread control.
 *
 * OpenBLAS on Linux (`libopenblas.so.0`), Apple's Accelerate on macOS and
 * `libopenblas.dll` on Windows are tried in that order. The environment
 * variable `HS2006_BLAS_LIBRARY` names another library file to load instead.
 *
 * @module
 */

/** Name of the environment variable that overrides the BLAS library path. */
export const BLAS_LIBRARY_ENV = "HS2006_BLAS_LIBRARY";

const ROW_MAJOR = 101;
const NO_TRANSPOSE = 111;
const TRANSPOSE = 112;
const UPPER = 121;

const SYMBOLS = {
  cblas_sgemm: {
    parameters: [
      "i32", // order
      "i32", // transA
      "i32", // transB
      "i32", // m
      "i32", // n
      "i32", // k
      "f32", // alpha
      "buffer", // a
      "i32", // lda
      "buffer", // b
      "i32", // ldb
      "f32", // beta
      "buffer", // c
      "i32", // ldc
    ],
    result: "void",
  },
  cblas_ssyrk: {
    parameters: [
      "i32", // order
      "i32", // uplo
      "i32", // trans
      "i32", // n
      "i32", // k
      "f32", // alpha
      "buffer", // a
      "i32", // lda
      "f32", // beta
      "buffer", // c
      "i32", // ldc
    ],
    result: "void",
    optional: true,
  },
  // LAPACK's symmetric eigensolver, Fortran calling convention: every argument
  // by reference, then the hidden lengths of the two character arguments.
  ssyevd_: {
    parameters: [
      "buffer", // jobz
      "buffer", // uplo
      "buffer", // n
      "buffer", // a
      "buffer", // lda
      "buffer", // w
      "buffer", // work
      "buffer", // lwork
      "buffer", // iwork
      "buffer", // liwork
      "buffer", // info
      "usize", // length of jobz
      "usize", // length of uplo
    ],
    result: "void",
    optional: true,
  },
  openblas_set_num_threads: {
    parameters: ["i32"],
    result: "void",
    optional: true,
  },
  openblas_get_num_threads: { parameters: [], result: "i32", optional: true },
  openblas_get_config: { parameters: [], result: "pointer", optional: true },
} as const;

/** A loaded BLAS library. */
export interface Blas {
  /** The library file that was opened. */
  path: string;
  /** The library's own description (OpenBLAS's build configuration), or its file name. */
  description: string;
  /** Threads the library uses for one product. */
  threads: number;
  /**
   * Computes `c = a · b` (or with `a`, `b` transposed) for row-major matrices,
   * where `op(a)` is `[m, k]` and `op(b)` is `[k, n]`; `c` is `[m, n]`.
   */
  gemm(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    n: number,
    k: number,
    transposeA: boolean,
    transposeB: boolean,
    beta?: number,
  ): void;
  /**
   * Computes the upper triangle of `c = aᵀ · a` for a row-major `a` of
   * `[k, n]` (the Gram matrix), or returns false when the library lacks
   * `cblas_ssyrk`.
   */
  syrk(a: Float32Array, c: Float32Array, n: number, k: number): boolean;
  /**
   * Computes all eigenvalues (ascending) and eigenvectors of the symmetric
   * `[n, n]` matrix `a` with LAPACK's ssyevd; eigenvector i is row i of the
   * returned `vectors`. Returns null when the library lacks LAPACK.
   */
  symmetricEigen(
    a: Float32Array,
    n: number,
  ): { values: Float32Array; vectors: Float32Array } | null;
  /** Sets the number of threads, where the library allows it. */
  setThreads(threads: number): void;
  /** Closes the library. */
  close(): void;
}

/** Library names tried, in order, when no path is given. */
export function defaultBlasCandidates(os: string = Deno.build.os): string[] {
  if (os === "darwin") {
    return ["/System/Library/Frameworks/Accelerate.framework/Accelerate"];
  }
  if (os === "windows") return ["libopenblas.dll", "openblas.dll"];
  return ["libopenblas.so.0", "libopenblas.so"];
}

/**
 * Opens the BLAS library: the path given, else `HS2006_BLAS_LIBRARY`, else the
 * first default candidate that loads. Throws an Error that lists every path
 * tried and why each failed.
 */
export function loadBlas(path?: string, threads?: number): Blas {
  const override = path ?? Deno.env.get(BLAS_LIBRARY_ENV);
  const candidates = override ? [override] : defaultBlasCandidates();
  const failures: string[] = [];

  for (const candidate of candidates) {
    try {
      const library = Deno.dlopen(candidate, SYMBOLS);
      return wrap(candidate, library, threads ?? navigator.hardwareConcurrency);
    } catch (error) {
      failures.push(`"${candidate}": ${(error as Error).message}`);
    }
  }

  throw new Error(
    `Cannot load a BLAS library: ${failures.join("; ")}. Install OpenBLAS ` +
      `(Debian: apt-get install libopenblas0-pthread) or set ${BLAS_LIBRARY_ENV} ` +
      `to the path of a library that exports cblas_sgemm.`,
  );
}

function wrap(
  path: string,
  library: Deno.DynamicLibrary<typeof SYMBOLS>,
  threads: number,
): Blas {
  const symbols = library.symbols;

  const setThreads = (count: number) =>
    symbols.openblas_set_num_threads?.(count);
  setThreads(threads);

  const configPointer = symbols.openblas_get_config?.() ?? null;
  const description = configPointer
    ? new Deno.UnsafePointerView(configPointer).getCString()
    : path;

  return {
    path,
    description,
    get threads() {
      return symbols.openblas_get_num_threads?.() ?? threads;
    },
    gemm(a, b, c, m, n, k, transposeA, transposeB, beta = 0) {
      symbols.cblas_sgemm(
        ROW_MAJOR,
        transposeA ? TRANSPOSE : NO_TRANSPOSE,
        transposeB ? TRANSPOSE : NO_TRANSPOSE,
        m,
        n,
        k,
        1,
        a,
        transposeA ? m : k,
        b,
        transposeB ? k : n,
        beta,
        c,
        n,
      );
    },
    syrk(a, c, n, k) {
      if (symbols.cblas_ssyrk == null) return false;
      symbols.cblas_ssyrk(ROW_MAJOR, UPPER, TRANSPOSE, n, k, 1, a, n, 0, c, n);
      return true;
    },
    symmetricEigen(a, n) {
      if (symbols.ssyevd_ == null) return null;
      return symmetricEigen(symbols.ssyevd_, a, n);
    },
    setThreads,
    close: () => library.close(),
  };
}

type Ssyevd = NonNullable<
  Deno.DynamicLibrary<typeof SYMBOLS>["symbols"]["ssyevd_"]
>;

function symmetricEigen(
  ssyevd: Ssyevd,
  matrix: Float32Array,
  n: number,
): { values: Float32Array; vectors: Float32Array } | null {
  // LAPACK reads column-major, but a symmetric matrix is its own transpose;
  // the eigenvectors come back as columns, which row-major reads as rows.
  const vectors = matrix.slice();
  const values = new Float32Array(n);
  const jobz = new Uint8Array(["V".charCodeAt(0)]);
  const uplo = new Uint8Array(["U".charCodeAt(0)]);
  const size = new Int32Array([n]);
  const info = new Int32Array(1);

  // First call: workspace query (lwork = liwork = -1).
  const workQuery = new Float32Array(1);
  const iworkQuery = new Int32Array(1);
  ssyevd(
    jobz,
    uplo,
    size,
    vectors,
    size,
    values,
    workQuery,
    new Int32Array([-1]),
    iworkQuery,
    new Int32Array([-1]),
    info,
    1n,
    1n,
  );
  if (info[0] !== 0) return null;

  const work = new Float32Array(Math.ceil(workQuery[0]));
  const iwork = new Int32Array(iworkQuery[0]);
  ssyevd(
    jobz,
    uplo,
    size,
    vectors,
    size,
    values,
    work,
    new Int32Array([work.length]),
    iwork,
    new Int32Array([iwork.length]),
    info,
    1n,
    1n,
  );
  return info[0] === 0 ? { values, vectors } : null;
}
