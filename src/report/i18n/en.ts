/**
 * English texts of the report.
 *
 * @module
 */

import type { Messages } from "./messages.ts";

/** English message table. */
export const en: Messages = {
  htmlLang: "en",
  title: (dataset) => `PCA vs a deep autoencoder: ${dataset} in two dimensions`,

  citationAuthors: "Hinton and Salakhutdinov (2006)",
  introBody: (facts) =>
    "showed that a deep autoencoder, pretrained layer by layer as restricted Boltzmann machines " +
    "and then fine-tuned by backpropagation, learns low-dimensional codes that work much better " +
    "than principal component analysis (PCA): its 2-D codes of MNIST digits keep the classes " +
    "apart where the first two principal components mix them. This report repeats that " +
    `comparison on ${facts.dataset} (${facts.trainCount} training and ${facts.testCount} test ` +
    `images of ${facts.imageSize} pixels): PCA with 2 components against a ${facts.layers} ` +
    `autoencoder with ${facts.parameters} parameters, trained with the ${facts.optimizer} ` +
    "optimizer in TensorFlow.js. Every number below was measured in the run that wrote this report.",

  headlineHeading: "Headline numbers",
  headlineExplanation:
    "Reconstruction error as mean squared error per pixel, with pixels scaled to [0, 1].",
  measureHeader: "Measure",
  msePerPixelHeader: "MSE per pixel",
  pcaTrainRow: "PCA (2 components), training set",
  pcaTestRow: "PCA (2 components), test set",
  autoencoderFinalTrainLossRow: (epoch) =>
    `Autoencoder, final train loss (epoch ${epoch}, running mean)`,
  autoencoderFinalValLossRow: (epoch) =>
    `Autoencoder, final validation loss (epoch ${epoch})`,
  autoencoderTrainRow: "Autoencoder, training set after training",
  autoencoderTestRow: "Autoencoder, test set after training",
  meanImageTrainRow: "Mean image baseline, training set",
  meanImageTestRow: "Mean image baseline, test set",
  comparisonBetter: (percent, autoencoder, pca) =>
    `On the test set the autoencoder's error is ${percent} of PCA's ` +
    `(${autoencoder} against ${pca} per pixel).`,
  comparisonWorse: (percent, autoencoder, pca) =>
    `On the test set the autoencoder's error is ${percent} of PCA's ` +
    `(${autoencoder} against ${pca} per pixel), so it did not beat PCA.`,
  belowPcaNever: (epochs) =>
    `The autoencoder's validation loss never fell below PCA's test MSE in ${epochs} ` +
    `epoch${epochs === 1 ? "" : "s"}.`,
  belowPcaAt: (epoch, epochs) =>
    `The autoencoder's validation loss first fell below PCA's test MSE at epoch ${epoch} of ${epochs}.`,
  variance: (percents) =>
    `PCA's two components explain ${
      percents.join(" and ")
    } of the pixel variance of the training set.`,

  codesHeading: "Two-dimensional codes",
  scatterCaption: (points, description, colourBy) =>
    `The 2-D codes of ${points} images (${description}), coloured by ${colourBy}. ` +
    "Left: the first two principal components. " +
    "Right: the activations of the autoencoder’s 2-unit code layer. Each panel has its own scales.",
  download: "Download",
  vectorVersion: "Vector version",

  reconstructionsHeading: "Reconstructions",
  reconstructionsCaption: (count) =>
    `The first ${count} images of the reconstruction sample (top) and their reconstructions ` +
    "from 2 numbers each: PCA (middle) and the autoencoder (bottom). " +
    "Intensity 0 is black and 1 is white.",

  lossHeading: "Loss per epoch",
  lossExplanation:
    "Train loss is the running mean over the epoch's batches, as Keras prints it; " +
    "validation loss is measured on the test set at the end of the epoch.",
  epochHeader: "Epoch",
  trainLossHeader: "Train loss",
  validationLossHeader: "Validation loss",
  secondsHeader: "Seconds",
  lossCaption:
    "Train and validation loss (MSE per pixel) per epoch. The solid red line is PCA’s test MSE " +
    "and the dashed grey line is the error of predicting the mean training image for every test image.",

  runHeading: "Run facts",
  dataHeading: "Data",
  source: (source) => `Source: ${source}.`,
  fileHeader: "File",
  nameHeader: "Name",
  sizeHeader: "Size",
  sha256Header: "SHA-256",
  configHeading: "Configuration",
  environmentHeading: "Environment",
  phasesHeading: "Time per phase",
  phaseHeader: "Phase",
  settingHeader: "Setting",
  keyHeader: "Key",
  valueHeader: "Value",
  configLabels: {
    epochs: "Epochs",
    batchSize: "Batch size",
    learningRate: "Learning rate",
    seed: "Random seed",
    trainSize: "Training images used",
    layerSizes: "Layer sizes",
    activation: "Hidden activation",
    outputActivation: "Output activation",
    optimizer: "Optimizer",
    kernelInitializer: "Weight initializer",
  },
  trainableParameters: "Trainable parameters",
  phaseLabels: {
    load: "Loading data",
    pca: "PCA",
    training: "Training",
    evaluation: "Evaluation",
    rendering: "Rendering the report",
  },
  totalRow: "Total",
  fileRoles: {
    trainImages: "Training images",
    trainLabels: "Training labels",
    testImages: "Test images",
    testLabels: "Test labels",
  },
  none: "none",

  written: (time) => `Written ${time}.`,
  sameReportAs: "The same report as",
  everyNumberAs: "every number as",

  pcaPanelTitle: "PCA",
  autoencoderPanelTitle: "Autoencoder",
  componentAxis: (index) => `Component ${index}`,
  codeUnitAxis: (index) => `Code unit ${index}`,
  legendDigit: "Digit",
  legendClass: "Class",
  lossChartTitle: "Reconstruction error per epoch",
  epochAxis: "Epoch",
  mseAxis: "MSE per pixel",
  trainLossSeries: "Train loss",
  validationLossSeries: "Validation loss",
  pcaRuleLabel: "PCA (2 components)",
  meanImageRuleLabel: "Mean image",
  gridRows: ["Original", "PCA", "Autoencoder"],

  scatterAlt: (points, description) =>
    `Two scatter plots of the 2-D codes of ${points} images (${description}), ` +
    "coloured by class: PCA on the left, the autoencoder on the right",
  lossAlt: (pcaMse, meanImageMse) =>
    "Train and validation loss of the autoencoder per epoch, with PCA's test MSE " +
    `(${pcaMse}) and the mean-image baseline (${meanImageMse}) as horizontal lines`,
  reconstructionsAlt: (columns) =>
    `Reconstruction grid of ${columns} images: originals in the top row, ` +
    "PCA reconstructions in the middle row and autoencoder reconstructions in the bottom row",

  explorerHeading: "Explorer",
  explorerIntro:
    "Every point of either plane is a code that the model turns back into an image. " +
    "The crosshair marks a code and the image beside the chart is its decoding, computed in this page " +
    "from the embedded weights. Points show their image and class in a tooltip, and the class " +
    "buttons hide or show classes.",
  explorerInstructions:
    "Move the pointer over a panel or tap it. With the keyboard, focus a panel with Tab and move " +
    "the crosshair with the arrow keys (hold Shift for larger steps).",
  explorerNoScript:
    "The explorer needs JavaScript. The figures and tables of this report work without it.",
  explorerPrecision: (max, mean, codes) =>
    "The page stores the autoencoder's decoder as 16-bit integers with one float32 scale per " +
    "output unit. Decoding the " +
    `${codes} codes of the scatter sample with these weights differs from the float32 decoder by ` +
    `at most ${max} and on average ${mean} per pixel, with intensities in [0, 1].`,
  explorerPcaPrecision:
    "PCA's mean image and components are stored as float32, so its decodings are exact up to " +
    "float32 rounding. Intensities outside [0, 1] are clamped for display.",
  decodedCaption: (panel) => `${panel} decoding`,
  decodedAlt: (panel, x, y) =>
    `Image that ${panel} decodes from the code (${x}, ${y})`,
  planeLabel: (panel) =>
    `${panel} plane: arrow keys move the crosshair, and the decoded image is shown beside the chart`,
  classFilterLabel: "Classes shown",
  codeStatus: (panel, x, y) => `${panel}: code (${x}, ${y})`,
  nearestPoint: (classTitle, className) => `${classTitle} ${className}`,
};
