import { PNG } from 'pngjs';
import { drawText, GLYPH_H, pixelSetter, textWidth, type Rgb } from './bitmap-font';

export interface CurveSeries {
  name: string;
  colour: Rgb;
  points: ReadonlyArray<{ x: number; y: number }>;
}

const SCALE = 2;
const W = 720;
const H = 440;
const PAD = { left: 70, right: 20, top: 50, bottom: 60 };

/** Plots every pixel step of the straight line from `a` to `b`. */
export function drawSegment(a: readonly [number, number], b: readonly [number, number], plot: (x: number, y: number) => void): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1])));
  for (let t = 0; t <= steps; t++) plot(a[0] + ((b[0] - a[0]) * t) / steps, a[1] + ((b[1] - a[1]) * t) / steps);
}

/** One line of legend at `y`: a stroke and the name of each series, in its colour. */
export function drawLegend(series: ReadonlyArray<{ name: string; colour: Rgb }>, y: number, set: (x: number, y: number, rgb: Rgb) => void): void {
  let legendX = 8;
  for (const s of series) {
    for (let i = 0; i < 16; i++) for (let t = 0; t < 3; t++) set(legendX + i, y + 4 + t, s.colour);
    drawText(s.name, legendX + 20, y, SCALE, (x, yy) => set(x, yy, s.colour));
    legendX += textWidth(s.name, SCALE) + 44;
  }
}

/** A line chart (learning curves): y in 0..1 shown as percent, x as given; a legend under the title. */
export function curvePng(series: readonly CurveSeries[], title: string, xLabel: string): Buffer {
  const png = new PNG({ width: W, height: H });
  const set = pixelSetter(png);
  const black = [0, 0, 0] as const;
  const grey = [210, 210, 210] as const;
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map((p) => p.x));
  const yMin = Math.max(0, Math.floor((Math.min(...all.map((p) => p.y)) - 0.05) * 10) / 10);
  const yMax = Math.min(1, Math.ceil((Math.max(...all.map((p) => p.y)) + 0.05) * 10) / 10);
  const px = (x: number): number => PAD.left + (x / xMax) * (W - PAD.left - PAD.right);
  const py = (y: number): number => H - PAD.bottom - ((y - yMin) / Math.max(1e-9, yMax - yMin)) * (H - PAD.top - PAD.bottom);
  drawText(title, 8, 8, SCALE, (x, y) => set(x, y, black));
  drawLegend(series, 28, set);
  for (let k = 0; k <= 10; k++) {
    const y = yMin + ((yMax - yMin) * k) / 10;
    for (let x = PAD.left; x < W - PAD.right; x += 2) set(x, py(y), grey);
    const label = `${Math.round(100 * y)}%`;
    drawText(label, PAD.left - textWidth(label, SCALE) - 6, py(y) - GLYPH_H, SCALE, (x, yy) => set(x, yy, black));
  }
  for (const x of [...new Set(all.map((p) => p.x))]) {
    for (let y = PAD.top; y < H - PAD.bottom; y += 2) set(px(x), y, grey);
    drawText(String(x), px(x) - textWidth(String(x), SCALE) / 2, H - PAD.bottom + 8, SCALE, (xx, y) => set(xx, y, black));
  }
  drawText(xLabel, PAD.left, H - 24, SCALE, (x, y) => set(x, y, black));
  for (const s of series) {
    const points = [...s.points].sort((a, b) => a.x - b.x);
    points.forEach((p, i) => {
      for (let dx = -3; dx <= 3; dx++) for (let dy = -3; dy <= 3; dy++) set(px(p.x) + dx, py(p.y) + dy, s.colour);
      const q = points[i + 1];
      if (!q) return;
      drawSegment([px(p.x), py(p.y)], [px(q.x), py(q.y)], (x, y) => {
        for (let w = -1; w <= 1; w++) set(x, y + w, s.colour);
      });
    });
  }
  return PNG.sync.write(png);
}
