/**
 * The centre's channel, from its own speech and without labels: the centre and scale the party
 * head's absolute half is z-scored with, re-estimated from the library's windows (median and
 * IQR/1.349 per feature, shrunk towards the training statistics by a pseudo-count of windows).
 * Measured (bench/channel-bench.ts): on lines like the training ones re-centring LOWERS accuracy
 * (the head reads the absolute level of a telephone call as it learnt it), on a line that moved
 * many features far (low-bit-rate MP3) it raises it a lot. So the estimate is applied only where
 * the line moved: at least `minShifted` features whose library median is more than `shiftZ`
 * training standard deviations from the training mean.
 */
import { robustStats, shrinkStats } from './party-features';
import type { PartyStats } from './pooling';

export interface ChannelRule {
  /** Windows of pseudo-count pulling the library's statistics towards the training ones. */
  pseudoCount: number;
  shiftZ: number;
  minShifted: number;
}

// 7: midway between the lines measured alike (at most 4 such features) and those that moved (11 and 41).
export const DEFAULT_CHANNEL_RULE: ChannelRule = { pseudoCount: 100, shiftZ: 2, minShifted: 7 };

export interface ChannelEstimate {
  /** The absolute half's statistics to use: the library's (shrunk) when applied, else the training ones. */
  stats: PartyStats;
  /** Features whose library median lies more than shiftZ training std from the training mean. */
  shifted: number;
  applied: boolean;
  windows: number;
}

export function estimateChannel(windows: readonly Float32Array[], training: PartyStats, rule: ChannelRule = DEFAULT_CHANNEL_RULE): ChannelEstimate {
  if (!windows.length) return { stats: training, shifted: 0, applied: false, windows: 0 };
  const library = robustStats(windows);
  let shifted = 0;
  for (let d = 0; d < training.mean.length; d++) if (Math.abs(library.mean[d] - training.mean[d]) / training.std[d] > rule.shiftZ) shifted += 1;
  const applied = shifted >= rule.minShifted;
  return { stats: applied ? shrinkStats(library, training, rule.pseudoCount) : training, shifted, applied, windows: windows.length };
}
