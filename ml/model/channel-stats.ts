/**
 * The centre's channel, from its own speech and without labels: the centre and scale the party
 * head's absolute half is z-scored with, re-estimated from the library's windows (median and
 * IQR/1.349 per feature, shrunk towards the training statistics by a pseudo-count of windows).
 * Measured (bench/channel-bench.ts): on lines like the training ones re-centring LOWERS accuracy
 * (the head reads the absolute level of a telephone call as it learnt it), on a line that moved
 * many features far (low-bit-rate MP3) it raises it a lot. So the estimate is applied only where
 * the line moved: at least `minShifted` features whose library median is more than `shiftZ`
 * training standard deviations from the training mean.
 *
 * The library keeps no windows: each analysed party leaves a summary (five quantiles per feature),
 * and the library's median and quartiles are read off the mixture of those summaries.
 */
import type { ModelMetadata } from './metadata';
import { robustStats, shrinkStats } from './party-features';
import type { PartyStats } from './pooling';

/**
 * What a model's analysis windows are (feature spec, pooling, length), so a library's summaries are
 * read only by models of the same input; null where the estimate does not apply (no party head, or
 * one that reads frame sequences rather than pooled statistics).
 */
export function windowsKindOf(metadata: ModelMetadata): string | null {
  if (!metadata.decision || metadata.decision.sequence) return null;
  return `${metadata.featureSpec.version}/${metadata.input.pooling}/${metadata.input.dim}`;
}

export interface ChannelRule {
  /** Windows of pseudo-count pulling the library's statistics towards the training ones. */
  pseudoCount: number;
  shiftZ: number;
  minShifted: number;
}

// Measured with the call-window heads on fold-1 and folder-bench calls (docs/MODEL.md, "The centre's channel statistics"):
// a library of one corpus's voices on the training line moves 44-70 features 2-3 SD but none beyond 4,
// and re-centring it lost 8-16 points; the quieter and low-passed lines move none beyond 4; MP3 lines
// move 4 (24 kbit/s) and 22 (16 kbit/s) beyond 4 SD, and re-centring them gains 10-13 points. 2: midway.
export const DEFAULT_CHANNEL_RULE: ChannelRule = { pseudoCount: 100, shiftZ: 4, minShifted: 2 };

export interface ChannelEstimate {
  /** The absolute half's statistics to use: the library's (shrunk) when applied, else the training ones. */
  stats: PartyStats;
  /** Features whose library median lies more than shiftZ training std from the training mean. */
  shifted: number;
  applied: boolean;
  windows: number;
}

/** Features whose library median lies more than shiftZ training standard deviations from the training mean. */
function shiftedFeatures(medians: Float32Array, training: PartyStats, rule: ChannelRule): number {
  let shifted = 0;
  for (let d = 0; d < training.mean.length; d++) if (Math.abs(medians[d] - training.mean[d]) / training.std[d] > rule.shiftZ) shifted += 1;
  return shifted;
}

/** The rule on the library's medians over `count` windows; its spread is asked for only where the rule applies. */
function decide(medians: Float32Array, count: number, spread: () => Float32Array, training: PartyStats, rule: ChannelRule): ChannelEstimate {
  if (!count) return { stats: training, shifted: 0, applied: false, windows: 0 };
  const shifted = shiftedFeatures(medians, training, rule);
  const applied = shifted >= rule.minShifted;
  return { stats: applied ? shrinkStats({ mean: medians, std: spread(), count }, training, rule.pseudoCount) : training, shifted, applied, windows: count };
}

/** The rule on the library's robust statistics (median, IQR/1.349; `count` windows). */
export function channelFrom(library: PartyStats, training: PartyStats, rule: ChannelRule = DEFAULT_CHANNEL_RULE): ChannelEstimate {
  return decide(library.mean, library.count, () => library.std, training, rule);
}

export function estimateChannel(windows: readonly Float32Array[], training: PartyStats, rule: ChannelRule = DEFAULT_CHANNEL_RULE): ChannelEstimate {
  return channelFrom(windows.length ? robustStats(windows) : { mean: training.mean, std: training.std, count: 0 }, training, rule);
}

/** The quantiles a party's summary keeps per feature (the ends make the mixture's support). */
export const SUMMARY_QUANTILES = [0, 0.25, 0.5, 0.75, 1] as const;
const Q = SUMMARY_QUANTILES.length;

