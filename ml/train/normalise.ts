import { partyStats, type PartyStats } from '../model/pooling';
import type { Sample } from './dataset';

/** A z-score fitted on training rows only (the study's StandardScaler). */
export function fitScaler(rows: readonly Float32Array[]): PartyStats {
  const stats = partyStats(rows);
  for (let i = 0; i < stats.std.length; i++) if (stats.std[i] < 1e-6) stats.std[i] = 1;
  return stats;
}

export function applyScaler(rows: readonly Float32Array[], stats: PartyStats): Float32Array[] {
  return rows.map((v) => {
    const out = new Float32Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = (v[i] - stats.mean[i]) / stats.std[i];
    return out;
  });
}

/** The group a row's speaker statistics come from: one voice in one recording condition. */
export function speakerGroup(s: Sample): string {
  return `${s.item.speaker}|${s.variant}`;
}

/** Floor for per-speaker std: a share of the training rows' global std, so rare constant features stay finite. */
export function stdFloor(rows: readonly Float32Array[], share = 0.1): Float32Array {
  const global = partyStats(rows);
  return global.std.map((s) => Math.max(s * share, 1e-6));
}

/**
 * Per-speaker normalisation: every row z-scored with the mean/std of its own speaker's rows in the
 * same condition, labels unused. For test speakers this uses only their own (unlabelled) test rows,
 * as the product does with one party's windows over a call.
 */
export function speakerNormalise(samples: readonly Sample[], floor: Float32Array, pick: (s: Sample) => Float32Array = (s) => s.pooled): Float32Array[] {
  const groups = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const key = speakerGroup(s);
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  const out = new Array<Float32Array>(samples.length);
  for (const indices of groups.values()) {
    const stats = partyStats(indices.map((i) => pick(samples[i])));
    for (const i of indices) {
      const v = pick(samples[i]);
      const z = new Float32Array(v.length);
      for (let d = 0; d < v.length; d++) z[d] = (v[d] - stats.mean[d]) / Math.max(stats.std[d], floor[d]);
      out[i] = z;
    }
  }
  return out;
}
