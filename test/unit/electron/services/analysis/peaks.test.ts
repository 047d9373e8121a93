import { describe, expect, it } from 'vitest';
import { buildPyramid, PeaksBuilder, quantiseMax, quantiseMin } from '../../../../../electron/services/analysis/peaks';
import { rng } from './synth';

function bruteForce(y: Float32Array, samplesPerPeak: number): Int8Array {
  const buckets = Math.ceil(y.length / samplesPerPeak);
  const out = new Int8Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = b * samplesPerPeak; i < Math.min(y.length, (b + 1) * samplesPerPeak); i++) {
      min = Math.min(min, y[i]);
      max = Math.max(max, y[i]);
    }
    out[2 * b] = quantiseMin(min);
    out[2 * b + 1] = quantiseMax(max);
  }
  return out;
}

describe('PeaksBuilder', () => {
  it('matches a brute-force min/max at every level, whatever the chunking', () => {
    const rand = rng(42);
    const y = new Float32Array(100_003);
    for (let i = 0; i < y.length; i++) y[i] = Math.sin(i / 50) * 0.7 + (rand() - 0.5) * 0.3;
    const levels = [32, 128, 512, 2048];
    for (const chunk of [1, 997, 100_003]) {
      const builder = new PeaksBuilder(levels);
      for (let i = 0; i < y.length; i += chunk) builder.push(y.subarray(i, i + chunk));
      const got = builder.finish();
      levels.forEach((spp, l) => expect(got[l]).toEqual(bruteForce(y, spp)));
    }
  });

  it('stays exact when a level outgrows its storage chunks (64 KB)', () => {
    const rand = rng(7);
    const y = Float32Array.from({ length: 100_003 }, () => rand() * 2 - 1);
    const builder = new PeaksBuilder([1, 2]);
    for (let i = 0; i < y.length; i += 4096) builder.push(y.subarray(i, i + 4096));
    const [one, two] = builder.finish();
    expect(one.length).toBe(2 * y.length); // 200 006 bytes: four chunks
    expect(one).toEqual(bruteForce(y, 1));
    expect(two).toEqual(bruteForce(y, 2));
  });

  it('quantises outwards and clamps to ±127', () => {
    expect(quantiseMin(-1.5)).toBe(-127);
    expect(quantiseMax(2)).toBe(127);
    expect(quantiseMin(0.001)).toBe(0);
    expect(quantiseMax(0.001)).toBe(1);
  });

  it('rejects levels that are not multiples of each other and assembles per-channel pyramids', () => {
    expect(() => new PeaksBuilder([32, 100])).toThrow();
    const a = new PeaksBuilder([4, 8]);
    const b = new PeaksBuilder([4, 8]);
    a.push(Float32Array.from([0, 1, 0, -1, 0.5]));
    b.push(Float32Array.from([0, 0, 0, 0, 0]));
    const pyramid = buildPyramid(8000, [a.finish(), b.finish()], [4, 8]);
    expect(pyramid.levels[0].samplesPerPeak).toBe(4);
    expect(Array.from(pyramid.levels[0].channels[0])).toEqual([-127, 127, 63, 64]);
    expect(Array.from(pyramid.levels[1].channels[1])).toEqual([0, 0]);
  });
});
