import { describe, expect, it } from 'vitest';
import { replaySample } from '../../../../ml/retrain/base-data';

describe('base rows replayed beside the corrections', () => {
  const rows = Array.from({ length: 700 }, (_, i) => ({ label: i < 400 ? 4 : i % 7, id: i }));

  it('keeps every class in its share, drawn by seed, and all rows when there are few', () => {
    const sample = replaySample(rows, 140, 1);
    expect(sample.length).toBeGreaterThanOrEqual(135);
    expect(sample.length).toBeLessThanOrEqual(145);
    const share = (list: typeof rows, label: number) => list.filter((r) => r.label === label).length / list.length;
    for (const label of [0, 3, 4]) expect(share(sample, label)).toBeCloseTo(share(rows, label), 1);
    expect(new Set(sample.map((r) => r.id)).size).toBe(sample.length);
    expect(replaySample(rows, 140, 1)).toEqual(sample);
    expect(replaySample(rows, 140, 2)).not.toEqual(sample);
    expect(replaySample(rows, 0, 1)).toHaveLength(700);
    expect(replaySample(rows.slice(0, 50), 140, 1)).toHaveLength(50);
  });
});
