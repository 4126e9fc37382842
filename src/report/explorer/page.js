/**
 * The latent-space explorer of index.html: crosshairs on the scatter
 * panels, live decoding of the crosshair's code into a canvas, point
 * tooltips with the digit's image, and class filter buttons.
 *
 * writeReport inlines this file after decode.js in one module script and
 * drops the import line below. The page data comes from the
 * `<script type="application/json" id="explorer-data">` element that
 * writeReport fills. Without JavaScript none of this runs and the page
 * shows the static figures.
 *
 * @module
 */

import {
  base64ToBytes,
  decodeCode,
  float32FromBase64,
  pcaDecodeCode,
  unpackDecoder,
  writeGrayRgba,
} from "./decode.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Largest distance in SVG pixels at which a point gets the tooltip. */
const HIT_RADIUS = 7;

/** Displayed size of a tooltip image relative to its pixel size. */
const TOOLTIP_IMAGE_SCALE = 3;

/** Arrow-key step as a fraction of the panel's range. Shift multiplies it by 10. */
const KEY_STEP = 0.01;

startExplorer();

function startExplorer() {
  const dataElement = document.getElementById("explorer-data");
  const root = document.getElementById("explorer");
  if (!dataElement || !root) return;

  const data = JSON.parse(dataElement.textContent);
  const plot = root.querySelector(".scatter-plot");
  const svg = plot.querySelector("svg");
  const tooltip = root.querySelector(".explorer-tooltip");
  const status = document.getElementById("explorer-status");

  const labels = base64ToBytes(data.points.labels);
  const hiddenClasses = new Set();

  // Check before changing anything, so a mismatch leaves the static page as it was.
  const problem = findPageProblem(svg, data, labels.length);
  if (problem) {
    console.error(`The explorer is off: ${problem}`);
    return;
  }

  const decoders = {
    autoencoder: makeAutoencoderDecoder(data.decoder),
    pca: makePcaDecoder(data.pca),
  };

  // Inside role="img" focusable parts would be hidden from screen readers.
  svg.setAttribute("role", "group");

  const panels = data.panels.map((spec) =>
    setUpPanel(spec, {
      svg,
      data,
      labels,
      hiddenClasses,
      decode: decoders[spec.key],
      tooltip,
      plot,
      status,
    })
  );

  setUpClassFilter(root, svg, data, panels, hiddenClasses);

  for (const element of document.querySelectorAll("[data-explorer-hidden]")) {
    element.hidden = false;
  }
  // The note is shown by default, so it also appears when the script is blocked or fails before this line.
  for (
    const element of document.querySelectorAll("[data-explorer-no-script]")
  ) {
    element.hidden = true;
  }
}

/**
 * Returns what keeps the explorer from matching the page to its data, or
 * null: a missing panel or canvas, or a panel whose point count
 * differs from the data's, because marks are matched to points by order.
 */
function findPageProblem(svg, data, pointCount) {
  if (!svg) return "the scatter figure has no SVG element";
  for (const spec of data.panels) {
    if (!svg.querySelector(`.${spec.group} > g`)) {
      return `the scatter figure has no panel .${spec.group}`;
    }
    const marks = svg.querySelectorAll(`.${spec.marks} > path`).length;
    if (marks !== pointCount) {
      return `panel .${spec.group} draws ${marks} points, the data has ${pointCount}`;
    }
    if (!document.getElementById(`decoded-${spec.key}`)) {
      return `the page has no canvas #decoded-${spec.key}`;
    }
  }
  return null;
}

function makeAutoencoderDecoder(packed) {
  const layers = unpackDecoder(packed);
  return (code) => decodeCode(layers, code);
}

function makePcaDecoder(packed) {
  const pca = {
    mean: float32FromBase64(packed.mean),
    components: float32FromBase64(packed.components),
  };
  return (code) => pcaDecodeCode(pca, code);
}

/**
 * Adds the crosshair, the focusable plane and the event handlers to one
 * scatter panel, and draws its first decoding at the panel's centre.
 */
