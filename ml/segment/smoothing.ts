/**
 * From per-window probabilities to regions: within each stretch of continuous speech, blend each
 * window with its neighbours (a [¼ ½ ¼] kernel — one noisy window should not flip the label), give
 * each window the part of the stretch nearest to it (overlaps are split in the middle), and merge
 * neighbours with the same winning class. Regions never cover silence between stretches.
 */
import type { TimeSpan } from './spans';

export interface ScoredWindow {
  start: number;
  end: number;
  probabilities: Float32Array;
}

export interface ScoredRegion {
  start: number;
  end: number;
  /** Index of the winning class. */
  index: number;
  confidence: number;
  /** Duration-weighted mean of the (smoothed) window probabilities. */
  probabilities: Float32Array;
}

export interface SmoothOptions {
  /** Weights of the previous, current and next window. */
  kernel?: readonly [number, number, number];
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function blend(windows: ScoredWindow[], kernel: readonly [number, number, number]): Float32Array[] {
  return windows.map((w, i) => {
    const out = new Float32Array(w.probabilities.length);
    let weight = 0;
    const add = (p: Float32Array | undefined, k: number): void => {
      if (!p || k === 0) return;
      for (let c = 0; c < out.length; c++) out[c] += k * p[c];
      weight += k;
    };
    add(windows[i - 1]?.probabilities, kernel[0]);
    add(w.probabilities, kernel[1]);
    add(windows[i + 1]?.probabilities, kernel[2]);
    for (let c = 0; c < out.length; c++) out[c] /= weight;
    return out;
  });
}

function regionsOfRun(run: TimeSpan, windows: ScoredWindow[], kernel: readonly [number, number, number]): ScoredRegion[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const probs = blend(sorted, kernel);
  const regions: ScoredRegion[] = [];
  let sliceStart = run.start;
  for (let i = 0; i < sorted.length; i++) {
    const next = sorted[i + 1];
    const sliceEnd = next ? Math.min(run.end, Math.max(sliceStart, (sorted[i].end + next.start) / 2)) : run.end;
    const duration = sliceEnd - sliceStart;
    if (duration <= 0) continue;
    const index = argmax(probs[i]);
    const last = regions[regions.length - 1];
    if (last && last.index === index && Math.abs(last.end - sliceStart) < 1e-9) {
      const before = last.end - last.start;
      for (let c = 0; c < last.probabilities.length; c++) {
        last.probabilities[c] = (last.probabilities[c] * before + probs[i][c] * duration) / (before + duration);
      }
      last.end = sliceEnd;
    } else {
      regions.push({ start: sliceStart, end: sliceEnd, index, confidence: 0, probabilities: Float32Array.from(probs[i]) });
    }
    sliceStart = sliceEnd;
  }
  for (const r of regions) r.confidence = r.probabilities[r.index];
  return regions;
}

/**
 * `runs`: the stretches of continuous speech (sorted, disjoint); each window belongs to the run
 * holding its midpoint. Runs without windows get no region.
 */
export function smoothRegions(runs: readonly TimeSpan[], windows: readonly ScoredWindow[], options: SmoothOptions = {}): ScoredRegion[] {
  const kernel = options.kernel ?? [0.25, 0.5, 0.25];
  const byRun: ScoredWindow[][] = runs.map(() => []);
  for (const w of windows) {
    const mid = (w.start + w.end) / 2;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (runs[m].start <= mid) lo = m;
      else hi = m - 1;
    }
    if (runs.length && runs[lo].start <= mid && mid <= runs[lo].end) byRun[lo].push(w);
  }
  return runs.flatMap((run, i) => (byRun[i].length ? regionsOfRun(run, byRun[i], kernel) : []));
}

/** Joins spans that touch or nearly touch (a span cut at the VAD's maximum length) into runs. */
export function joinTouching(spans: readonly TimeSpan[], gapS = 0.02): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= gapS) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
