import type { PeaksInfo } from '../../../electron/shared/domain';
import { levelWithin, MAX_RANGE_BUCKETS, splitPeaksRange } from '../../../electron/shared/peaks';

/** Fetches buckets [start, start + count) of one level (`recordings.peaksRange`). */
export type FetchPeaksRange = (level: number, start: number, count: number) => Promise<Uint8Array>;

/** Buckets per channel fetched when a call opens: the whole call at a coarse level. */
export const OVERVIEW_BUCKETS = 50_000;
/**
 * The finest level whose whole-call array fits this per channel holds the drawn samples; it is
 * filled from the overview and then, range by range, with its own peaks as the view zooms in.
 * An hour at 22 050 Hz fits level 128 (5.8 ms buckets): real detail at the deepest zoom.
 */
export const DETAIL_BUCKETS = 700_000;
/** Buckets fetched per request (well under the contract's cap). */
const CHUNK_BUCKETS = Math.min(32_768, MAX_RANGE_BUCKETS);

type Level = PeaksInfo['levels'][number];

/** -127..127 → -1..1 (wavesurfer reads interleaved min/max as samples). */
const SCALE = 1 / 127;

/**
 * The waveform's data: per channel one Float32Array of interleaved min/max at the detail level,
 * which wavesurfer draws. `ensure` fetches the detail level by range for what is on screen and
 * patches it in place (the arrays keep their identity, so a re-render shows the new samples).
 */
export class PeaksSource {
  readonly channels: Float32Array[];
  private readonly loaded = new Set<number>();
  private pending: Promise<boolean> | null = null;

  private constructor(
    private readonly info: PeaksInfo,
    private readonly fetchRange: FetchPeaksRange,
    readonly overview: Level,
    readonly detail: Level,
    overviewPeaks: Int8Array[],
  ) {
    const ratio = Math.round(overview.samplesPerPeak / detail.samplesPerPeak);
    this.channels = overviewPeaks.map((coarse) => {
      const out = new Float32Array(detail.buckets * 2);
      for (let j = 0; j < detail.buckets; j++) {
        const k = Math.min(Math.floor(j / ratio), coarse.length / 2 - 1) * 2;
        out[2 * j] = coarse[k] * SCALE;
        out[2 * j + 1] = coarse[k + 1] * SCALE;
      }
      return out;
    });
    // When one level serves both, everything is already here.
    if (detail.level === overview.level) for (let c = 0; c * CHUNK_BUCKETS < detail.buckets; c++) this.loaded.add(c);
  }

  /** Fetches the overview level whole and lays it out at the detail level. */
  static async open(info: PeaksInfo, fetchRange: FetchPeaksRange): Promise<PeaksSource> {
    if (info.levels.length === 0 || info.channels === 0) throw new Error('no waveform peaks');
    const overview = levelWithin(info.levels, OVERVIEW_BUCKETS);
    const detail = levelWithin(info.levels, DETAIL_BUCKETS);
    const parts = await Promise.all(
      Array.from({ length: Math.ceil(overview.buckets / CHUNK_BUCKETS) }, (_, c) => fetchRange(overview.level, c * CHUNK_BUCKETS, CHUNK_BUCKETS)),
    );
    const peaks = Array.from({ length: info.channels }, () => new Int8Array(overview.buckets * 2));
    parts.forEach((bytes, c) =>
      splitPeaksRange(bytes, info.channels).forEach((part, channel) => {
        const offset = c * CHUNK_BUCKETS * 2;
        // Never trust an answer's length past the level's size.
        peaks[channel].set(part.subarray(0, Math.max(0, peaks[channel].length - offset)), offset);
      }),
    );
    return new PeaksSource(info, fetchRange, overview, detail, peaks);
  }

  /** Seconds of audio covered (the finest level's buckets). */
  get duration(): number {
    const finest = this.info.levels[0];
    return (finest.buckets * finest.samplesPerPeak) / this.info.sampleRate;
  }

  bucketsPerSecond(level: Level): number {
    return this.info.sampleRate / level.samplesPerPeak;
  }

  /**
   * Makes sure the detail level is loaded for [startS, endS] when the overview would be coarser
   * than the screen (under one bucket per pixel). Resolves true when new samples were patched in.
   */
  ensure(startS: number, endS: number, pxPerSec: number): Promise<boolean> {
    if (pxPerSec <= this.bucketsPerSecond(this.overview)) return Promise.resolve(false);
    const rate = this.bucketsPerSecond(this.detail);
    const first = Math.max(0, Math.floor((startS * rate) / CHUNK_BUCKETS));
    const last = Math.min(Math.ceil(this.detail.buckets / CHUNK_BUCKETS) - 1, Math.floor((endS * rate) / CHUNK_BUCKETS));
    const missing: number[] = [];
    for (let c = first; c <= last; c++) if (!this.loaded.has(c)) missing.push(c);
    if (missing.length === 0) return Promise.resolve(false);
    // One batch at a time: a scroll while fetching asks again afterwards for what is still missing.
    const previous = this.pending ?? Promise.resolve(false);
    const next = previous.then(() => this.load(missing)).finally(() => {
      if (this.pending === next) this.pending = null;
    });
    this.pending = next;
    return next;
  }

  private async load(chunks: number[]): Promise<boolean> {
    const wanted = chunks.filter((c) => !this.loaded.has(c));
    const parts = await Promise.all(wanted.map((c) => this.fetchRange(this.detail.level, c * CHUNK_BUCKETS, CHUNK_BUCKETS)));
    parts.forEach((bytes, i) => {
      const offset = wanted[i] * CHUNK_BUCKETS * 2;
      splitPeaksRange(bytes, this.info.channels).forEach((part, channel) => {
        const target = this.channels[channel];
        for (let k = 0; k < part.length && offset + k < target.length; k++) target[offset + k] = part[k] * SCALE;
      });
      this.loaded.add(wanted[i]);
    });
    return wanted.length > 0;
  }
}
