import { PNG } from 'pngjs';
import { drawText, GLYPH_H, pixelSetter, textWidth } from './bitmap-font';

const CELL = 56;
const SCALE = 2;

/**
 * A confusion-matrix heat map: rows are true classes, columns predictions, shade = row share
 * (recall on the diagonal), each cell labelled with its count.
 */
export function confusionPng(confusion: number[][], classes: readonly string[], title: string): Buffer {
  const k = classes.length;
  const left = Math.max(...classes.map((c) => textWidth(c, SCALE))) + 16;
  const top = 2 * (GLYPH_H * SCALE) + 40;
  const width = Math.max(left + k * CELL + 16, textWidth(title, SCALE) + 16, textWidth('rows: true, columns: predicted', SCALE) + 16);
  const height = top + k * CELL + 40;
  const png = new PNG({ width, height });
  const set = pixelSetter(png);
  const black = [0, 0, 0] as const;
  const white = [255, 255, 255] as const;
  drawText(title, 8, 8, SCALE, (x, y) => set(x, y, black));
  classes.forEach((name, j) => {
    const short = name.slice(0, 3);
    drawText(short, left + j * CELL + (CELL - textWidth(short, SCALE)) / 2, top - GLYPH_H * SCALE - 8, SCALE, (x, y) => set(x, y, black));
  });
  for (let i = 0; i < k; i++) {
    drawText(classes[i], 8, top + i * CELL + (CELL - GLYPH_H * SCALE) / 2, SCALE, (x, y) => set(x, y, black));
    const rowSum = confusion[i].reduce((a, b) => a + b, 0) || 1;
    for (let j = 0; j < k; j++) {
      const share = confusion[i][j] / rowSum;
      // White to deep blue by share.
      const rgb = [Math.round(255 - 225 * share), Math.round(255 - 185 * share), Math.round(255 - 75 * share)] as const;
      for (let y = 1; y < CELL; y++) for (let x = 1; x < CELL; x++) set(left + j * CELL + x, top + i * CELL + y, rgb);
      const label = String(confusion[i][j]);
      const ink = share > 0.5 ? white : black;
      drawText(label, left + j * CELL + (CELL - textWidth(label, SCALE)) / 2, top + i * CELL + (CELL - GLYPH_H * SCALE) / 2, SCALE, (x, y) => set(x, y, ink));
    }
  }
  drawText('rows: true, columns: predicted', 8, top + k * CELL + 14, SCALE, (x, y) => set(x, y, black));
  return PNG.sync.write(png);
}
