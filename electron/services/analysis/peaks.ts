/**
 * Waveform peaks built while the audio streams past: min/max per bucket at several zoom levels, so
 * the renderer can draw an hour-long call at any zoom without ever decoding it. Each level is built
 * from the float min/max of the level below (the sizes are multiples), so every level is exact.
 */
import type { PeaksPyramid, PeaksPyramidLevel } from './analysis-types';

/** Samples per peak at the analysis rate. At 22 050 Hz: 1.5 ms … 1.5 s per bucket. */
export const PEAK_LEVELS: readonly number[] = [32, 128, 512, 2048, 8192, 32768];

/** -1..1 → -127..127, rounded outwards so a drawn peak never looks smaller than the signal. */
export function quantiseMin(value: number): number {
  return Math.max(-127, Math.min(127, Math.floor(value * 127)));
}

export function quantiseMax(value: number): number {
  return Math.max(-127, Math.min(127, Math.ceil(value * 127)));
}

/**
 * An Int8Array built in fixed-size chunks: no doubling (which would hold up to twice the data, and
 * three times while copying), and no whole-signal array until `toArray` makes the exact one.
 */
class ChunkedInt8 {
  private static readonly CHUNK = 1 << 16;
  private readonly full: Int8Array[] = [];
  private chunk = new Int8Array(ChunkedInt8.CHUNK);
  private used = 0;

  push2(a: number, b: number): void {
    if (this.used === ChunkedInt8.CHUNK) {
      this.full.push(this.chunk);
      this.chunk = new Int8Array(ChunkedInt8.CHUNK);
      this.used = 0;
    }
    this.chunk[this.used++] = a;
    this.chunk[this.used++] = b;
  }

  toArray(): Int8Array {
    const out = new Int8Array(this.full.length * ChunkedInt8.CHUNK + this.used);
    this.full.forEach((chunk, i) => out.set(chunk, i * ChunkedInt8.CHUNK));
    out.set(this.chunk.subarray(0, this.used), this.full.length * ChunkedInt8.CHUNK);
    return out;
  }
}

/** Peaks of one channel. Call `push` with consecutive chunks, then `finish` once. */
export class PeaksBuilder {
  /**
   * Per level: how many buckets of the level below make one here (level 0: samples), how many
   * it has, and the open bucket's min/max. Typed arrays rather than fields of level objects: a
   * double passed to `emit` or stored in an object was boxed, ~30 bytes of garbage per 32 samples
   * (about 2 MB a 3-minute stereo call, GC at 11–13% of an analysis thread).
   */
  private readonly ratio: Int32Array;
  private readonly count: Int32Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly out: ChunkedInt8[];

  constructor(levels: readonly number[] = PEAK_LEVELS) {
    levels.forEach((samplesPerPeak, i) => {
      const below = i === 0 ? 1 : levels[i - 1];
      if (!Number.isInteger(samplesPerPeak) || samplesPerPeak % below !== 0 || (i > 0 && samplesPerPeak <= below)) {
        throw new Error(`peak levels must be increasing multiples of each other: ${levels.join(', ')}`);
      }
    });
    this.ratio = Int32Array.from(levels, (spp, i) => spp / (i === 0 ? 1 : levels[i - 1]));
    this.count = new Int32Array(levels.length);
    this.min = new Float64Array(levels.length).fill(Infinity);
    this.max = new Float64Array(levels.length).fill(-Infinity);
    this.out = levels.map(() => new ChunkedInt8());
  }

  push(samples: Float32Array): void {
    if (!this.ratio.length) return;
    const ratio = this.ratio[0];
    let count = this.count[0];
    let min = this.min[0];
    let max = this.max[0];
    // Bucket by bucket, so the per-sample loop carries no bookkeeping (this runs on every sample).
    for (let i = 0; i < samples.length; ) {
      const end = Math.min(samples.length, i + ratio - count);
      count += end - i;
      for (; i < end; i++) {
        const v = samples[i];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (count === ratio) {
        this.min[0] = min;
        this.max[0] = max;
        this.emit(0);
        count = 0;
        min = Infinity;
        max = -Infinity;
      }
    }
    this.count[0] = count;
    this.min[0] = min;
    this.max[0] = max;
  }

  /** Closes the partial buckets (the tail of the call) and returns one Int8Array per level. */
  finish(): Int8Array[] {
    for (let i = 0; i < this.ratio.length; i++) {
      if (this.count[i] > 0) this.emit(i);
      this.count[i] = 0;
    }
    return this.out.map((out) => out.toArray());
  }

  /** Writes level `index`'s open bucket, passes its min/max up, and opens the next one. */
  private emit(index: number): void {
    const { min, max, count, ratio } = this;
    for (let level = index; ; level++) {
      const lo = min[level];
      const hi = max[level];
      this.out[level].push2(quantiseMin(lo), quantiseMax(hi));
      min[level] = Infinity;
      max[level] = -Infinity;
      const up = level + 1;
      if (up === ratio.length) return;
      if (lo < min[up]) min[up] = lo;
      if (hi > max[up]) max[up] = hi;
      if (++count[up] !== ratio[up]) return;
      count[up] = 0;
    }
  }
}

/** Assembles per-channel level arrays (as returned by `finish`) into the pyramid the store keeps. */
export function buildPyramid(sampleRate: number, perChannel: Int8Array[][], levels: readonly number[] = PEAK_LEVELS): PeaksPyramid {
  const out: PeaksPyramidLevel[] = levels.map((samplesPerPeak, i) => ({
    samplesPerPeak,
    channels: perChannel.map((channelLevels) => channelLevels[i]),
  }));
  return { sampleRate, levels: out };
}
