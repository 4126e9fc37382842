/**
 * The shape of a report language's message table: every heading, caption,
 * table header, explanation and chart label the report writes.
 *
 * Values passed to the functions are already formatted for the language
 * (decimal separator, thousands separator), so a table only words them.
 *
 * @module
 */

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
  scatterCaption: (
    points: string,
    description: string,
    colourBy: string,
  ) => string;
  download: string;
  vectorVersion: string;

  reconstructionsHeading: string;
  reconstructionsCaption: (count: number) => string;

  lossHeading: string;
  lossExplanation: string;
  epochHeader: string;
  trainLossHeader: string;
  validationLossHeader: string;
  secondsHeader: string;
  lossCaption: string;

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
  meanImageRuleLabel: string;
  /** Grid row labels, top to bottom: originals, PCA, autoencoder. */
  gridRows: [string, string, string];

  scatterAlt: (points: string, description: string) => string;
  lossAlt: (pcaMse: string, meanImageMse: string) => string;
  reconstructionsAlt: (columns: number) => string;

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
  classFilterLabel: string;
  /** Status line after a keyboard move, e.g. "PCA: code (1.00, 2.00)". */
  codeStatus: (panel: string, x: string, y: string) => string;
  nearestPoint: (classTitle: string, className: string) => string;
}
