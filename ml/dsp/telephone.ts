/**
 * The telephone chain in process: 300–3400 Hz band (2-pole Butterworth biquads, as ffmpeg's
 * highpass/lowpass), down to 8 kHz, μ-law round trip (G.711), back up to the analysis rate.
 */
import { besselI0, kaiserTaper } from './resample';

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
 * Band-limited resampling with a Kaiser-windowed sinc (16 zero crossings, β = 8.6), the window
 * from the DSP's one Kaiser (resample.ts). Shorter than resampleKaiserBest (librosa's 50-crossing
 * filter, kept for parity with librosa): every telephone-condition feature, cached or shipped in
 * the model's figures, was made with this one, so it changes only with a new cache key.
 */
export function resampleSinc(y: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return new Float32Array(y);
  const ratio = to / from;
  const cutoff = Math.min(1, ratio) * 0.95;
  const zeroCrossings = 16;
  const half = Math.ceil(zeroCrossings / cutoff);
  const beta = 8.6;
  const i0Beta = besselI0(beta);
  const table = new Float64Array(4097);
  for (let i = 0; i < table.length; i++) table[i] = kaiserTaper(beta, i / (table.length - 1), i0Beta);
  const n = Math.floor(y.length * ratio);
  const out = new Float32Array(n);
  for (let m = 0; m < n; m++) {
    const t = m / ratio;
    const centre = Math.floor(t);
    let acc = 0;
    for (let k = centre - half + 1; k <= centre + half; k++) {
      if (k < 0 || k >= y.length) continue;
      const x = t - k;
      const u = x / half;
      if (u <= -1 || u >= 1) continue;
      const arg = Math.PI * cutoff * x;
      const sinc = arg === 0 ? 1 : Math.sin(arg) / arg;
      acc += y[k] * cutoff * sinc * table[Math.round(Math.abs(u) * (table.length - 1))];
    }
    out[m] = acc;
  }
  return out;
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
