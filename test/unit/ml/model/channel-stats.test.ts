import { describe, expect, it } from 'vitest';
import { channelFrom, channelFromSummaries, DEFAULT_CHANNEL_RULE, estimateChannel, poolSummaries, summariseWindows } from '../../../../ml/model/channel-stats';
import { robustStats } from '../../../../ml/model/party-features';
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
    const estimate = estimateChannel(windows(400, 1, 6, 1), training);
    expect(estimate).toMatchObject({ applied: false, shifted: 1, windows: 400 });
    expect(estimate.stats).toBe(training);
  });

  it('re-centres on a line that moved many features, shrunk towards the training statistics', () => {
    const estimate = estimateChannel(windows(300, 12, 6, 2), training);
    expect(estimate.applied).toBe(true);
    expect(estimate.shifted).toBe(12);
    // 300 windows against a pseudo-count of 100: three quarters of the way to the library's median.
    expect(estimate.stats.mean[0]).toBeGreaterThan(0.75 * 6 - 0.2);
    expect(estimate.stats.mean[0]).toBeLessThan(0.75 * 6 + 0.2);
    expect(Math.abs(estimate.stats.mean[DIM - 1])).toBeLessThan(0.2);
    expect(DEFAULT_CHANNEL_RULE.minShifted).toBeLessThanOrEqual(12);
  });

  it('keeps the training statistics for one corpus on the training line: many features 2-3 SD off, none far', () => {
    // What a library of one language's voices looks like against a model trained on four corpora
    // (44-70 of 437 features 2-3 SD off); re-centring such a library lost 8-16 points.
    const estimate = estimateChannel(windows(300, 18, 2.6, 5), training);
    expect(estimate).toMatchObject({ applied: false, shifted: 0 });
    expect(estimate.stats).toBe(training);
  });

  it('without windows keeps the training statistics', () => {
    expect(estimateChannel([], training)).toMatchObject({ applied: false, windows: 0, stats: training });
  });

  it("a party's summary gives back its own median and spread exactly", () => {
    const party = windows(37, 3, 2, 3);
    const pooled = poolSummaries([summariseWindows(party)]);
    const exact = robustStats(party);
    expect(pooled.count).toBe(37);
    for (let d = 0; d < DIM; d++) {
      expect(pooled.mean[d]).toBeCloseTo(exact.mean[d], 5);
      expect(pooled.std[d]).toBeCloseTo(exact.std[d], 5);
    }
  });

  it("many parties' summaries give the library's median and spread within a few hundredths of the windows' own, and the same decision", () => {
    // Parties of different sizes and centres: the mixture is not any one party's distribution.
    const parties = Array.from({ length: 30 }, (_, i) => windows(8 + ((i * 7) % 50), 11, 5 + (i % 5) * 0.3, 10 + i));
    const summaries = parties.map(summariseWindows);
    const pooled = poolSummaries(summaries);
    const exact = robustStats(parties.flat());
    for (let d = 0; d < DIM; d++) {
      expect(Math.abs(pooled.mean[d] - exact.mean[d])).toBeLessThan(0.05);
      expect(Math.abs(pooled.std[d] - exact.std[d])).toBeLessThan(0.05);
    }
    expect(channelFrom(pooled, training)).toMatchObject({ applied: true, shifted: 11 });
    expect(estimateChannel(parties.flat(), training)).toMatchObject({ applied: true, shifted: 11 });
    expect(channelFrom(poolSummaries([]), training)).toMatchObject({ applied: false, windows: 0, stats: training });
  });

  it('decides from the summaries as from their pooled statistics, to the bit, moved line or not', () => {
    for (const [moved, by] of [[11, 6], [1, 6], [0, 0]] as const) {
      const summaries = Array.from({ length: 12 }, (_, i) => summariseWindows(windows(10 + i, moved, by, 40 + i)));
      expect(channelFromSummaries(summaries, training)).toEqual(channelFrom(poolSummaries(summaries), training));
    }
    expect(channelFromSummaries([], training)).toEqual(channelFrom(poolSummaries([]), training));
  });
});
