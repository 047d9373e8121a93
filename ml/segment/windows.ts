/**
 * Classification windows inside one speech span. The model was trained on utterances of ~1.5–4 s,
 * so a short span is one window and a long one is tiled with evenly spread, overlapping windows of
 * `lengthS` (overlap of at least `1 - hopS / lengthS`), which the smoothing later blends.
 */
import type { TimeSpan } from './spans';

export interface WindowOptions {
  /** Spans up to this long are a single window. */
  maxSingleS?: number;
  /** Length of the tiles of longer spans. */
  lengthS?: number;
  /** Largest step between tiles. */
  hopS?: number;
}

export const DEFAULT_WINDOWS: Required<WindowOptions> = { maxSingleS: 4, lengthS: 3, hopS: 1.5 };

export function planWindows(span: TimeSpan, options: WindowOptions = {}): TimeSpan[] {
  const { maxSingleS, lengthS, hopS } = { ...DEFAULT_WINDOWS, ...options };
  const duration = span.end - span.start;
  if (duration <= 0) return [];
  if (duration <= maxSingleS) return [{ start: span.start, end: span.end }];
  const count = Math.ceil((duration - lengthS) / hopS) + 1;
  const step = (duration - lengthS) / (count - 1);
  return Array.from({ length: count }, (_, i) => {
    const start = span.start + i * step;
    // The last tile ends exactly at the span's end (no rounding drift).
    return { start, end: i === count - 1 ? span.end : start + lengthS };
  });
}

/**
 * Frame range [first, last) of features computed over a span (librosa `center=True`: frame t is
 * centred on sample t·hop) covering the window; never empty.
 */
export function windowFrames(window: TimeSpan, spanStartS: number, sampleRate: number, hopLength: number, nFrames: number): [number, number] {
  const toFrame = (t: number): number => Math.round(((t - spanStartS) * sampleRate) / hopLength);
  const first = Math.max(0, Math.min(nFrames - 1, toFrame(window.start)));
  const last = Math.max(first + 1, Math.min(nFrames, toFrame(window.end) + 1));
  return [first, last];
}
