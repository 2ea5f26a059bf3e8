import { PNG } from 'pngjs';
import { drawText, GLYPH_HEIGHT, GLYPH_WIDTH, textWidth } from './bitmap-font';
import type { EvaluationReport } from './evaluation';
import { PREDICTED_MODES } from './evaluation';
import { MODEL_MODES } from './labelled-segments';

type Rgb = [number, number, number];

/**
 * Draws the confusion matrix as a PNG: rows are the true modes, columns the predicted ones; each
 * cell shows the count and its share of the row, shaded by that share (diagonal blue, errors red).
 * Recall closes each row, precision each column.
 */
export function confusionMatrixPng(report: EvaluationReport, title: string): Buffer {
  const scale = 2;
  const cell = 96;
  const left = 150;
  const top = 110;
  const cols = PREDICTED_MODES.length + 1;
  const rows = MODEL_MODES.length + 1;
  const width = left + cols * cell + 20;
  const height = top + rows * cell + 70;
  const png = new PNG({ width, height });
  const fill = (x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        const i = (y * width + x) * 4;
        png.data[i] = r;
        png.data[i + 1] = g;
        png.data[i + 2] = b;
        png.data[i + 3] = 255;
      }
    }
  };
  const text = (s: string, x: number, y: number, color: Rgb = [20, 20, 20], size = scale) =>
    drawText(s, x, y, size, (px, py) => fill(px, py, 1, 1, color));
  const centred = (s: string, cx: number, y: number, color?: Rgb, size = scale) =>
    text(s, cx - textWidth(s, size) / 2, y, color, size);
  const pct = (x: number) => (Number.isNaN(x) ? 'N/A' : `${(100 * x).toFixed(1)}%`);

  fill(0, 0, width, height, [255, 255, 255]);
  // A long title (a model's name and path) is drawn smaller rather than cut off.
  const titleSize = textWidth(title, scale) <= width - 20 ? scale : 1;
  text(
    title.slice(0, Math.floor((width - 20) / (GLYPH_WIDTH * titleSize))),
    10,
    titleSize === scale ? 12 : 16,
    undefined,
    titleSize,
  );
  text(
    `ACCURACY ${pct(report.accuracy)}  N=${report.segments}  CAR>BIKE ${pct(report.carAsBike)}  BIKE PRECISION ${pct(report.bikePrecision)}`,
    10,
    40,
    [60, 60, 60],
  );
  centred('PREDICTED', left + (PREDICTED_MODES.length * cell) / 2, top - 48, [90, 90, 90]);
  PREDICTED_MODES.forEach((m, c) => centred(m, left + c * cell + cell / 2, top - 22));
  centred('RECALL', left + PREDICTED_MODES.length * cell + cell / 2, top - 22, [90, 90, 90]);
  MODEL_MODES.forEach((mode, r) => {
    const y = top + r * cell;
    text(mode, 14, y + cell / 2 - GLYPH_HEIGHT);
    const total = report.matrix[r].reduce((a, b) => a + b, 0) || 1;
    report.matrix[r].forEach((count, c) => {
      const share = count / total;
      const x = left + c * cell;
      const base: Rgb = MODEL_MODES[c] === mode ? [40, 90, 200] : [210, 60, 50];
      const shade: Rgb = base.map((v) => Math.round(255 - (255 - v) * Math.min(1, share * 1.2))) as Rgb;
      fill(x + 1, y + 1, cell - 2, cell - 2, shade);
      const ink: Rgb = share > 0.5 ? [255, 255, 255] : [20, 20, 20];
      centred(String(count), x + cell / 2, y + cell / 2 - 18, ink);
      centred(pct(share), x + cell / 2, y + cell / 2 + 8, ink, 1);
    });
    centred(
      pct(report.perMode[mode].recall),
      left + PREDICTED_MODES.length * cell + cell / 2,
      y + cell / 2 - GLYPH_HEIGHT,
    );
  });
  const yP = top + MODEL_MODES.length * cell;
  text('PRECISION', 14, yP + cell / 2 - GLYPH_HEIGHT, [90, 90, 90]);
  MODEL_MODES.forEach((mode, c) =>
    centred(pct(report.perMode[mode].precision), left + c * cell + cell / 2, yP + cell / 2 - GLYPH_HEIGHT),
  );
  text('ROWS: TRUE MODE (LABELLED SEGMENTS). SHARES ARE OF THE ROW.', 10, height - 30, [90, 90, 90]);
  return PNG.sync.write(png);
}
