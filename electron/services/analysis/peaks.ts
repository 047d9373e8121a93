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

interface LevelState {
  samplesPerPeak: number;
  /** How many buckets of the level below make one here (level 0: samples). */
  ratio: number;
  count: number;
  min: number;
  max: number;
  out: ChunkedInt8;
}

/** Peaks of one channel. Call `push` with consecutive chunks, then `finish` once. */
export class PeaksBuilder {
  private readonly levels: LevelState[];

  constructor(levels: readonly number[] = PEAK_LEVELS) {
    this.levels = levels.map((samplesPerPeak, i) => {
      const below = i === 0 ? 1 : levels[i - 1];
      if (!Number.isInteger(samplesPerPeak) || samplesPerPeak % below !== 0 || (i > 0 && samplesPerPeak <= below)) {
        throw new Error(`peak levels must be increasing multiples of each other: ${levels.join(', ')}`);
      }
      return { samplesPerPeak, ratio: samplesPerPeak / below, count: 0, min: Infinity, max: -Infinity, out: new ChunkedInt8() };
    });
  }

  push(samples: Float32Array): void {
    const base = this.levels[0];
    const ratio = base.ratio;
    let { count, min, max } = base;
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
        this.emit(0, min, max);
        count = 0;
        min = Infinity;
        max = -Infinity;
      }
    }
    base.count = count;
    base.min = min;
    base.max = max;
  }

  /** Closes the partial buckets (the tail of the call) and returns one Int8Array per level. */
  finish(): Int8Array[] {
    for (let i = 0; i < this.levels.length; i++) {
      const level = this.levels[i];
      if (level.count > 0) this.emit(i, level.min, level.max);
      level.count = 0;
    }
    return this.levels.map((level) => level.out.toArray());
  }

  private emit(index: number, min: number, max: number): void {
    const level = this.levels[index];
    level.out.push2(quantiseMin(min), quantiseMax(max));
    const up = this.levels[index + 1];
    if (!up) return;
    if (min < up.min) up.min = min;
    if (max > up.max) up.max = max;
    if (++up.count === up.ratio) {
      this.emit(index + 1, up.min, up.max);
      up.count = 0;
      up.min = Infinity;
      up.max = -Infinity;
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
