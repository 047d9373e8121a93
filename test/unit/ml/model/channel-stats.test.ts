import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULE, estimateChannel } from '../../../../ml/model/channel-stats';
import { mulberry32 } from '../../../../ml/train/random';

const DIM = 20;
const training = { mean: new Float32Array(DIM), std: new Float32Array(DIM).fill(1), count: 0 };
/** n windows around the training distribution, the first `moved` features shifted by `by` std. */
function windows(n: number, moved: number, by: number, seed: number): Float32Array[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: DIM }, (_, d) => 2 * (random() - 0.5) + (d < moved ? by : 0)));
}

describe('channel statistics from the library', () => {
  it('keeps the training statistics on a line like the training one', () => {
    const estimate = estimateChannel(windows(400, 2, 3, 1), training);
    expect(estimate).toMatchObject({ applied: false, shifted: 2, windows: 400 });
    expect(estimate.stats).toBe(training);
  });

  it('re-centres on a line that moved many features, shrunk towards the training statistics', () => {
    const estimate = estimateChannel(windows(300, 8, 4, 2), training);
    expect(estimate.applied).toBe(true);
    expect(estimate.shifted).toBe(8);
    // 300 windows against a pseudo-count of 100: three quarters of the way to the library's median.
    expect(estimate.stats.mean[0]).toBeGreaterThan(0.75 * 4 - 0.2);
    expect(estimate.stats.mean[0]).toBeLessThan(0.75 * 4 + 0.2);
    expect(Math.abs(estimate.stats.mean[DIM - 1])).toBeLessThan(0.2);
    expect(DEFAULT_CHANNEL_RULE.minShifted).toBeLessThanOrEqual(8);
  });

  it('without windows keeps the training statistics', () => {
    expect(estimateChannel([], training)).toMatchObject({ applied: false, windows: 0, stats: training });
  });
});
