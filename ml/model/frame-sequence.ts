/**
 * The frame-sequence input: a window's MFCC frames as a short sequence (≈3 s → SEQUENCE.steps
 * steps of SEQUENCE.stride frames each), described, step by step, absolutely (global z) and
 * relative to its party (z with the party's robust per-coefficient statistics over all its frames,
 * shrunk towards the global ones like the pooled party head's). One code path for training,
 * evaluation and the product.
 */
import { partyFeatures, robustStats, shrinkStats } from './party-features';
import type { PartyStats } from './pooling';

export const SEQUENCE = {
  /** Steps per window after averaging `stride` frames (64 × 2 × 23.2 ms ≈ 3 s). */
  steps: 64,
  stride: 2,
  /** MFCC coefficients read per frame. */
  channels: 40,
} as const;

export const SEQUENCE_DIM = SEQUENCE.steps * SEQUENCE.channels;

/** Reads coefficient `d` of frame `t`. */
export type FrameAccess = (t: number, d: number) => number;

/** A channel-major track (`mfcc[d · nFrames + t]`, as the DSP writes it). */
export const channelMajor = (mfcc: Float32Array, nFrames: number): FrameAccess => (t, d) => mfcc[d * nFrames + t];
/** A time-major track (`seq[t · channels + d]`, as training samples hold it). */
export const timeMajor = (seq: Float32Array, channels: number): FrameAccess => (t, d) => seq[t * channels + d];

/**
 * Frames [start, end) → [steps × channels] (time-major): the centre of a longer window, and a
 * shorter one repeated (wrapped) to fill the steps, so every window has the same shape.
 */
export function sequenceWindow(at: FrameAccess, start: number, end: number): Float32Array {
  const { steps, stride, channels } = SEQUENCE;
  const need = steps * stride;
  const n = Math.max(1, end - start);
  const offset = n > need ? start + Math.floor((n - need) / 2) : start;
  const out = new Float32Array(steps * channels);
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < stride; k++) {
      const t = n > need ? offset + s * stride + k : start + ((s * stride + k) % n);
      for (let d = 0; d < channels; d++) out[s * channels + d] += at(t, d) / stride;
    }
  }
  return out;
}

/** The steps of windows as separate vectors (views, no copies). */
export function stepsOf(windows: readonly Float32Array[]): Float32Array[] {
  const { steps, channels } = SEQUENCE;
  return windows.flatMap((w) => Array.from({ length: steps }, (_, s) => w.subarray(s * channels, (s + 1) * channels)));
}

/** A party's robust per-coefficient statistics over all steps of its windows, shrunk by its number of windows. */
export function sequencePartyStats(windows: readonly Float32Array[], global: PartyStats, shrinkWindows: number): PartyStats {
  if (!windows.length) return { mean: Float32Array.from(global.mean), std: Float32Array.from(global.std), count: 0 };
  const robust = robustStats(stepsOf(windows));
  return shrinkStats({ ...robust, count: windows.length }, global, shrinkWindows);
}

/** One window → [steps × 2·channels]: per step, [global z | party z]. */
export function sequenceFeatures(window: Float32Array, global: PartyStats, party: PartyStats, floor: Float32Array): Float32Array {
  const { steps, channels } = SEQUENCE;
  const out = new Float32Array(steps * 2 * channels);
  for (let s = 0; s < steps; s++) out.set(partyFeatures(window.subarray(s * channels, (s + 1) * channels), global, party, floor), s * 2 * channels);
  return out;
}

/** Every window of one party → head inputs, with the party's own shrunk statistics. */
export function sequenceInputs(windows: readonly Float32Array[], global: PartyStats, o: { shrinkWindows: number; stdFloor: Float32Array }): Float32Array[] {
  const party = sequencePartyStats(windows, global, o.shrinkWindows);
  return windows.map((w) => sequenceFeatures(w, global, party, o.stdFloor));
}
