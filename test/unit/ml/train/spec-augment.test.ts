import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../ml/train/random';
import { drawMasks, specAugment } from '../../../../ml/train/spec-augment';

describe('SpecAugment', () => {
  it('draws masks inside the input, never wider than asked', () => {
    const random = mulberry32(3);
    for (let i = 0; i < 500; i++) {
      for (const m of drawMasks(2, 8, 20, random)) {
        expect(m.width).toBeGreaterThanOrEqual(0);
        expect(m.width).toBeLessThanOrEqual(8);
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.start + m.width).toBeLessThanOrEqual(20);
      }
    }
    // A mask wider than the input is clamped to it.
    for (const m of drawMasks(5, 50, 4, mulberry32(1))) expect(m.start + m.width).toBeLessThanOrEqual(4);
  });

  it('zeroes exactly the masked steps and the same coefficients in both halves', () => {
    const shape = { steps: 16, channels: 10, groups: 2 };
    const width = shape.channels * shape.groups;
    for (let seed = 0; seed < 50; seed++) {
      const x = new Float32Array(shape.steps * width).fill(1);
      const { time, freq } = specAugment(x, shape, { timeMasks: 2, maxTime: 4, freqMasks: 2, maxFreq: 3 }, mulberry32(seed));
      for (let s = 0; s < shape.steps; s++) {
        for (let g = 0; g < shape.groups; g++) {
          for (let d = 0; d < shape.channels; d++) {
            const masked = time.some((m) => s >= m.start && s < m.start + m.width) || freq.some((m) => d >= m.start && d < m.start + m.width);
            expect(x[s * width + g * shape.channels + d]).toBe(masked ? 0 : 1);
          }
        }
      }
    }
  });
});
