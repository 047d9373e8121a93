/** Small synthetic recordings for the analysis tests: speech-like bursts over faint noise, as WAV. */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../../../../../ml/train/random';

/** Deterministic pseudo-random numbers, so fixtures are identical on every run. */
export const rng = mulberry32;

export interface Burst { start: number; end: number; amplitude?: number }

/**
 * Gaussian-ish noise at `noiseRms`, plus voiced bursts: a 140 Hz harmonic series with a 4 Hz
 * syllable envelope that never falls to silence, with 10 ms ramps at the edges.
 */
export function synthParty(durationS: number, sampleRate: number, bursts: readonly Burst[], seed = 1, noiseRms = 0.002): Float32Array {
  const n = Math.round(durationS * sampleRate);
  const y = new Float32Array(n);
  const rand = rng(seed);
  for (let i = 0; i < n; i++) y[i] = noiseRms * Math.sqrt(3) * (rand() + rand() + rand() + rand() - 2) / Math.sqrt(4 / 3);
  for (const b of bursts) {
    const a = b.amplitude ?? 0.3;
    const s0 = Math.round(b.start * sampleRate);
    const s1 = Math.min(n, Math.round(b.end * sampleRate));
    const ramp = Math.round(0.01 * sampleRate);
    for (let i = s0; i < s1; i++) {
      const t = i / sampleRate;
      const edge = Math.min(1, (i - s0) / ramp, (s1 - i) / ramp);
      const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(2 * Math.PI * 140 * h * t) / h;
      y[i] += a * edge * syllable * v * 0.4;
    }
  }
  return y;
}

/** 16-bit PCM WAV with interleaved channels. */
export function writeWav(path: string, channels: readonly Float32Array[], sampleRate: number): void {
  const frames = channels[0].length;
  const data = Buffer.alloc(frames * channels.length * 2);
  for (let i = 0, o = 0; i < frames; i++) {
    for (const c of channels) {
      data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, c[i])) * 32767), o);
      o += 2;
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels.length, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels.length * 2, 28);
  header.writeUInt16LE(channels.length * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}
