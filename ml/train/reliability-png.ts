/**
 * A reliability diagram (PNG): per confidence bin (15 equal-width), the accuracy of the items whose
 * shown confidence falls in it, one series per rule (e.g. before / after calibration), against the
 * diagonal of perfect calibration. Dots are sized by the bin's share of the items.
 */
import { PNG } from 'pngjs';
import { drawText, GLYPH_H, pixelSetter, textWidth, type Rgb } from './bitmap-font';
import { drawLegend, drawSegment } from './curve-png';
import { calibrationBins, type Scored } from './decision-metrics';

export interface ReliabilitySeries {
  name: string;
  colour: Rgb;
  items: readonly Scored[];
}

const SCALE = 2;
const S = 420;
const PAD = { left: 70, right: 20, top: 70, bottom: 60 };

export function reliabilityPng(series: readonly ReliabilitySeries[], title: string): Buffer {
  const png = new PNG({ width: PAD.left + S + PAD.right, height: PAD.top + S + PAD.bottom });
  const set = pixelSetter(png);
  const black = [0, 0, 0] as const;
  const grey = [210, 210, 210] as const;
  const px = (x: number): number => PAD.left + x * S;
  const py = (y: number): number => PAD.top + (1 - y) * S;
  drawText(title, 8, 8, SCALE, (x, y) => set(x, y, black));
  drawLegend(series, 36, set);
  for (let k = 0; k <= 10; k++) {
    const v = k / 10;
    for (let t = 0; t < S; t += 2) {
      set(px(v), PAD.top + t, grey);
      set(PAD.left + t, py(v), grey);
    }
    const label = `${10 * k}%`;
    drawText(label, PAD.left - textWidth(label, SCALE) - 6, py(v) - GLYPH_H, SCALE, (x, y) => set(x, y, black));
    if (k % 2 === 0) drawText(label, px(v) - textWidth(label, SCALE) / 2, PAD.top + S + 8, SCALE, (x, y) => set(x, y, black));
  }
  for (let t = 0; t <= S; t++) set(PAD.left + t, PAD.top + S - t, black);
  drawText('shown confidence (x) / accuracy (y)', PAD.left, PAD.top + S + 34, SCALE, (x, y) => set(x, y, black));
  for (const s of series) {
    const bins = calibrationBins(s.items);
    bins.forEach((b, i) => {
      const r = 2 + Math.round(10 * Math.sqrt(b.share));
      for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) if (dx * dx + dy * dy <= r * r) set(px(b.confidence) + dx, py(b.accuracy) + dy, s.colour);
      const q = bins[i + 1];
      if (!q) return;
      drawSegment([px(b.confidence), py(b.accuracy)], [px(q.confidence), py(q.accuracy)], (x, y) => set(x, y, s.colour));
    });
  }
  return PNG.sync.write(png);
}
