import type { FrameFeatures } from '../dsp';

/**
 * Prosody of a window from the frame pitch track: f0 level, range and movement in semitones over
 * voiced frames, how much of the window is voiced, and how loud the voiced part is. Measured on
 * the speaker split (5 folds, clean + telephone rows): +2–4 points for the per-party heads.
 */
export const PITCH_STAT_NAMES = [
  'f0_st_mean', 'f0_st_std', 'f0_st_p10', 'f0_st_p50', 'f0_st_p90', 'f0_st_range', 'f0_st_dstd',
  'voiced_fraction', 'voicing_mean', 'f0_st_slope', 'f0_jitter', 'voiced_rms_db', 'voiced_voicing_mean',
] as const;

/** A frame counts as voiced from this normalised autocorrelation up (tried 0.4, 0.5, 0.6). */
export const VOICED_THRESHOLD = 0.6;
/** Used when a window has no pitch candidate at all (silence): 220 Hz, mid-range for adults. */
const FALLBACK_ST = 24;

const semitones = (hz: number): number => 12 * Math.log2(hz / 55);

/** Writes PITCH_STAT_NAMES.length values at out[o...] for frames [s, e). */
export function pitchStats(frames: FrameFeatures, s: number, e: number, out: Float32Array, o: number): void {
  const pitch = frames.pitch;
  if (!pitch) throw new Error('pitchStats: frame features lack the pitch track (computeFrameFeatures with pitch: false)');
  const { f0, voicing } = pitch;
  const n = e - s;
  const st: number[] = [];
  const at: number[] = [];
  let voicingSum = 0, voicedVoicing = 0, voicedDb = 0;
  for (let t = s; t < e; t++) {
    voicingSum += voicing[t];
    if (voicing[t] >= VOICED_THRESHOLD && f0[t] > 0) {
      st.push(semitones(f0[t]));
      at.push(t);
      voicedVoicing += voicing[t];
      voicedDb += 20 * Math.log10(frames.rms[t] + 1e-5);
    }
  }
  let values = st;
  if (values.length < 3) {
    values = [];
    for (let t = s; t < e; t++) if (f0[t] > 0) values.push(semitones(f0[t]));
  }
  if (!values.length) values = [FALLBACK_ST];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  const sorted = Float64Array.from(values).sort();
  const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
  // Movement between neighbouring voiced frames only (a gap would read as a jump).
  const deltas: number[] = [];
  for (let i = 1; i < at.length; i++) if (at[i] === at[i - 1] + 1) deltas.push(st[i] - st[i - 1]);
  const dMean = deltas.length ? deltas.reduce((a, b) => a + b, 0) / deltas.length : 0;
  const dStd = deltas.length ? Math.sqrt(deltas.reduce((a, b) => a + (b - dMean) ** 2, 0) / deltas.length) : 0;
  const jitter = deltas.length ? deltas.reduce((a, b) => a + Math.abs(b), 0) / deltas.length : 0;
  // Least-squares slope of voiced semitones over seconds: rising or falling intonation.
  const secondsPerFrame = frames.hopLength / frames.sampleRate;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  at.forEach((t, i) => {
    const x = t * secondsPerFrame;
    sx += x;
    sy += st[i];
    sxx += x * x;
    sxy += x * st[i];
  });
  const k = at.length;
  const slope = k > 2 ? (k * sxy - sx * sy) / Math.max(1e-9, k * sxx - sx * sx) : 0;
  const p10 = pct(0.1), p90 = pct(0.9);
  out.set([mean, std, p10, pct(0.5), p90, p90 - p10, dStd, k / n, voicingSum / n, slope, jitter,
    k ? voicedDb / k : -60, k ? voicedVoicing / k : 0], o);
}
