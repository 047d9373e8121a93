/** Speech spans and the frame-level scores used to compare detectors against a truth. */

/** A half-open run of samples [start, end). */
export interface SampleSpan {
  start: number;
  end: number;
}

/** A half-open stretch of time in seconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

export function spansToSeconds(spans: readonly SampleSpan[], sampleRate: number): TimeSpan[] {
  return spans.map((s) => ({ start: s.start / sampleRate, end: s.end / sampleRate }));
}

/** Sorts and merges overlapping or touching spans (e.g. the union of two parties' truth). */
export function unionSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: TimeSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** 1 for every `frameS` frame whose centre lies inside a span. */
export function spansToMask(spans: readonly TimeSpan[], durationS: number, frameS = 0.01): Uint8Array {
  const mask = new Uint8Array(Math.ceil(durationS / frameS));
  for (const s of spans) {
    const first = Math.max(0, Math.ceil(s.start / frameS - 0.5));
    const last = Math.min(mask.length, Math.ceil(s.end / frameS - 0.5));
    for (let i = first; i < last; i++) mask[i] = 1;
  }
  return mask;
}

export interface FrameScores {
  precision: number;
  recall: number;
  f1: number;
  truthS: number;
  predictedS: number;
}

/** Speech-frame precision, recall and F1 of `predicted` against `truth` (masks of equal frames). */
export function frameScores(truth: Uint8Array, predicted: Uint8Array, frameS = 0.01): FrameScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const n = Math.max(truth.length, predicted.length);
  for (let i = 0; i < n; i++) {
    const t = truth[i] === 1;
    const p = predicted[i] === 1;
    if (t && p) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truthS: (tp + fn) * frameS, predictedS: (tp + fp) * frameS };
}
