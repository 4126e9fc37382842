/**
 * Brazilian Portuguese texts of the report.
 *
 * @module
 */

import type { Messages } from "./messages.ts";

/** Returns a panel title as it reads inside a sentence: "autoencoder" is a common noun there, "PCA" an acronym. */
function inSentence(panel: string): string {
  return panel === "Autoencoder" ? "autoencoder" : panel;
}

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
    "do MNIST mantêm as classes separadas, enquanto os dois primeiros componentes principais as " +
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
    `Autoencoder, perda de treino final (época ${epoch}, média acumulada)`,
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
    `Os dois componentes do PCA explicam ${
      percents.join(" e ")
    } da variância dos pixels do conjunto de treino.`,

  codesHeading: "Códigos bidimensionais",
  narrowScreenHint:
    "Nesta tela estreita as figuras mantêm um tamanho legível: deslize uma figura para o lado para vê-la inteira.",
  scatterSample: (protocol, count, perClass) =>
    protocol === "balanced"
      ? `${count} imagens de treino, as primeiras ${perClass} de cada classe`
      : `as primeiras ${count} imagens de treino`,
  bundledSource: (packageVersion) => `${packageVersion}, incluído no pacote`,
  adamSettings: "Adam (beta1 0,9, beta2 0,999, epsilon 1e-7)",
  initializerSettings: "Glorot uniforme, vieses nulos",
  // Names of the Fashion-MNIST classes as Brazilian stores label the garments.
  classNames: {
    "fashion-mnist": [
      "Camiseta/top",
      "Calça",
      "Pulôver",
      "Vestido",
      "Casaco",
      "Sandália",
      "Camisa",
      "Tênis",
      "Bolsa",
      "Bota de cano curto",
    ],
  },
  scatterCaption: (points, description, colourBy) =>
    `Os códigos 2-D de ${points} imagens (${description}), coloridos por ${colourBy}. ` +
    "Esquerda: os dois primeiros componentes principais. " +
    "Direita: as ativações da camada de código de 2 unidades do autoencoder. " +
    "Cada painel tem suas próprias escalas.",
  download: "Baixar",
  vectorVersion: "Versão vetorial",

  reconstructionsHeading: "Reconstruções",
  reconstructionsCaption: (count) =>
    `As primeiras ${count} imagens da amostra de reconstrução (em cima) e suas reconstruções ` +
    "a partir de 2 números cada: PCA (no meio) e o autoencoder (embaixo). " +
    "A intensidade 0 é preta e 1 é branca.",

  embeddingHeading: "Qualidade dos códigos 2-D",
  embeddingExplanation: (knnK, trustK, sample) =>
    `A acurácia kNN é a fração das imagens de teste cuja classe vence a votação das ${knnK} ` +
    "imagens de treino com os códigos 2-D mais próximos. A confiabilidade (trustworthiness), " +
    "de 0 a 1, sendo 1 o melhor, penaliza códigos cujos " +
    `${trustK} vizinhos mais próximos em 2-D não estão entre os mais próximos no espaço dos ` +
    `pixels, medida nas primeiras ${sample} imagens de teste.`,
  knnAccuracyRow: (k) => `Acurácia kNN (k = ${k})`,
  trustworthinessRow: (k) => `Confiabilidade (k = ${k})`,
  perClassMseRow: (classTitle, className) =>
    `MSE de teste por pixel, ${classTitle.toLowerCase()} ${className}`,

  lossHeading: "Perda por época",
  lossExplanation:
    "A perda de treino é a média acumulada dos lotes da época, como o Keras a exibe; " +
    "a perda de validação é medida no conjunto de teste ao fim da época.",
  epochHeader: "Época",
  trainLossHeader: "Perda de treino",
  validationLossHeader: "Perda de validação",
  secondsHeader: "Segundos",
  lossCaption:
    "Perda de treino e de validação (MSE por pixel) por época. A linha vermelha contínua é o MSE " +
    "de teste do PCA e a linha cinza tracejada é o erro de prever a imagem média de treino para " +
    "cada imagem de teste.",

  seedsHeading: "Sementes",
  seedSentence: (seed) =>
    `O modelo das figuras acima foi treinado com a semente aleatória ${seed}.`,
  repeatsIntro: (count, epochs) =>
    `A mesma configuração foi treinada ${count} vezes com sementes diferentes, ` +
    `${epochs} ${
      epochs === 1 ? "época" : "épocas"
    } cada. O modelo da primeira semente é o das figuras.`,
  seedHeader: "Semente",
  finalTrainLossHeader: "Perda de treino final",
  finalValidationLossHeader: "Perda de validação final",
  figuresModelMark: "(figuras)",
  medianRow: "Mediana",
  rangeRow: "Intervalo",

  experimentsHeading: "Experimentos",
  experimentsIntro:
    "Cada experimento nomeado treina seu próprio autoencoder a partir de um arquivo em " +
    "experiments/, com as mesmas imagens do modelo principal e as camadas, ativações e épocas " +
    "desse arquivo. Sua referência de PCA tem tantos componentes quanto o seu código, a menos " +
    "que o arquivo defina outro número. Um travessão marca uma medida que exige um código 2-D. " +
    "As descrições e notas vêm dos arquivos; as de um arquivo sem tradução aparecem em inglês.",
  experimentHeader: "Experimento",
  codeSizeHeader: "Tamanho do código",
  parametersHeader: "Parâmetros",
  epochsHeader: "Épocas",
  trainMseHeader: "MSE de treino",
  testMseHeader: "MSE de teste",
  pcaTestMseHeader: "MSE de teste do PCA",
  knnAccuracyHeader: "Acurácia kNN",
  trustworthinessHeader: "Confiabilidade",
  trainingSecondsHeader: "Segundos de treino",
  notApplicable: "—",
  experimentNotesLabel: "Notas",
  pcaComponentsColumn: (components) =>
    `PCA (${components} ${components === 1 ? "componente" : "componentes"})`,
  trainCrossEntropyRow: "Entropia cruzada de treino por pixel",
  testCrossEntropyRow: "Entropia cruzada de teste por pixel",
  testSsePerImageRow: "Erro quadrático de teste por imagem",
  gapToPca: (percent, components, above) =>
    `Seu MSE de teste está ${percent} ${
      above ? "acima" : "abaixo"
    } do MSE do PCA com ` +
    `${components} ${components === 1 ? "componente" : "componentes"}.`,
  linearBound: (epochs, percent, components, above) =>
    "Todas as camadas são lineares, então a rede calcula um mapa linear de posto no máximo " +
    `${components}, e nenhum mapa assim reconstrói as imagens de treino melhor que o PCA com ` +
    `${components} ${
      components === 1 ? "componente" : "componentes"
    }. Por isso sua perda deve ` +
    `se aproximar da linha do PCA por cima. Após ${epochs} ${
      epochs === 1 ? "época" : "épocas"
    }, ` +
    `seu MSE de teste está ${percent} ${
      above ? "acima" : "abaixo"
    } do MSE do PCA.`,
  trainingFacts: (epochs, seconds, pretraining) =>
    `Treinado por ${epochs} ${
      epochs === 1 ? "época" : "épocas"
    } em ${seconds} s` +
    (pretraining === null
      ? "."
      : pretraining.seconds === null
      ? `, após pré-treino de RBMs com ${pretraining.epochs} épocas por RBM.`
      : `, dos quais o pré-treino de RBMs com ${pretraining.epochs} épocas por RBM levou ${pretraining.seconds} s.`),
  reusedSentence:
    "O modelo foi carregado do relatório anterior na pasta de saída em vez de ser treinado de " +
    "novo; os segundos são os do seu treinamento original.",
  rbmFollowsPaper: (epochs) =>
    "Como Hinton e Salakhutdinov (2006), esta execução pré-treina as camadas como uma pilha de " +
    "máquinas de Boltzmann restritas com um passo de divergência contrastiva (CD-1), aqui por " +
    `${epochs} ${
      epochs === 1 ? "época" : "épocas"
    } por RBM. Diferentemente do artigo, ela ajusta ` +
    "o autoencoder desdobrado com Adam sobre o MSE em vez de gradiente conjugado sobre a entropia " +
    "cruzada, por isso a tabela mostra a entropia cruzada ao lado do MSE. As notas acima dão os " +
    "detalhes.",
  compareWith: (other, mse, otherMse, lower, percent) =>
    lower
      ? `Seu MSE de teste (${mse}) é ${percent} menor que o de ${other} (${otherMse}).`
      : `Seu MSE de teste (${mse}) não é menor que o de ${other} (${otherMse}): é ${percent} maior.`,
  paperSseHeading: "Erro quadrático por imagem",
  paperSseIntro:
    "Hinton e Salakhutdinov (2006) comparam códigos 30-D do MNIST pelo erro quadrático por " +
    "imagem de teste, somado sobre os 784 pixels.",
  modelHeader: "Modelo",
  sourceHeader: "Origem",
  thisRun: "esta execução",
  paperSource: "artigo, Fig. 2",
  paperAutoencoderRow: "Autoencoder, código 30-D",
  paperLogisticPcaRow: "PCA logístico, 30 componentes",
  paperPcaRow: "PCA, 30 componentes",
  paperSseNote:
    "Os números do artigo foram medidos com o seu próprio protocolo no MNIST, não nesta execução, " +
    "então mostram a escala do seu resultado e não uma comparação em condições iguais.",
  experimentLossCaption: (name, components) =>
    `Perda de treino e de validação (MSE por pixel) do modelo ${name} por época. A linha vermelha ` +
    `contínua é o MSE de teste do PCA com ${components} ` +
    `${
      components === 1 ? "componente" : "componentes"
    } e a linha cinza tracejada é o erro de ` +
    "prever a imagem média de treino.",
  experimentScatterCaption: (name, points, description, colourBy) =>
    `Os códigos 2-D do modelo ${name} para as mesmas ${points} imagens da dispersão principal ` +
    `(${description}), coloridos por ${colourBy}.`,
  experimentGridCaption: (name, count, codeSize, withPca) =>
    withPca
      ? `As primeiras ${count} imagens da amostra de reconstrução (em cima) e suas reconstruções ` +
        `a partir de ${codeSize} números cada: PCA (no meio) e o modelo ${name} (embaixo).`
      : `As primeiras ${count} imagens da amostra de reconstrução (em cima) e suas reconstruções ` +
        `pelo modelo ${name} a partir de ${codeSize} números cada (embaixo). O relatório guarda as ` +
        "reconstruções do PCA apenas para 2 componentes, então esta grade não tem linha de PCA.",

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
  pcaComponentsRuleLabel: (components) =>
    `PCA (${components} ${components === 1 ? "componente" : "componentes"})`,
  experimentLossTitle: (name) => `${name}: erro de reconstrução por época`,
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
  experimentLossAlt: (name, pcaMse, components) =>
    `Perda de treino e de validação do modelo ${name} por época, com o MSE de teste do PCA com ` +
    `${components} ${
      components === 1 ? "componente" : "componentes"
    } (${pcaMse}) e a ` +
    "referência da imagem média como linhas horizontais",
  experimentScatterAlt: (name, points) =>
    `Gráfico de dispersão dos códigos 2-D do modelo ${name} para ${points} imagens, coloridos por classe`,
  experimentGridAlt: (name, columns, withPca) =>
    `Grade de reconstrução de ${columns} imagens: originais na linha de cima, ` +
    (withPca ? "reconstruções do PCA na linha do meio e " : "") +
    `reconstruções do modelo ${name} na linha de baixo`,

  explorerHeading: "Explorador",
  explorerIntro:
    "Cada ponto de qualquer um dos planos é um código que o modelo transforma de volta em imagem. " +
    "A mira marca um código, e a imagem ao lado do gráfico é a sua decodificação, calculada nesta " +
    "página a partir dos pesos embutidos. Ao passar o ponteiro sobre um ponto, aparecem sua imagem " +
    "e sua classe, e os botões de classe ocultam ou mostram classes.",
  explorerInstructions:
    "Mova o ponteiro sobre um painel ou toque nele. Pelo teclado, selecione um painel com Tab e mova " +
    "a mira com as setas (segure Shift para passos maiores).",
  explorerNoScript:
    "O explorador precisa de JavaScript. As figuras e tabelas deste relatório funcionam sem ele.",
  explorerPrecision: (max, mean, codes) =>
    "A página guarda o decodificador do autoencoder como inteiros de 16 bits com uma escala " +
    "float32 por unidade de saída. Decodificar os primeiros " +
    `${codes} códigos da amostra de dispersão com esses pesos difere do decodificador float32 ` +
    `em no máximo ${max} e em média ${mean} por pixel, com intensidades em [0, 1].`,
  explorerPcaPrecision:
    "A imagem média e os componentes do PCA são guardados como float32, então suas decodificações " +
    "são exatas até o arredondamento de float32. Intensidades fora de [0, 1] são limitadas para " +
    "exibição.",
  decodedCaption: (panel) => `Decodificação do ${inSentence(panel)}`,
  decodedAlt: (panel, x, y) =>
    `Imagem que o ${
      inSentence(panel)
    } decodifica a partir do código (${x}; ${y})`,
  planeRole: "plano 2-D",
  planeLabel: (panel) =>
    `Plano do ${
      inSentence(panel)
    }: as setas movem a mira, e a imagem decodificada aparece ao lado do gráfico`,
  classFilterLabel: "Classes exibidas",
  codeStatus: (panel, x, y) => `${panel}: código (${x}; ${y})`,
  nearestPoint: (classTitle, className) => `${classTitle} ${className}`,
};
