import { describe, expect, it } from 'vitest';
import { joinTouching, smoothRegions, type ScoredWindow } from '../../../../ml/segment/smoothing';

const onehot = (k: number, p = 0.8): Float32Array => {
  const v = new Float32Array(3).fill((1 - p) / 2);
  v[k] = p;
  return v;
};

describe('smoothRegions', () => {
  it('merges neighbours with the same class and splits overlaps in the middle', () => {
    const windows: ScoredWindow[] = [
      { start: 0, end: 3, probabilities: onehot(0) },
      { start: 1.5, end: 4.5, probabilities: onehot(0) },
      { start: 3, end: 6, probabilities: onehot(2, 0.9) },
      { start: 4.5, end: 7.5, probabilities: onehot(2, 0.9) },
      { start: 6, end: 9, probabilities: onehot(2, 0.9) },
    ];
    const regions = smoothRegions([{ start: 0, end: 9 }], windows, { kernel: [0, 1, 0] });
    expect(regions.map((r) => [r.start, r.end, r.index])).toEqual([[0, 3.75, 0], [3.75, 9, 2]]);
    expect(regions[1].confidence).toBeCloseTo(0.9, 6);
    expect(regions[0].probabilities[0]).toBeCloseTo(0.8, 6);
  });

  it('does not let one uncertain window flip the label between two sure ones', () => {
    const windows: ScoredWindow[] = [
      { start: 0, end: 3, probabilities: onehot(1, 0.9) },
      { start: 1.5, end: 4.5, probabilities: Float32Array.from([0.45, 0.4, 0.15]) },
      { start: 3, end: 6, probabilities: onehot(1, 0.9) },
    ];
    const regions = smoothRegions([{ start: 0, end: 6 }], windows);
    expect(regions).toHaveLength(1);
    expect(regions[0].index).toBe(1);
    expect([regions[0].start, regions[0].end]).toEqual([0, 6]);
  });

  it('keeps regions inside their runs (never across silence) and skips runs without windows', () => {
    const runs = [{ start: 0, end: 2 }, { start: 5, end: 6 }, { start: 8, end: 9 }];
    const windows: ScoredWindow[] = [
      { start: 0, end: 2, probabilities: onehot(0) },
      { start: 5, end: 6, probabilities: onehot(0) },
    ];
    const regions = smoothRegions(runs, windows);
    expect(regions.map((r) => [r.start, r.end])).toEqual([[0, 2], [5, 6]]);
  });

  it('joins spans that touch (a maximum-length cut) into one run', () => {
    expect(joinTouching([{ start: 0, end: 30 }, { start: 30, end: 41 }, { start: 45, end: 46 }])).toEqual([{ start: 0, end: 41 }, { start: 45, end: 46 }]);
  });
});
