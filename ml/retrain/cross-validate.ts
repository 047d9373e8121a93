/**
 * How a candidate is judged with few corrected calls: cross-validation BY CALL (a call's windows
 * are always judged by a model that never trained on that call), every held-out window pooled, and
 * the gain over the current model given with its uncertainty by a paired bootstrap over calls
 * (calls, not windows, are the independent units: windows of one call share its voice and line).
 * With up to `maxFolds` calls each call is its own fold (leave one call out); with more, calls are
 * dealt into `maxFolds` folds by a stable hash. Where a group is known (the same agent across
 * calls), all its calls fall in one fold, so the judgement is also about unheard voices.
 */
import { hashString, mulberry32 } from '../train/random';

export interface FoldPlan {
  method: 'leave-one-call-out' | 'k-fold-by-call' | 'k-fold-by-group';
  /** Recording ids per fold. */
  folds: string[][];
}

/** `groupOf`: a recording's group (e.g. its agent); calls without one are their own group. */
export function planFolds(recordingIds: readonly string[], maxFolds: number, groupOf: (id: string) => string | null = () => null, salt = 'emoqa-cv'): FoldPlan {
  const ids = [...new Set(recordingIds)].sort();
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const key = groupOf(id) ?? `call:${id}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const grouped = [...groups.values()].some((g) => g.length > 1);
  const keys = [...groups.keys()].sort((a, b) => hashString(`${salt}:${a}`) - hashString(`${salt}:${b}`) || a.localeCompare(b));
  const k = Math.max(1, Math.min(maxFolds, keys.length));
  const folds = Array.from({ length: k }, () => [] as string[]);
  keys.forEach((key, i) => folds[i % k].push(...(groups.get(key) ?? [])));
  const method = grouped ? 'k-fold-by-group' : keys.length <= maxFolds ? 'leave-one-call-out' : 'k-fold-by-call';
  return { method, folds: folds.map((f) => f.sort()) };
}

/** One held-out window: its call, its true class, and whether each model got it right. */
export interface HeldOutWindow {
  recordingId: string;
  label: number;
  before: boolean;
  after: boolean;
}

export interface CallScore {
  recordingId: string;
  windows: number;
  before: number;
  after: number;
}

export interface PooledJudgement {
  windows: number;
  calls: number;
  before: number;
  after: number;
  gain: number;
  /** Central interval of the gain over bootstrap resamples of calls. */
  interval: [number, number];
  /** Share of resamples in which the candidate is better than the current model. */
  probabilityBetter: number;
  perCall: CallScore[];
  /** Held-out windows per class index. */
  classes: number[];
}

export interface BootstrapOptions {
  resamples: number;
  /** Coverage of `interval` (0.9: the 5th to the 95th percentile). */
  coverage: number;
  seed: number;
  nClasses: number;
}

const quantile = (sorted: readonly number[], q: number): number => {
  if (!sorted.length) return 0;
  const pos = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};

export function poolHeldOut(windows: readonly HeldOutWindow[], options: BootstrapOptions): PooledJudgement {
  const byCall = new Map<string, CallScore>();
  const classes = new Array<number>(options.nClasses).fill(0);
  for (const w of windows) {
    const c = byCall.get(w.recordingId) ?? { recordingId: w.recordingId, windows: 0, before: 0, after: 0 };
    c.windows += 1;
    c.before += Number(w.before);
    c.after += Number(w.after);
    byCall.set(w.recordingId, c);
    classes[w.label] += 1;
  }
  const perCall = [...byCall.values()].sort((a, b) => a.recordingId.localeCompare(b.recordingId));
  const total = (calls: readonly CallScore[], key: 'before' | 'after' | 'windows'): number => calls.reduce((s, c) => s + c[key], 0);
  const n = windows.length;
  const before = n ? total(perCall, 'before') / n : 0;
  const after = n ? total(perCall, 'after') / n : 0;
  // Paired: each resample draws calls with replacement and scores both models on the same windows.
  const random = mulberry32(options.seed);
  const gains: number[] = [];
  for (let b = 0; b < options.resamples && perCall.length; b++) {
    let w = 0, diff = 0;
    for (let i = 0; i < perCall.length; i++) {
      const c = perCall[Math.floor(random() * perCall.length)];
      w += c.windows;
      diff += c.after - c.before;
    }
    gains.push(w ? diff / w : 0);
  }
  gains.sort((a, b) => a - b);
  const tail = (1 - options.coverage) / 2;
  return {
    windows: n, calls: perCall.length, before, after, gain: after - before,
    interval: [quantile(gains, tail), quantile(gains, 1 - tail)],
    probabilityBetter: gains.length ? gains.filter((g) => g > 0).length / gains.length : 0,
    perCall, classes,
  };
}
