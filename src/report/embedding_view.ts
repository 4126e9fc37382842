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
import {
  KNN_K,
  TRUSTWORTHINESS_K,
  TRUSTWORTHINESS_SAMPLE,
} from "../embedding.ts";

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

  const knnK = KNN_K;
  const trustworthinessK = TRUSTWORTHINESS_K;
  const trustworthinessSample = TRUSTWORTHINESS_SAMPLE;
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
