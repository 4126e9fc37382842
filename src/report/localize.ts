/**
 * The texts of a report's input that come from the data, worded in the
 * report's language for display.
 *
 * @module
 */

import { ADAM_DESCRIPTION } from "../adam.ts";
import { isDatasetName } from "../data/classes.ts";
import { BUNDLED_SOURCE } from "../data/sources.ts";
import { INITIALIZER_DESCRIPTION } from "../model.ts";
import { formatCount } from "./format.ts";
import type { Messages, ReportLang } from "./i18n/mod.ts";
import type { ReportInput } from "./types.ts";

/**
 * Returns `input` with the class names, the scatter sample's description, the
 * data source, the optimizer and initializer settings, and the experiments'
 * descriptions and notes in the report's language. Only the figures, pages and explorer use it:
 * metrics.json keeps the input's own texts, so that it reads the same in
 * every language.
 */
export function localizedInput(
  input: ReportInput,
  messages: Messages,
  lang: ReportLang,
): ReportInput {
  const { dataset, scatter } = input;
  const translated = isDatasetName(dataset.name)
    ? messages.classNames[dataset.name]
    : undefined;
  const classNames = translated?.length === dataset.classNames.length
    ? [...translated]
    : dataset.classNames;

  const count = scatter.labels.length;
  const description = scatter.protocol
    ? messages.scatterSample(
      scatter.protocol,
      formatCount(count, lang),
      formatCount(Math.floor(count / classNames.length), lang),
    )
    : scatter.description;

  // Experiments' texts from their files' translations, where there are some.
  const experiments = input.experiments?.map((experiment) => {
    const texts = lang === "en" ? undefined : experiment.translations?.[lang];
    return texts ? { ...experiment, ...texts } : experiment;
  });

  // Settings and the data source that the pipeline records in English.
  const { config } = input;
  const optimizer = config.optimizer === ADAM_DESCRIPTION
    ? messages.adamSettings
    : config.optimizer;
  const kernelInitializer = config.kernelInitializer === INITIALIZER_DESCRIPTION
    ? messages.initializerSettings
    : config.kernelInitializer;
  const bundled = dataset.source.match(BUNDLED_SOURCE);
  const source = bundled ? messages.bundledSource(bundled[1]) : dataset.source;

  return {
    ...input,
    dataset: { ...dataset, classNames, source },
    config: { ...config, optimizer, kernelInitializer },
    scatter: { ...scatter, description },
    experiments,
  };
}
