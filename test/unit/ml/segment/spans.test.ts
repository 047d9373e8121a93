import { describe, expect, it } from 'vitest';
import { addFrameCounts, frameCounts, frameRange, frameScores, scoresFromCounts, spansToMask } from '../../../../ml/segment/spans';

describe('frame counts', () => {
  it('pools parties frame by frame: the same scores as one mask of all their frames', () => {
    const a = { truth: spansToMask([{ start: 0, end: 1 }], 2), predicted: spansToMask([{ start: 0.5, end: 1.5 }], 2) };
    const b = { truth: spansToMask([{ start: 0, end: 3 }], 4), predicted: spansToMask([{ start: 0, end: 2.9 }], 4) };
    const pooled = addFrameCounts(frameCounts(a.truth, a.predicted), frameCounts(b.truth, b.predicted));
    expect(pooled).toEqual({ tp: 50 + 290, fp: 50, fn: 50 + 10 });
    const joined = (x: Uint8Array, y: Uint8Array) => Uint8Array.from([...x, ...y]);
    expect(scoresFromCounts(pooled)).toEqual(frameScores(joined(a.truth, b.truth), joined(a.predicted, b.predicted)));
  });

  it('names the frames a span covers as spansToMask marks them', () => {
    const span = { start: 0.234, end: 0.871 };
    const [from, to] = frameRange(span);
    const mask = spansToMask([span], 1);
    expect([mask.indexOf(1), mask.lastIndexOf(1) + 1]).toEqual([from, to]);
  });
});
