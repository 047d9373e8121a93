/**
 * The telephone chain in process: 300–3400 Hz band (2-pole Butterworth biquads, as ffmpeg's
 * highpass/lowpass), down to 8 kHz, μ-law round trip (G.711), back up to the analysis rate.
 */
import { resampleWindowedSinc, type SincFilter } from './resample';

export const TELEPHONE_RATE = 8000;

function biquad(y: Float32Array, b: [number, number, number], a: [number, number]): Float32Array {
  const out = new Float32Array(y.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < y.length; i++) {
    const x0 = y[i];
    const y0 = b[0] * x0 + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
    x2 = x1; x1 = x0; y2 = y1; y1 = y0;
    out[i] = y0;
  }
  return out;
}

/** RBJ cookbook low/high-pass, Q = 1/√2. */
export function butterworth(y: Float32Array, sampleRate: number, cutoff: number, type: 'low' | 'high'): Float32Array {
  const w0 = (2 * Math.PI * cutoff) / sampleRate;
  const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b = type === 'low' ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2] : [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
  return biquad(y, [b[0] / a0, b[1] / a0, b[2] / a0], [(-2 * cos) / a0, (1 - alpha) / a0]);
}

/**
 * The chain's resampling filter: a Kaiser-windowed sinc (β = 8.6) cut at 95% of the lower Nyquist,
 * 17 zero crossings — shorter than librosa's kaiser_best (kept for parity with librosa), since the
 * telephone band's 3.4 kHz edge sits well below 4 kHz. Changing it changes every telephone-condition
 * feature, so the feature cache names its version (TELEPHONE_CHAIN_VERSION).
 */
export const TELEPHONE_FILTER: SincFilter = { numZeros: 17, precision: 10, beta: 8.6, rolloff: 0.95 };
export const TELEPHONE_CHAIN_VERSION = 2;

/** Band-limited resampling for the chain (the DSP's one resampler, this chain's filter). */
export function resampleSinc(y: Float32Array, from: number, to: number): Float32Array {
  return from === to ? new Float32Array(y) : resampleWindowedSinc(y, from, to, TELEPHONE_FILTER);
}

/** μ-law (μ = 255) companding to 8 bits and back. */
export function muLawRoundTrip(y: Float32Array): Float32Array {
  const mu = 255;
  const lnMu = Math.log1p(mu);
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const x = Math.max(-1, Math.min(1, y[i]));
    const f = (Math.sign(x) * Math.log1p(mu * Math.abs(x))) / lnMu;
    const q = Math.round((f + 1) * 127.5) / 127.5 - 1;
    out[i] = (Math.sign(q) * (Math.pow(1 + mu, Math.abs(q)) - 1)) / mu;
  }
  return out;
}

/**
 * Wideband signal → telephone band → back at `sampleRate`. `atNarrowband` may change the 8 kHz
 * signal before companding (line noise, level), as a real channel would.
 */
export function telephoneChain(y: Float32Array, sampleRate: number, atNarrowband?: (narrow: Float32Array) => Float32Array): Float32Array {
  const band = butterworth(butterworth(y, sampleRate, 300, 'high'), sampleRate, 3400, 'low');
  let narrow = resampleSinc(band, sampleRate, TELEPHONE_RATE);
  if (atNarrowband) narrow = atNarrowband(narrow);
  return resampleSinc(muLawRoundTrip(narrow), TELEPHONE_RATE, sampleRate);
}
