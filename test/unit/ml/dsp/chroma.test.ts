/**
 * The sparse chroma product (a window of 7 pitch classes per bin above the lowest bins) against the
 * dense filter bank, on spectra built to stress it: broadband noise, single sharp peaks anywhere,
 * and both at once, for several tunings and sample rates.
 */
import { describe, expect, it } from 'vitest';
import { chromaFilterbankDense } from '../../../../ml/dsp';
import { chromaBank, chromaFrame } from '../../../../ml/dsp/chroma';

const f32 = Math.fround;

function denseChroma(w: Float32Array, bins: number, mag: Float32Array): Float64Array {
  const raw = new Float64Array(12);
  for (let c = 0; c < 12; c++) {
    let sum = 0;
    for (let k = 0; k < bins; k++) sum += w[c * bins + k] * f32(mag[k] * mag[k]);
    raw[c] = f32(sum);
  }
  const max = Math.max(...raw);
  return raw.map((v) => (max < 1.1754943508222875e-38 ? v : v / max));
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('sparse chroma filter bank', () => {
  for (const sampleRate of [8000, 16000, 22050, 44100]) {
    it(`matches the dense product within float32 resolution at ${sampleRate} Hz`, () => {
      const rnd = lcg(sampleRate);
      const bins = 1025;
      let worst = 0;
      for (const tuning of [-0.5, -0.13, 0, 0.27, 0.49]) {
        const w = chromaFilterbankDense(sampleRate, 2048, tuning, 12);
        const bank = chromaBank(sampleRate, 2048, tuning);
        for (let trial = 0; trial < 40; trial++) {
          const mag = new Float32Array(bins);
          const noise = trial % 3 !== 1 ? 1e-3 * rnd() : 0;
          for (let k = 0; k < bins; k++) mag[k] = noise * rnd();
          if (trial % 3 !== 0) mag[Math.floor(rnd() * bins)] = 10 * rnd() + 1; // one sharp peak
          const out = new Float32Array(12);
          chromaFrame(bank, mag, 0, out, 1, 0);
          const ref = denseChroma(w, bins, mag);
          for (let c = 0; c < 12; c++) worst = Math.max(worst, Math.abs(out[c] - ref[c]));
        }
      }
      // Dropped weights change a value by < 12·1e-9; float32 rounding of the result adds ~6e-8.
      expect(worst).toBeLessThan(2e-7);
    });
  }
});
