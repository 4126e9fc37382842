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
  narrowScreenHint:
    "On this narrow screen the figures keep a legible size: swipe a figure sideways to see all of it.",
  scatterSample: (protocol, count, perClass) =>
    protocol === "balanced"
      ? `${count} training images, the first ${perClass} of each class`
      : `first ${count} training images`,
  bundledSource: (packageVersion) => `bundled ${packageVersion}`,
  adamSettings: "Adam (beta1 0.9, beta2 0.999, epsilon 1e-7)",
  initializerSettings: "Glorot uniform, zero biases",
  classNames: {},
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

  embeddingHeading: "Embedding quality",
  embeddingExplanation: (knnK, trustK, sample) =>
    `kNN accuracy is the share of test images whose class wins the vote of the ${knnK} training ` +
    "images with the nearest 2-D codes. Trustworthiness, from 0 to 1 with 1 best, penalises " +
    `codes whose ${trustK} nearest neighbours in 2-D are not among their nearest in pixel space, ` +
    `measured on the first ${sample} test images.`,
  knnAccuracyRow: (k) => `kNN accuracy (k = ${k})`,
  trustworthinessRow: (k) => `Trustworthiness (k = ${k})`,
  perClassMseRow: (classTitle, className) =>
    `Test MSE per pixel, ${classTitle.toLowerCase()} ${className}`,

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

  seedsHeading: "Seeds",
  seedSentence: (seed) =>
    `The model of the figures above was trained with random seed ${seed}.`,
  repeatsIntro: (count, epochs) =>
    `The same configuration was trained ${count} times with different seeds, ` +
    `${epochs} epoch${
      epochs === 1 ? "" : "s"
    } each. The first seed's model is the one in the figures.`,
  seedHeader: "Seed",
  finalTrainLossHeader: "Final train loss",
  finalValidationLossHeader: "Final validation loss",
  figuresModelMark: "(figures)",
  medianRow: "Median",
  rangeRow: "Range",

  experimentsHeading: "Experiments",
  experimentsIntro:
    "Each named experiment trains its own autoencoder from a file in experiments/ on the same " +
    "images as the main model, with that file's layers, activations and epochs. Its PCA baseline " +
    "has as many components as its code unless the file sets another number. A dash marks a " +
    "measure that needs a 2-D code.",
  experimentHeader: "Experiment",
  codeSizeHeader: "Code size",
  parametersHeader: "Parameters",
  epochsHeader: "Epochs",
  trainMseHeader: "Train MSE",
  testMseHeader: "Test MSE",
  pcaTestMseHeader: "PCA test MSE",
  knnAccuracyHeader: "kNN accuracy",
  trustworthinessHeader: "Trustworthiness",
  trainingSecondsHeader: "Training seconds",
  notApplicable: "—",
  experimentNotesLabel: "Notes",
  pcaComponentsColumn: (components) =>
    `PCA (${components} component${components === 1 ? "" : "s"})`,
  trainCrossEntropyRow: "Train cross-entropy per pixel",
  testCrossEntropyRow: "Test cross-entropy per pixel",
  testSsePerImageRow: "Test squared error per image",
  gapToPca: (percent, components, above) =>
    `Its test MSE is ${percent} ${
      above ? "above" : "below"
    } that of PCA with ${components} ` +
    `component${components === 1 ? "" : "s"}.`,
  linearBound: (epochs, percent, components, above) =>
    "Every layer is linear, so the network computes a linear map of rank at most " +
    `${components}, and no such map reconstructs the training images better than PCA with ` +
    `${components} component${
      components === 1 ? "" : "s"
    }. Its loss should therefore approach ` +
    `PCA's line from above. After ${epochs} epoch${
      epochs === 1 ? "" : "s"
    } its test MSE is ` +
    `${percent} ${above ? "above" : "below"} PCA's.`,
  trainingFacts: (epochs, seconds, pretraining) =>
    `Trained for ${epochs} epoch${epochs === 1 ? "" : "s"} in ${seconds} s` +
    (pretraining === null
      ? "."
      : pretraining.seconds === null
      ? `, after RBM pretraining of ${pretraining.epochs} epochs per RBM.`
      : `, of which RBM pretraining of ${pretraining.epochs} epochs per RBM took ${pretraining.seconds} s.`),
  reusedSentence:
    "The model was loaded from the earlier report in the output folder instead of trained again; " +
    "the seconds are those of its original training.",
  rbmFollowsPaper: (epochs) =>
    "Like Hinton and Salakhutdinov (2006), this run pretrains the layers as a stack of restricted " +
    "Boltzmann machines with one step of contrastive divergence (CD-1), here for " +
    `${epochs} epoch${
      epochs === 1 ? "" : "s"
    } per RBM. Unlike the paper, it fine-tunes the ` +
    "unrolled autoencoder with Adam on the MSE instead of conjugate gradient on the cross-entropy, " +
    "so the table gives the cross-entropy beside the MSE. The notes above give the details.",
  compareWith: (other, mse, otherMse, lower, percent) =>
    lower
      ? `Its test MSE (${mse}) is ${percent} lower than that of ${other} (${otherMse}).`
      : `Its test MSE (${mse}) is not lower than that of ${other} (${otherMse}): it is ${percent} higher.`,
  paperSseHeading: "Squared error per image",
  paperSseIntro:
    "Hinton and Salakhutdinov (2006) compare 30-D codes of MNIST by the squared error per test " +
    "image, summed over the 784 pixels.",
  modelHeader: "Model",
  sourceHeader: "Source",
  thisRun: "this run",
  paperSource: "paper, Fig. 2",
  paperAutoencoderRow: "Autoencoder, 30-D code",
  paperLogisticPcaRow: "Logistic PCA, 30 components",
  paperPcaRow: "PCA, 30 components",
  paperSseNote:
    "The paper's numbers were measured with its own MNIST protocol, not in this run, so they " +
    "show the scale of its result rather than a like-for-like comparison.",
  experimentLossCaption: (name, components) =>
    `Train and validation loss (MSE per pixel) of the ${name} model per epoch. The solid red line is the ` +
    `test MSE of PCA with ${components} component${
      components === 1 ? "" : "s"
    } and the dashed ` +
    "grey line is the error of predicting the mean training image.",
  experimentScatterCaption: (name, points, description, colourBy) =>
    `The 2-D codes of the ${name} model for the same ${points} images as the main scatter (${description}), ` +
    `coloured by ${colourBy}.`,
  experimentGridCaption: (name, count, codeSize, withPca) =>
    withPca
      ? `The first ${count} images of the reconstruction sample (top) and their reconstructions ` +
        `from ${codeSize} numbers each: PCA (middle) and the ${name} model (bottom).`
      : `The first ${count} images of the reconstruction sample (top) and their reconstructions ` +
        `by the ${name} model from ${codeSize} numbers each (bottom). The report stores PCA's ` +
        "reconstructions only for 2 components, so this grid has no PCA row.",

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
  pcaComponentsRuleLabel: (components) =>
    `PCA (${components} component${components === 1 ? "" : "s"})`,
  experimentLossTitle: (name) => `${name}: reconstruction error per epoch`,
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
  experimentLossAlt: (name, pcaMse, components) =>
    `Train and validation loss of the ${name} model per epoch, with the test MSE of PCA with ${components} ` +
    `component${
      components === 1 ? "" : "s"
    } (${pcaMse}) and the mean-image baseline as horizontal lines`,
  experimentScatterAlt: (name, points) =>
    `Scatter plot of the 2-D codes of the ${name} model for ${points} images, coloured by class`,
  experimentGridAlt: (name, columns, withPca) =>
    `Reconstruction grid of ${columns} images: originals in the top row, ` +
    (withPca ? "PCA reconstructions in the middle row and " : "") +
    `reconstructions by the ${name} model in the bottom row`,

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
    "output unit. Decoding the first " +
    `${codes} codes of the scatter sample with these weights differs from the float32 decoder by ` +
    `at most ${max} and on average ${mean} per pixel, with intensities in [0, 1].`,
  explorerPcaPrecision:
    "PCA's mean image and components are stored as float32, so its decodings are exact up to " +
    "float32 rounding. Intensities outside [0, 1] are clamped for display.",
  decodedCaption: (panel) => `${panel} decoding`,
  decodedAlt: (panel, x, y) =>
    `Image that ${panel} decodes from the code (${x}, ${y})`,
  planeRole: "2-D plane",
  planeLabel: (panel) =>
    `${panel} plane: arrow keys move the crosshair, and the decoded image is shown beside the chart`,
  classFilterLabel: "Classes shown",
  codeStatus: (panel, x, y) => `${panel}: code (${x}, ${y})`,
  nearestPoint: (classTitle, className) => `${classTitle} ${className}`,
};
