import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { curvePng } from '../../../../ml/train/curve-png';

describe('learning-curve PNG', () => {
  it('draws each series in its colour on a white canvas', () => {
    const buffer = curvePng([
      { name: 'queue', colour: [213, 94, 0], points: [{ x: 0, y: 0.3 }, { x: 10, y: 0.5 }, { x: 20, y: 0.6 }] },
      { name: 'random', colour: [0, 114, 178], points: [{ x: 0, y: 0.3 }, { x: 10, y: 0.35 }, { x: 20, y: 0.45 }] },
    ], 'Accuracy after N corrections', 'regions corrected');
    const png = PNG.sync.read(buffer);
    expect([png.width, png.height]).toEqual([720, 440]);
    const count = (rgb: number[]): number => {
      let n = 0;
      for (let o = 0; o < png.data.length; o += 4) if (png.data[o] === rgb[0] && png.data[o + 1] === rgb[1] && png.data[o + 2] === rgb[2]) n += 1;
      return n;
    };
    expect(count([213, 94, 0])).toBeGreaterThan(500);
    expect(count([0, 114, 178])).toBeGreaterThan(500);
    expect(count([255, 255, 255])).toBeGreaterThan(png.width * png.height * 0.8);
  });
});
