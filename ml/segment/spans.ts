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

/** The frames [first, last) whose centre lies inside a span (unclipped). */
export function frameRange(span: TimeSpan, frameS = 0.01): [number, number] {
  return [Math.ceil(span.start / frameS - 0.5), Math.ceil(span.end / frameS - 0.5)];
}

/** 1 for every `frameS` frame whose centre lies inside a span. */
export function spansToMask(spans: readonly TimeSpan[], durationS: number, frameS = 0.01): Uint8Array {
  const mask = new Uint8Array(Math.ceil(durationS / frameS));
  for (const s of spans) {
    const [from, to] = frameRange(s, frameS);
    for (let i = Math.max(0, from); i < Math.min(mask.length, to); i++) mask[i] = 1;
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

/** Frames both masks call speech, only the prediction does, only the truth does. */
export interface FrameCounts {
  tp: number;
  fp: number;
  fn: number;
}

export function frameCounts(truth: Uint8Array, predicted: Uint8Array): FrameCounts {
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
  return { tp, fp, fn };
}

/** Counts of several parties or calls pooled, so that P/R/F1 weigh every frame alike. */
export function addFrameCounts(into: FrameCounts, more: FrameCounts): FrameCounts {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
  return into;
}

export function scoresFromCounts({ tp, fp, fn }: FrameCounts, frameS = 0.01): FrameScores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truthS: (tp + fn) * frameS, predictedS: (tp + fp) * frameS };
}

/** Speech-frame precision, recall and F1 of `predicted` against `truth` (masks of equal frames). */
export function frameScores(truth: Uint8Array, predicted: Uint8Array, frameS = 0.01): FrameScores {
  return scoresFromCounts(frameCounts(truth, predicted), frameS);
}
