/**
 * Leading/trailing silence trimming for single utterances, after librosa.effects.trim: frame RMS
 * (centred frames), in dB relative to the loudest frame, kept from the first to the last frame above
 * `-topDb`. Also says when the whole signal is silent, in absolute terms (dBFS).
 */
export interface TrimOptions {
  /** Frames quieter than the loudest by more than this are silence. */
  topDb?: number;
  frameLength?: number;
  hopLength?: number;
  /** A signal whose loudest frame is below this RMS level (dBFS) is silent as a whole. */
  silenceDbfs?: number;
}

export interface TrimResult {
  /** Sample range [start, end) of the speech. */
  start: number;
  end: number;
  silent: boolean;
  peakDbfs: number;
}

export const DEFAULT_TRIM = { topDb: 30, frameLength: 2048, hopLength: 512, silenceDbfs: -60 } as const;

export function frameRmsDb(y: Float32Array, frameLength: number, hopLength: number): Float32Array {
  const nFrames = 1 + Math.floor(y.length / hopLength);
  const out = new Float32Array(nFrames);
  const half = frameLength >> 1;
  for (let t = 0; t < nFrames; t++) {
    const centre = t * hopLength;
    let sum = 0;
    // Zero padding outside the signal, as librosa's centred frames do.
    for (let i = Math.max(0, centre - half); i < Math.min(y.length, centre + half); i++) sum += y[i] * y[i];
    const rms = Math.sqrt(sum / frameLength);
    out[t] = 20 * Math.log10(Math.max(rms, 1e-10));
  }
  return out;
}

export function findSpeechBounds(y: Float32Array, options: TrimOptions = {}): TrimResult {
  const { topDb, frameLength, hopLength, silenceDbfs } = { ...DEFAULT_TRIM, ...options };
  if (y.length === 0) return { start: 0, end: 0, silent: true, peakDbfs: -200 };
  const db = frameRmsDb(y, frameLength, hopLength);
  let peak = -Infinity;
  for (const v of db) peak = Math.max(peak, v);
  if (peak < silenceDbfs) return { start: 0, end: y.length, silent: true, peakDbfs: peak };
  let first = 0;
  while (first < db.length && db[first] <= peak - topDb) first++;
  let last = db.length - 1;
  while (last > first && db[last] <= peak - topDb) last--;
  const start = Math.max(0, first * hopLength);
  const end = Math.min(y.length, (last + 1) * hopLength);
  return { start, end: Math.max(end, start + 1), silent: false, peakDbfs: peak };
}

/** The signal without its leading and trailing silence (a view, not a copy). */
export function trimSilence(y: Float32Array, options: TrimOptions = {}): Float32Array {
  const { start, end, silent } = findSpeechBounds(y, options);
  return silent ? y : y.subarray(start, end);
}
