import { describe, expect, it } from 'vitest';
import { frameScores, spansToMask, unionSpans } from '../../../../ml/segment/spans';
import { planWindows, windowFrames } from '../../../../ml/segment/windows';

describe('planWindows', () => {
  it('keeps a short span as one window', () => {
    expect(planWindows({ start: 2, end: 3.2 })).toEqual([{ start: 2, end: 3.2 }]);
    expect(planWindows({ start: 2, end: 6 })).toEqual([{ start: 2, end: 6 }]);
    expect(planWindows({ start: 2, end: 2 })).toEqual([]);
  });

  it('tiles a long span with evenly spread, overlapping 3 s windows covering it exactly', () => {
    const w = planWindows({ start: 10, end: 20 });
    expect(w[0].start).toBe(10);
    expect(w[w.length - 1].end).toBe(20);
    const step = w[1].start - w[0].start;
    for (let i = 0; i < w.length; i++) {
      expect(w[i].end - w[i].start).toBeCloseTo(3, 9);
      if (i > 0) {
        expect(w[i].start - w[i - 1].start).toBeCloseTo(step, 9);
        expect(w[i].start).toBeLessThan(w[i - 1].end);
      }
    }
    expect(step).toBeLessThanOrEqual(1.5);
  });
});

describe('windowFrames', () => {
  it('maps a window to centred frames of span-local features, never empty', () => {
    // 2 s span at 22050 Hz, hop 512: 87 frames (1 + floor(44100 / 512)).
    expect(windowFrames({ start: 5, end: 7 }, 5, 22050, 512, 87)).toEqual([0, 87]);
    const [a, b] = windowFrames({ start: 5.5, end: 6 }, 5, 22050, 512, 87);
    expect(a).toBe(Math.round((0.5 * 22050) / 512));
    expect(b).toBe(Math.round((1 * 22050) / 512) + 1);
    expect(windowFrames({ start: 5, end: 5.001 }, 5, 22050, 512, 1)).toEqual([0, 1]);
  });
});

describe('frame scores', () => {
  it('scores masks and unions overlapping truth spans', () => {
    expect(unionSpans([{ start: 2, end: 3 }, { start: 0, end: 1 }, { start: 0.5, end: 1.5 }])).toEqual([{ start: 0, end: 1.5 }, { start: 2, end: 3 }]);
    const truth = spansToMask([{ start: 0, end: 1 }], 2);
    const predicted = spansToMask([{ start: 0.5, end: 1.5 }], 2);
    const s = frameScores(truth, predicted);
    expect(s.precision).toBeCloseTo(0.5, 6);
    expect(s.recall).toBeCloseTo(0.5, 6);
    expect(s.f1).toBeCloseTo(0.5, 6);
  });
});
