import type { EvaluationReport } from './evaluation';
import { PREDICTED_MODES } from './evaluation';
import { MODEL_MODES } from './labelled-segments';

const CELL = 96;
const LEFT = 150;
const TOP = 110;
const MUTED = '#5a5a5a';

/** Text is data here (a model's name and path): escape what XML gives a meaning to. */
const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);

function text(s: string, x: number, y: number, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;
}

/** `base` faded towards white as `share` falls: an empty cell is white, a full one the base colour. */
function shade(base: readonly [number, number, number], share: number): string {
  const [r, g, b] = base.map((v) => Math.round(255 - (255 - v) * Math.min(1, share * 1.2)));
  return `rgb(${r},${g},${b})`;
}

/**
 * The confusion matrix as an SVG document: rows are the true modes, columns the predicted ones;
 * each cell shows the count and its share of the row, shaded by that share (diagonal blue, errors
 * red), with a tooltip. Recall closes each row, precision each column. Each cell is a
 * `<g class="cell" data-truth data-predicted data-count>`, so scripts can read the figures back.
 */
export function confusionMatrixSvg(report: EvaluationReport, title: string): string {
  const width = LEFT + (PREDICTED_MODES.length + 1) * CELL + 20;
  const height = TOP + (MODEL_MODES.length + 1) * CELL + 70;
  const recallX = LEFT + PREDICTED_MODES.length * CELL + CELL / 2;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="14" fill="#141414">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    // A long title (a model's name and path) is set smaller rather than cut off.
    text(title, 10, 26, `class="title" font-size="${title.length * 9 <= width - 20 ? 16 : 11}" font-weight="bold"`),
    text(
      `accuracy ${pct(report.accuracy)} · n=${report.segments} · car as bike ${pct(report.carAsBike)} · bike precision ${pct(report.bikePrecision)}`,
      10,
      52,
      `class="summary" fill="${MUTED}"`,
    ),
    text('predicted', LEFT + (PREDICTED_MODES.length * CELL) / 2, TOP - 40, `text-anchor="middle" fill="${MUTED}"`),
    ...PREDICTED_MODES.map((m, c) =>
      text(m, LEFT + c * CELL + CELL / 2, TOP - 14, 'class="predicted-label" text-anchor="middle"'),
    ),
    text('recall', recallX, TOP - 14, `text-anchor="middle" fill="${MUTED}"`),
  ];
  MODEL_MODES.forEach((mode, r) => {
    const y = TOP + r * CELL;
    parts.push(text(mode, 14, y + CELL / 2 + 5, 'class="truth-label"'));
    const rowTotal = report.matrix[r].reduce((a, b) => a + b, 0);
    report.matrix[r].forEach((count, c) => {
      const share = rowTotal ? count / rowTotal : 0;
      const predicted = PREDICTED_MODES[c];
      const x = LEFT + c * CELL;
      const ink = share > 0.5 ? '#fff' : '#141414';
      const shown = String(Math.round(count));
      parts.push(
        `<g class="cell" data-truth="${mode}" data-predicted="${predicted}" data-count="${shown}">`,
        `<title>${escapeXml(`${mode} predicted as ${predicted}: ${shown} (${pct(share)} of ${mode})`)}</title>`,
        `<rect x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}" fill="${shade(predicted === mode ? [40, 90, 200] : [210, 60, 50], share)}"/>`,
        text(shown, x + CELL / 2, y + CELL / 2 - 2, `text-anchor="middle" font-size="22" fill="${ink}"`),
        text(pct(share), x + CELL / 2, y + CELL / 2 + 20, `text-anchor="middle" font-size="12" fill="${ink}"`),
        '</g>',
      );
    });
    parts.push(text(pct(report.perMode[mode].recall), recallX, y + CELL / 2 + 5, `class="recall" data-mode="${mode}" text-anchor="middle"`));
  });
  const yPrecision = TOP + MODEL_MODES.length * CELL + CELL / 2 + 5;
  parts.push(text('precision', 14, yPrecision, `fill="${MUTED}"`));
  MODEL_MODES.forEach((mode, c) =>
    parts.push(
      text(pct(report.perMode[mode].precision), LEFT + c * CELL + CELL / 2, yPrecision, `class="precision" data-mode="${mode}" text-anchor="middle"`),
    ),
  );
  parts.push(text('Rows: true mode (labelled segments). Shares are of the row.', 10, height - 24, `fill="${MUTED}"`), '</svg>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${parts.join('\n')}\n`;
}