function setUpPanel(spec, context) {
  const { svg, data, labels, hiddenClasses, decode, tooltip, plot, status } =
    context;
  const group = svg.querySelector(`.${spec.group} > g`);
  const marks = [...svg.querySelectorAll(`.${spec.marks} > path`)];
  const codes = float32FromBase64(data.points[spec.key]);
  const canvas = document.getElementById(`decoded-${spec.key}`);
  const codeText = document.getElementById(`decoded-${spec.key}-code`);
  const [x0, x1] = spec.x;
  const [y0, y1] = spec.y;

  // Vega draws x from x0 at the left edge to x1 at the right edge, and y
  // from y0 at the bottom to y1 at the top, with no padding.
  const toLocal = (code) => [
    ((code[0] - x0) / (x1 - x0)) * spec.width,
    ((y1 - code[1]) / (y1 - y0)) * spec.height,
  ];
  const toCode = (local) => [
    x0 + (local[0] / spec.width) * (x1 - x0),
    y1 - (local[1] / spec.height) * (y1 - y0),
  ];

  const positions = new Float64Array(codes.length);
  for (let i = 0; i < codes.length / 2; i++) {
    const [x, y] = toLocal([codes[2 * i], codes[2 * i + 1]]);
    positions[2 * i] = x;
    positions[2 * i + 1] = y;
  }

  const crosshair = svgElement("g", {
    class: "explorer-crosshair",
    "pointer-events": "none",
  });
  const lines = ["halo", "line"].map((kind) => [
    svgElement("line", { class: `crosshair-${kind}`, y1: 0, y2: spec.height }),
    svgElement("line", { class: `crosshair-${kind}`, x1: 0, x2: spec.width }),
  ]).flat();
  crosshair.append(...lines);
  const highlight = svgElement("circle", {
    class: "explorer-highlight",
    r: 4,
    "pointer-events": "none",
    visibility: "hidden",
  });
  const plane = svgElement("rect", {
    class: "explorer-plane",
    width: spec.width,
    height: spec.height,
    fill: "transparent",
    tabindex: 0,
    role: "application",
    "aria-roledescription": spec.planeRole,
    "aria-label": spec.planeLabel,
  });
  group.append(crosshair, highlight, plane);

  const panel = { spec, marks, labels, refreshTooltip: () => {} };
  let code = [(x0 + x1) / 2, (y0 + y1) / 2];
  let nearest = -1;

  const show = (newCode, local) => {
    code = [
      Math.min(x1, Math.max(x0, newCode[0])),
      Math.min(y1, Math.max(y0, newCode[1])),
    ];
    const [cx, cy] = toLocal(code);
    lines.forEach((line, index) => {
      if (index % 2 === 0) {
        line.setAttribute("x1", cx);
        line.setAttribute("x2", cx);
      } else {
        line.setAttribute("y1", cy);
        line.setAttribute("y2", cy);
      }
    });
    drawDecoding(canvas, decode(code), data.image);
    const x = formatNumber(code[0], data.decimal);
    const y = formatNumber(code[1], data.decimal);
    canvas.dataset.code = JSON.stringify(code);
    canvas.setAttribute("aria-label", fill(spec.decodedAlt, { x, y }));
    codeText.textContent = `(${x}${data.coordinateSeparator} ${y})`;

    nearest = nearestPoint(positions, labels, hiddenClasses, local ?? [cx, cy]);
    showTooltip(nearest);
  };

  const showTooltip = (index) => {
    if (index < 0) {
      tooltip.hidden = true;
      highlight.setAttribute("visibility", "hidden");
      return;
    }
    const local = [positions[2 * index], positions[2 * index + 1]];
    highlight.setAttribute("cx", local[0]);
    highlight.setAttribute("cy", local[1]);
    highlight.setAttribute("visibility", "visible");
    fillTooltip(tooltip, data, labels[index], index);
    placeTooltip(tooltip, plot, group, local);
  };
  panel.refreshTooltip = () => {
    if (nearest >= 0 && hiddenClasses.has(labels[nearest])) {
      nearest = -1;
      showTooltip(-1);
    }
  };

  const localFromEvent = (event) => {
    const matrix = group.getScreenCTM().inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(
      matrix,
    );
    return [point.x, point.y];
  };
  const onPointer = (event) => {
    const local = localFromEvent(event);
    show(toCode(local), local);
  };
  plane.addEventListener("pointermove", onPointer);
  plane.addEventListener("pointerdown", onPointer);
  plane.addEventListener("pointerleave", () => showTooltip(-1));
  plane.addEventListener("blur", () => showTooltip(-1));

  plane.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? KEY_STEP * 10 : KEY_STEP;
    const dx = (x1 - x0) * step;
    const dy = (y1 - y0) * step;
    const moves = {
      ArrowLeft: [-dx, 0],
      ArrowRight: [dx, 0],
      ArrowUp: [0, dy],
      ArrowDown: [0, -dy],
    };
    if (event.key === "Escape") {
      showTooltip(-1);
      return;
    }
    const move = moves[event.key];
    if (!move) return;

    event.preventDefault();
    show([code[0] + move[0], code[1] + move[1]]);
    const x = formatNumber(code[0], data.decimal);
    const y = formatNumber(code[1], data.decimal);
    const nearText = nearest >= 0
      ? ` ${
        fill(data.text.nearestPoint, {
          class: data.classes.names[labels[nearest]],
        })
      }`
      : "";
    status.textContent = fill(spec.codeStatus, { x, y }) + nearText;
  });

  show(code);
  showTooltip(-1);
  return panel;
}