/** One party's windows, summarised: `quantiles[d · 5 + j]` is feature d's SUMMARY_QUANTILES[j]. */
export interface WindowSummary {
  windows: number;
  dim: number;
  quantiles: Float32Array;
}

/** Quantiles interpolated as robustStats reads them (position q·(n−1) in the sorted column). */
export function summariseWindows(windows: readonly Float32Array[]): WindowSummary {
  const n = windows.length;
  const dim = windows[0]?.length ?? 0;
  const quantiles = new Float32Array(dim * Q);
  const column = new Float64Array(n);
  for (let d = 0; d < dim; d++) {
    for (let i = 0; i < n; i++) column[i] = windows[i][d];
    column.sort();
    SUMMARY_QUANTILES.forEach((q, j) => {
      const x = q * (n - 1);
      const lo = Math.floor(x);
      const hi = Math.min(n - 1, lo + 1);
      quantiles[d * Q + j] = column[lo] + (column[hi] - column[lo]) * (x - lo);
    });
  }
  return { windows: n, dim, quantiles };
}

/** A party's share of windows at or below x: piecewise linear through its quantiles. */
function cdf(s: WindowSummary, d: number, x: number): number {
  const q = s.quantiles;
  const at = d * Q;
  if (x < q[at]) return 0;
  if (x >= q[at + Q - 1]) return 1;
  for (let j = 1; j < Q; j++) {
    const hi = q[at + j];
    if (x < hi) {
      const lo = q[at + j - 1];
      const span = hi - lo;
      return SUMMARY_QUANTILES[j - 1] + (span > 0 ? (x - lo) / span : 1) * (SUMMARY_QUANTILES[j] - SUMMARY_QUANTILES[j - 1]);
    }
  }
  return 1;
}

const BISECTIONS = 40;

/** The summaries' mixture: each party a piecewise-linear distribution through its quantiles, weighted by its windows. */
class SummaryMixture {
  readonly parts: WindowSummary[];
  readonly dim: number;
  readonly total: number;

  constructor(summaries: readonly WindowSummary[]) {
    this.parts = summaries.filter((s) => s.windows > 0);
    this.dim = this.parts[0]?.dim ?? 0;
    this.total = this.parts.reduce((n, p) => n + p.windows, 0);
  }

  /** Feature d's quantile `target` of the mixture, by bisection between the parts' extremes. */
  quantile(d: number, target: number): number {
    let lo = Infinity, hi = -Infinity;
    for (const p of this.parts) {
      lo = Math.min(lo, p.quantiles[d * Q]);
      hi = Math.max(hi, p.quantiles[d * Q + Q - 1]);
    }
    for (let i = 0; i < BISECTIONS && hi > lo; i++) {
      const mid = (lo + hi) / 2;
      let below = 0;
      for (const p of this.parts) below += p.windows * cdf(p, d, mid);
      if (below < target * this.total) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  medians(): Float32Array {
    return Float32Array.from({ length: this.dim }, (_, d) => this.quantile(d, 0.5));
  }

  spreads(): Float32Array {
    return Float32Array.from({ length: this.dim }, (_, d) => (this.quantile(d, 0.75) - this.quantile(d, 0.25)) / 1.349);
  }
}

/**
 * The library's median and IQR/1.349 per feature over every window the summaries stand for: the
 * mixture's quantiles found by bisection. Exact for one party; for many, within a fraction of each
 * party's inter-quantile gaps (bench/channel-bench.ts compares it with the windows themselves).
 */
export function poolSummaries(summaries: readonly WindowSummary[]): PartyStats {
  const mixture = new SummaryMixture(summaries);
  return { mean: mixture.medians(), std: mixture.spreads(), count: mixture.total };
}

/**
 * channelFrom(poolSummaries(summaries)), the same to the bit, with the quartiles pooled only where
 * the rule applies: its shift test reads the medians alone, and on a line like the training data
 * (the usual case) that saves two thirds of the pooling, paid on the main thread after analysed calls.
 */
export function channelFromSummaries(summaries: readonly WindowSummary[], training: PartyStats, rule: ChannelRule = DEFAULT_CHANNEL_RULE): ChannelEstimate {
  const mixture = new SummaryMixture(summaries);
  return decide(mixture.medians(), mixture.total, () => mixture.spreads(), training, rule);
}
