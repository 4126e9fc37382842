/**
 * The view model of the embedding-quality table: kNN accuracy,
 * trustworthiness and per-class test MSE of the main figure's PCA and
 * autoencoder codes.
 *
 * @module
 */

import { classLegendTitle } from "./charts.ts";
import {
  formatCount,
  formatMse,
  formatPercent,
  formatTrustworthiness,
} from "./format.ts";
import type { ReportLang } from "./i18n/mod.ts";
import type { Messages } from "./i18n/messages.ts";
import type { ReportInput } from "./types.ts";

/**
 * Neighbours of the kNN classifier, neighbourhood size of trustworthiness
 * and the test images it is measured on, as the pipeline measures them.
 * NOTE: these copy KNN_K, TRUSTWORTHINESS_K and TRUSTWORTHINESS_SAMPLE of
 * src/experiment_run.ts, which imports TensorFlow.js, so the report does
 * not import them; tests/report_experiments_test.ts checks that they agree.
 */
export const EMBEDDING_MEASURE_SIZES = {
  knnK: 5,
  trustworthinessK: 10,
  trustworthinessSample: 1000,
} as const;

/** A row of the embedding table: a measure of PCA and of the autoencoder. */
export interface EmbeddingRow {
  label: string;
  pca: string;
  autoencoder: string;
}

/** The embedding-quality table and the sentences that define its measures. */
export interface EmbeddingView {
  explanation: string;
  rows: EmbeddingRow[];
}

/** Builds the embedding-quality table, or returns null when the input has no embedding measures. */
export function buildEmbeddingView(
  input: ReportInput,
  t: Messages,
  lang: ReportLang,
): EmbeddingView | null {
  const { embedding } = input;
  if (!embedding) return null;

  const { knnK, trustworthinessK, trustworthinessSample } =
    EMBEDDING_MEASURE_SIZES;
  // The pipeline leaves trustworthiness unmeasured (null) on a test set too
  // small for its neighbourhoods, although the type promises a number.
  const trust = (value: number | null) =>
    value === null ? t.notApplicable : formatTrustworthiness(value, lang);
  const classTitle = classLegendTitle(input.dataset.name, t);
  const perClass = input.dataset.classNames.map((className, label) => ({
    label: t.perClassMseRow(classTitle, className),
    pca: formatMse(embedding.pca.perClassMse[label], lang),
    autoencoder: formatMse(embedding.autoencoder.perClassMse[label], lang),
  }));

  return {
    explanation: t.embeddingExplanation(
      knnK,
      trustworthinessK,
      formatCount(
        Math.min(trustworthinessSample, input.dataset.testCount),
        lang,
      ),
    ),
    rows: [
      {
        label: t.knnAccuracyRow(knnK),
        pca: formatPercent(embedding.pca.knnAccuracy, lang),
        autoencoder: formatPercent(embedding.autoencoder.knnAccuracy, lang),
      },
      {
        label: t.trustworthinessRow(trustworthinessK),
        pca: trust(embedding.pca.trustworthiness),
        autoencoder: trust(embedding.autoencoder.trustworthiness),
      },
      ...perClass,
    ],
  };
}
