/**
 * Brazilian Portuguese texts of the report.
 *
 * @module
 */

import type { Messages } from "./messages.ts";

/** Brazilian Portuguese message table. */
export const ptBR: Messages = {
  htmlLang: "pt-BR",
  title: (dataset) =>
    `PCA contra um autoencoder profundo: ${dataset} em duas dimensões`,

  citationAuthors: "Hinton e Salakhutdinov (2006)",
  introBody: (facts) =>
    "mostraram que um autoencoder profundo, pré-treinado camada por camada como máquinas de " +
    "Boltzmann restritas e depois ajustado por retropropagação, aprende códigos de baixa dimensão " +
    "muito melhores que os da análise de componentes principais (PCA): seus códigos 2-D dos dígitos " +
    "do MNIST mantêm as classes separadas, enquanto as duas primeiras componentes principais as " +
    `misturam. Este relatório repete essa comparação no ${facts.dataset} (${facts.trainCount} ` +
    `imagens de treino e ${facts.testCount} de teste, de ${facts.imageSize} pixels): PCA com 2 ` +
    `componentes contra um autoencoder ${facts.layers} com ${facts.parameters} parâmetros, ` +
    `treinado com o otimizador ${facts.optimizer} no TensorFlow.js. Todos os números abaixo ` +
    "foram medidos na execução que escreveu este relatório.",

  headlineHeading: "Números principais",
  headlineExplanation:
    "Erro de reconstrução como erro quadrático médio (MSE) por pixel, com os pixels em [0, 1].",
  measureHeader: "Medida",
  msePerPixelHeader: "MSE por pixel",
  pcaTrainRow: "PCA (2 componentes), conjunto de treino",
  pcaTestRow: "PCA (2 componentes), conjunto de teste",
  autoencoderFinalTrainLossRow: (epoch) =>
    `Autoencoder, perda de treino final (época ${epoch}, média móvel)`,
  autoencoderFinalValLossRow: (epoch) =>
    `Autoencoder, perda de validação final (época ${epoch})`,
  autoencoderTrainRow: "Autoencoder, conjunto de treino após o treinamento",
  autoencoderTestRow: "Autoencoder, conjunto de teste após o treinamento",
  meanImageTrainRow: "Referência da imagem média, conjunto de treino",
  meanImageTestRow: "Referência da imagem média, conjunto de teste",
  comparisonBetter: (percent, autoencoder, pca) =>
    `No conjunto de teste, o erro do autoencoder é ${percent} do erro do PCA ` +
    `(${autoencoder} contra ${pca} por pixel).`,
  comparisonWorse: (percent, autoencoder, pca) =>
    `No conjunto de teste, o erro do autoencoder é ${percent} do erro do PCA ` +
    `(${autoencoder} contra ${pca} por pixel), portanto ele não superou o PCA.`,
  belowPcaNever: (epochs) =>
    "A perda de validação do autoencoder nunca ficou abaixo do MSE de teste do PCA em " +
    `${epochs} ${epochs === 1 ? "época" : "épocas"}.`,
  belowPcaAt: (epoch, epochs) =>
    "A perda de validação do autoencoder ficou abaixo do MSE de teste do PCA pela primeira vez " +
    `na época ${epoch} de ${epochs}.`,
  variance: (percents) =>
    `As duas componentes do PCA explicam ${
      percents.join(" e ")
    } da variância dos pixels do conjunto de treino.`,

  codesHeading: "Códigos bidimensionais",
  scatterCaption: (points, description, colourBy) =>
    `Os códigos 2-D de ${points} imagens (${description}), coloridos por ${colourBy}. ` +
    "Esquerda: as duas primeiras componentes principais. " +
    "Direita: as ativações da camada de código de 2 unidades do autoencoder. " +
    "Cada painel tem suas próprias escalas.",
  download: "Baixar",
  vectorVersion: "Versão vetorial",

  reconstructionsHeading: "Reconstruções",
  reconstructionsCaption: (count) =>
    `As primeiras ${count} imagens da amostra de reconstrução (em cima) e suas reconstruções ` +
    "a partir de 2 números cada: PCA (no meio) e o autoencoder (embaixo). " +
    "A intensidade 0 é preta e 1 é branca.",

  lossHeading: "Perda por época",
  lossExplanation:
    "A perda de treino é a média móvel sobre os lotes da época, como o Keras a exibe; " +
    "a perda de validação é medida no conjunto de teste ao fim da época.",
  epochHeader: "Época",
  trainLossHeader: "Perda de treino",
  validationLossHeader: "Perda de validação",
  secondsHeader: "Segundos",
  lossCaption:
    "Perda de treino e de validação (MSE por pixel) por época. A linha vermelha contínua é o MSE " +
    "de teste do PCA e a linha cinza tracejada é o erro de prever a imagem média de treino para " +
    "cada imagem de teste.",

  runHeading: "Dados da execução",
  dataHeading: "Dados",
  source: (source) => `Origem: ${source}.`,
  fileHeader: "Arquivo",
  nameHeader: "Nome",
  sizeHeader: "Tamanho",
  sha256Header: "SHA-256",
  configHeading: "Configuração",
  environmentHeading: "Ambiente",
  phasesHeading: "Tempo por fase",
  phaseHeader: "Fase",
  settingHeader: "Parâmetro",
  keyHeader: "Chave",
  valueHeader: "Valor",
  configLabels: {
    epochs: "Épocas",
    batchSize: "Tamanho do lote",
    learningRate: "Taxa de aprendizado",
    seed: "Semente aleatória",
    trainSize: "Imagens de treino usadas",
    layerSizes: "Tamanhos das camadas",
    activation: "Ativação oculta",
    outputActivation: "Ativação de saída",
    optimizer: "Otimizador",
    kernelInitializer: "Inicialização dos pesos",
  },
  trainableParameters: "Parâmetros treináveis",
  phaseLabels: {
    load: "Carregamento dos dados",
    pca: "PCA",
    training: "Treinamento",
    evaluation: "Avaliação",
    rendering: "Geração do relatório",
  },
  totalRow: "Total",
  fileRoles: {
    trainImages: "Imagens de treino",
    trainLabels: "Rótulos de treino",
    testImages: "Imagens de teste",
    testLabels: "Rótulos de teste",
  },
  none: "nenhum",

  written: (time) => `Escrito em ${time}.`,
  sameReportAs: "O mesmo relatório em",
  everyNumberAs: "todos os números em",

  pcaPanelTitle: "PCA",
  autoencoderPanelTitle: "Autoencoder",
  componentAxis: (index) => `Componente ${index}`,
  codeUnitAxis: (index) => `Unidade do código ${index}`,
  legendDigit: "Dígito",
  legendClass: "Classe",
  lossChartTitle: "Erro de reconstrução por época",
  epochAxis: "Época",
  mseAxis: "MSE por pixel",
  trainLossSeries: "Perda de treino",
  validationLossSeries: "Perda de validação",
  pcaRuleLabel: "PCA (2 componentes)",
  meanImageRuleLabel: "Imagem média",
  gridRows: ["Original", "PCA", "Autoencoder"],

  scatterAlt: (points, description) =>
    `Dois gráficos de dispersão dos códigos 2-D de ${points} imagens (${description}), ` +
    "coloridos por classe: PCA à esquerda, o autoencoder à direita",
  lossAlt: (pcaMse, meanImageMse) =>
    "Perda de treino e de validação do autoencoder por época, com o MSE de teste do PCA " +
    `(${pcaMse}) e a referência da imagem média (${meanImageMse}) como linhas horizontais`,
  reconstructionsAlt: (columns) =>
    `Grade de reconstrução de ${columns} imagens: originais na linha de cima, ` +
    "reconstruções do PCA na linha do meio e do autoencoder na linha de baixo",

  explorerHeading: "Explorador",
  explorerIntro:
    "Cada ponto de qualquer um dos planos é um código que o modelo transforma de volta em imagem. " +
    "A mira marca um código, e a imagem ao lado do gráfico é a sua decodificação, calculada nesta " +
    "página a partir dos pesos embutidos. Os pontos mostram sua imagem e classe numa dica, e os " +
    "botões de classe ocultam ou mostram classes.",
  explorerInstructions:
    "Mova o ponteiro sobre um painel ou toque nele. Pelo teclado, foque um painel com Tab e mova " +
    "a mira com as setas (segure Shift para passos maiores).",
  explorerNoScript:
    "O explorador precisa de JavaScript. As figuras e tabelas deste relatório funcionam sem ele.",
  explorerPrecision: (max, mean, codes) =>
    "A página guarda o decodificador do autoencoder como inteiros de 16 bits com uma escala " +
    "float32 por unidade de saída. Decodificar os " +
    `${codes} códigos da amostra de dispersão com esses pesos difere do decodificador float32 ` +
    `em no máximo ${max} e em média ${mean} por pixel, com intensidades em [0, 1].`,
  explorerPcaPrecision:
    "A imagem média e as componentes do PCA são guardadas como float32, então suas decodificações " +
    "são exatas até o arredondamento de float32. Intensidades fora de [0, 1] são limitadas para " +
    "exibição.",
  decodedCaption: (panel) => `Decodificação do ${panel}`,
  decodedAlt: (panel, x, y) =>
    `Imagem que o ${panel} decodifica a partir do código (${x}; ${y})`,
  planeLabel: (panel) =>
    `Plano do ${panel}: as setas movem a mira, e a imagem decodificada aparece ao lado do gráfico`,
  classFilterLabel: "Classes exibidas",
  codeStatus: (panel, x, y) => `${panel}: código (${x}; ${y})`,
  nearestPoint: (classTitle, className) => `${classTitle} ${className}`,
};
