/**
 * Frame-level pitch (f0) and voicing, aligned with the STFT frames (centred, one per hop).
 *
 * Prosody carries much of the arousal the spectral features miss, and per-party normalisation turns
 * absolute f0 into "higher than this caller usually speaks". Method: autocorrelation after
 * Boersma (1993) on a signal decimated to ~5.5 kHz — Hann-windowed 46 ms frames, the autocorrelation
 * as the transform of the power spectrum, divided by the window's own autocorrelation, the first
 * peak within 10% of the best in 70–500 Hz, refined by a parabola. No path search: the pooled
 * statistics that use it (percentiles, spreads) are robust to the odd octave slip.
 */

import { RealFft } from './fft';

export interface PitchTrack {
  /** Hz per frame: the best candidate, also in unvoiced frames (read it with `voicing`). */
  f0: Float32Array;
  /** Normalised autocorrelation at the chosen lag, 0..1: ~0.9 in clear vowels, < 0.4 in noise. */
  voicing: Float32Array;
}

/** Part of cache keys: bump whenever the numbers change. */
export const PITCH_VERSION = 'acf-1';
export const PITCH_MIN_HZ = 70;
export const PITCH_MAX_HZ = 500;
/** Rate the pitch search runs at: 500 Hz f0 still spans 11 samples, and 46 ms costs a 512-point FFT. */
const TARGET_RATE = 5500;
const FRAME = 256;
const FFT_SIZE = 512;
const TAPS = 31;
/** Sum of squares of a Hann-windowed frame of 256 samples at 5e-4 RMS (-66 dBFS): 256 · 0.375 · 2.5e-7. */
const SILENCE_ENERGY = 256 * 0.375 * 2.5e-7;

interface PitchPlan {
  factor: number;
  rate: number;
  lowpass: Float64Array;
  window: Float64Array;
  ones: Float64Array;
  windowAcf: Float64Array;
  fft: RealFft;
  frame: Float32Array;
  symmetric: Float32Array;
  /** The decimated signal of the current call, grown as needed and reused (pitchFrames is synchronous). */
  decimated: Float32Array;
}

const plans = new Map<number, PitchPlan>();

function planFor(sampleRate: number): PitchPlan {
  const cached = plans.get(sampleRate);
  if (cached) return cached;
  const factor = Math.max(1, Math.floor(sampleRate / TARGET_RATE));
  // Windowed-sinc low-pass at 80% of the new Nyquist (Hamming), unity gain at DC.
  const lowpass = new Float64Array(TAPS);
  const cutoff = (0.8 * 0.5) / factor;
  let sum = 0;
  for (let j = 0; j < TAPS; j++) {
    const m = j - (TAPS - 1) / 2;
    const sinc = m === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
    lowpass[j] = sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * j) / (TAPS - 1)));
    sum += lowpass[j];
  }
  for (let j = 0; j < TAPS; j++) lowpass[j] /= sum;
  // Already at or below the target rate: no filtering, no decimation.
  if (factor === 1) lowpass.fill(0).set([1], (TAPS - 1) / 2);
  const window = new Float64Array(FFT_SIZE);
  for (let i = 0; i < FRAME; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / FRAME);
  const windowAcf = new Float64Array(FRAME);
  for (let lag = 0; lag < FRAME; lag++) {
    let acc = 0;
    for (let i = 0; i + lag < FRAME; i++) acc += window[i] * window[i + lag];
    windowAcf[lag] = acc;
  }
  for (let lag = FRAME - 1; lag >= 0; lag--) windowAcf[lag] /= windowAcf[0];
  const plan: PitchPlan = {
    factor, rate: sampleRate / factor, lowpass, window, ones: new Float64Array(FFT_SIZE).fill(1), windowAcf,
    fft: new RealFft(FFT_SIZE), frame: new Float32Array(FFT_SIZE), symmetric: new Float32Array(FFT_SIZE), decimated: new Float32Array(0),
  };
  plans.set(sampleRate, plan);
  return plan;
}

function decimate(y: Float32Array, plan: PitchPlan): Float32Array {
  const { factor, lowpass } = plan;
  const half = (TAPS - 1) / 2;
  const length = Math.ceil(y.length / factor);
  // A span's worth of decimated samples per call would be churned through the heap (and count
  // towards the old generation's limit once promoted): keep one buffer, sized by the longest span.
  if (plan.decimated.length < length) plan.decimated = new Float32Array(Math.max(length, 2 * plan.decimated.length));
  const out = plan.decimated.subarray(0, length);
  for (let m = 0; m < out.length; m++) {
    const c = m * factor;
    let acc = 0;
    const j0 = Math.max(0, half - c), j1 = Math.min(TAPS, y.length - c + half);
    for (let j = j0; j < j1; j++) acc += lowpass[j] * y[c + j - half];
    out[m] = acc;
  }
  return out;
}

/** f0 and voicing of `nFrames` frames centred every `hop` samples of `y` (at `sampleRate`). */
export function pitchFrames(y: Float32Array, sampleRate: number, hop: number, nFrames: number): PitchTrack {
  const plan = planFor(sampleRate);
  const x = decimate(y, plan);
  const { frame, symmetric, window, fft, windowAcf, ones } = plan;
  const f0 = new Float32Array(nFrames);
  const voicing = new Float32Array(nFrames);
  const minLag = Math.max(2, Math.floor(plan.rate / PITCH_MAX_HZ));
  const maxLag = Math.min(FRAME - 2, Math.ceil(plan.rate / PITCH_MIN_HZ));
  const r = new Float64Array(maxLag + 2);
  for (let t = 0; t < nFrames; t++) {
    const start = Math.round((t * hop) / plan.factor) - FRAME / 2;
    let mean = 0;
    for (let i = 0; i < FRAME; i++) {
      const k = start + i;
      mean += k >= 0 && k < x.length ? x[k] : 0;
    }
    mean /= FRAME;
    let energy = 0;
    for (let i = 0; i < FRAME; i++) {
      const k = start + i;
      const v = ((k >= 0 && k < x.length ? x[k] : 0) - mean) * window[i];
      frame[i] = v;
      energy += v * v;
    }
    // Below ~-66 dBFS nobody is speaking: skip both transforms (half of each party's channel in a call).
    if (energy < SILENCE_ENERGY) continue;
    fft.transform(frame, 0, ones);
    // The autocorrelation is the (real, even) transform of the power spectrum laid out symmetrically.
    const half = FFT_SIZE / 2;
    for (let k = 0; k <= half; k++) {
      const p = fft.re[k] * fft.re[k] + fft.im[k] * fft.im[k];
      symmetric[k] = p;
      if (k > 0 && k < half) symmetric[FFT_SIZE - k] = p;
    }
    fft.transform(symmetric, 0, ones);
    const r0 = fft.re[0];
    if (!(r0 > 1e-12)) continue;
    let best = 0;
    for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
      r[lag] = fft.re[lag] / r0 / windowAcf[lag];
      if (lag >= minLag && lag <= maxLag) best = Math.max(best, r[lag]);
    }
    if (best <= 0) continue;
    // The first local peak close to the best: later multiples of the period score about as high.
    for (let lag = minLag; lag <= maxLag; lag++) {
      if (r[lag] >= 0.9 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
        const a = r[lag - 1], b = r[lag], c = r[lag + 1];
        const denom = a - 2 * b + c;
        const shift = denom < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / denom)) : 0;
        f0[t] = plan.rate / (lag + shift);
        voicing[t] = Math.min(1, b);
        break;
      }
    }
  }
  return { f0, voicing };
}