/** Returns the index of the closest point not in a hidden class within HIT_RADIUS of `local`, or -1. */
function nearestPoint(positions, labels, hiddenClasses, local) {
  let best = -1;
  let bestDistance = HIT_RADIUS * HIT_RADIUS;
  for (let i = 0; i < labels.length; i++) {
    if (hiddenClasses.has(labels[i])) continue;
    const dx = positions[2 * i] - local[0];
    const dy = positions[2 * i + 1] - local[1];
    const distance = dx * dx + dy * dy;
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

function drawDecoding(canvas, values, image) {
  const context = canvas.getContext("2d");
  const pixels = context.createImageData(image.width, image.height);
  writeGrayRgba(values, pixels.data);
  context.putImageData(pixels, 0, 0);
}

function fillTooltip(tooltip, data, label, index) {
  const text = tooltip.querySelector(".explorer-tooltip-text");
  text.textContent = fill(data.text.nearestPoint, {
    class: data.classes.names[label],
  });

  const picture = tooltip.querySelector(".explorer-tooltip-image");
  if (!data.sprite) {
    picture.hidden = true;
    return;
  }

  const { width, height } = data.image;
  const column = index % data.sprite.columns;
  const row = Math.floor(index / data.sprite.columns);
  const scale = TOOLTIP_IMAGE_SCALE;
  picture.hidden = false;
  picture.style.width = `${width * scale}px`;
  picture.style.height = `${height * scale}px`;
  // The sprite is fetched on the first tooltip, not with the page.
  picture.style.backgroundImage = `url("${data.sprite.src}")`;
  picture.style.backgroundSize = `${
    data.sprite.columns * width * scale
  }px auto`;
  picture.style.backgroundPosition = `${-column * width * scale}px ${
    -row * height * scale
  }px`;
}

/** Places the tooltip beside the point at `local` in the panel group's coordinates. */
function placeTooltip(tooltip, plot, group, local) {
  tooltip.hidden = false;
  const screen = new DOMPoint(local[0], local[1]).matrixTransform(
    group.getScreenCTM(),
  );
  const box = plot.getBoundingClientRect();
  const left = screen.x - box.left + plot.scrollLeft;
  const top = screen.y - box.top + plot.scrollTop;
  const width = tooltip.offsetWidth;
  const height = tooltip.offsetHeight;
  const flip = left + 12 + width > plot.scrollLeft + plot.clientWidth;
  tooltip.style.left = `${flip ? left - 12 - width : left + 12}px`;
  tooltip.style.top = `${Math.max(0, top - height - 8)}px`;
}

/** Builds the class buttons and makes the SVG legend entries toggle too. */
function setUpClassFilter(root, svg, data, panels, hiddenClasses) {
  const filter = root.querySelector(".class-filter");
  const list = filter.querySelector(".class-filter-buttons");
  const legendItems = [
    ...svg.querySelectorAll(".role-legend-entry .role-scope > g"),
  ];

  const buttons = data.classes.names.map((name, label) => {
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    button.dataset.label = String(label);
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = data.classes.colors[label];
    button.append(swatch, document.createTextNode(name));
    button.addEventListener("click", () => toggle(label));
    list.append(button);
    return button;
  });

  legendItems.forEach((item, label) => {
    item.style.cursor = "pointer";
    for (const part of item.querySelectorAll("path.background, g")) {
      part.setAttribute("pointer-events", "all");
    }
    item.addEventListener("click", () => toggle(label));
  });

  function toggle(label) {
    const hidden = !hiddenClasses.has(label);
    if (hidden) {
      hiddenClasses.add(label);
    } else {
      hiddenClasses.delete(label);
    }

    buttons[label].setAttribute("aria-pressed", String(!hidden));
    if (legendItems[label]) {
      legendItems[label].setAttribute("opacity", hidden ? "0.3" : "1");
    }
    for (const panel of panels) {
      panel.marks.forEach((mark, index) => {
        if (panel.labels[index] === label) {
          mark.style.display = hidden ? "none" : "";
        }
      });
      panel.refreshTooltip();
    }
  }
}

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  return element;
}

/** Replaces `{name}` placeholders in a message with values. */
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => values[key] ?? match);
}

function formatNumber(value, decimal) {
  return value.toFixed(2).replace(".", decimal);
}
