import { describe, expect, it } from 'vitest';
import { pitchFrames } from '../../../../ml/dsp';

const HOP = 512;
const framesOf = (y: Float32Array, hop = HOP): number => 1 + Math.floor(y.length / hop);

/** A voiced-like tone: fundamental plus decaying harmonics, optionally without the fundamental. */
function harmonicTone(f0: (t: number) => number, seconds: number, sampleRate: number, options: { firstHarmonic?: number } = {}): Float32Array {
  const y = new Float32Array(Math.round(seconds * sampleRate));
  let phase = 0;
  for (let i = 0; i < y.length; i++) {
    phase += (2 * Math.PI * f0(i / sampleRate)) / sampleRate;
    let v = 0;
    for (let h = options.firstHarmonic ?? 1; h <= 8; h++) v += Math.sin(h * phase) / h;
    y[i] = 0.2 * v;
  }
  return y;
}

function noise(seconds: number, sampleRate: number, seed = 3): Float32Array {
  let s = seed;
  return Float32Array.from({ length: Math.round(seconds * sampleRate) }, () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.5);
}

describe('pitchFrames', () => {
  it('finds the f0 of steady voiced tones from 80 to 450 Hz within 1%', () => {
    for (const hz of [80, 110, 165, 220, 330, 450]) {
      const y = harmonicTone(() => hz, 1, 22050);
      const { f0, voicing } = pitchFrames(y, 22050, HOP, framesOf(y));
      for (let t = 5; t < 35; t++) {
        expect(Math.abs(f0[t] / hz - 1)).toBeLessThan(0.01);
        expect(voicing[t]).toBeGreaterThan(0.9);
      }
    }
  });

  it('hears the missing fundamental of a telephone band voice (harmonics 3 and up only)', () => {
    const y = harmonicTone(() => 110, 1, 22050, { firstHarmonic: 3 });
    const { f0 } = pitchFrames(y, 22050, HOP, framesOf(y));
    expect(Math.abs(f0[20] / 110 - 1)).toBeLessThan(0.01);
  });

  it('follows a glide frame by frame, one value per STFT frame', () => {
    const glide = (t: number): number => 120 + 100 * t; // 120 -> 320 Hz over 2 s
    const y = harmonicTone(glide, 2, 22050);
    const n = framesOf(y);
    const { f0 } = pitchFrames(y, 22050, HOP, n);
    expect(f0).toHaveLength(n);
    for (let t = 10; t < n - 10; t += 7) expect(Math.abs(f0[t] / glide((t * HOP) / 22050) - 1)).toBeLessThan(0.03);
  });

  it('calls white noise unvoiced and leaves silence at zero', () => {
    const y = noise(1, 22050);
    const { voicing } = pitchFrames(y, 22050, HOP, framesOf(y));
    const mean = voicing.slice(5, 35).reduce((a, b) => a + b, 0) / 30;
    expect(mean).toBeLessThan(0.45);
    const quiet = pitchFrames(new Float32Array(22050), 22050, HOP, framesOf(new Float32Array(22050)));
    expect(quiet.f0.every((v) => v === 0)).toBe(true);
    expect(quiet.voicing.every((v) => v === 0)).toBe(true);
  });

  it('works at other sample rates (8 kHz, 16 kHz) with their own hop', () => {
    for (const sr of [8000, 16000]) {
      const y = harmonicTone(() => 200, 1, sr);
      const hop = Math.round((HOP * sr) / 22050);
      const { f0 } = pitchFrames(y, sr, hop, framesOf(y, hop));
      expect(Math.abs(f0[20] / 200 - 1)).toBeLessThan(0.01);
    }
  });
});
