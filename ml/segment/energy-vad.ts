/**
 * Streaming energy VAD for one party's channel: 10 ms frame energies against an adaptive noise floor
 * (a low percentile of the last 30 s, so a few loud or silent frames cannot drag it), hysteresis
 * (a louder level to start than to continue) and a hangover that bridges the pauses between words.
 * A span's edges then follow its level: a quiet utterance's soft onset and tail sink into the noise,
 * so the quieter the span, the more it is extended (`edgeDb` and the pads per dB). Defaults were
 * chosen on the validation calls by speech-frame F1 (`scripts/vad-grid.ts`; docs/MODEL.md, "Speech
 * detection: edges that follow the level"); a trim of each span to within 30 dB of its loudest frame
 * was tried and lost recall on telephone-band audio.
 *
 * Decisions lag the input by `lookaheadS` so that the floor at the start of a call is already
 * informed by what follows. Memory is bounded by the floor window and `maxSpanS`.
 */
import type { SampleSpan } from './spans';

export interface EnergyVadOptions {
  sampleRate: number;
  frameS?: number;
  /** Start of speech: a frame this many dB above the noise floor. */
  onDb?: number;
  /** Speech continues while frames stay this many dB above the floor. */
  offDb?: number;
  /** Silence shorter than this inside speech is bridged. */
  hangoverS?: number;
  /** Spans shorter than this (clicks, breaths) are dropped. */
  minSpeechS?: number;
  /** Pre- and post-roll added to every span (at most the hangover): soft onsets and tails. */
  padS?: number;
  /**
   * A span's voiced extent reaches down to this many dB below its loudest frame. Where that lies
   * under the continuation level (a quiet utterance, whose soft onset and tail sink into the
   * noise), the span is extended by `onsetPadSPerDb` / `offsetPadSPerDb` per dB of the difference,
   * up to `maxEdgePadS`: the quieter the utterance, the more of it is below what the floor lets us see.
   */
  edgeDb?: number;
  onsetPadSPerDb?: number;
  offsetPadSPerDb?: number;
  maxEdgePadS?: number;
  /** Longer speech is cut into consecutive spans of at most this length (bounds memory). */
  maxSpanS?: number;
  /** Nothing quieter than this (dBFS) is speech, whatever the floor: digital silence. */
  absoluteFloorDb?: number;
  floorWindowS?: number;
  floorPercentile?: number;
  lookaheadS?: number;
}

const HIST_MIN_DB = -130;
const HIST_BIN_DB = 0.5;
const HIST_BINS = 280;

/** Frame energies (dB) of the last `capacity` frames, with a histogram for percentile queries. */
class FloorTracker {
  private readonly ring: Float32Array;
  private readonly counts = new Int32Array(HIST_BINS);
  private size = 0;
  private head = 0;

  constructor(capacity: number, private readonly percentile: number) {
    this.ring = new Float32Array(capacity);
  }

  private static bin(db: number): number {
    return Math.max(0, Math.min(HIST_BINS - 1, Math.floor((db - HIST_MIN_DB) / HIST_BIN_DB)));
  }

  add(db: number): void {
    if (this.size === this.ring.length) this.counts[FloorTracker.bin(this.ring[this.head])]--;
    else this.size++;
    this.ring[this.head] = db;
    this.head = (this.head + 1) % this.ring.length;
    this.counts[FloorTracker.bin(db)]++;
  }

  floor(): number {
    const target = Math.max(1, Math.ceil(this.percentile * this.size));
    let seen = 0;
    for (let b = 0; b < HIST_BINS; b++) {
      seen += this.counts[b];
      if (seen >= target) return HIST_MIN_DB + (b + 0.5) * HIST_BIN_DB;
    }
    return HIST_MIN_DB;
  }
}

export class EnergyVad {
  readonly hop: number;
  private readonly on: number;
  private readonly off: number;
  private readonly hangover: number;
  private readonly minSpeech: number;
  private readonly pad: number;
  private readonly edgeDb: number;
  private readonly onsetPadPerDb: number;
  private readonly offsetPadPerDb: number;
  private readonly maxEdgePad: number;
  private readonly maxSpan: number;
  private readonly lookahead: number;
  private readonly absFloor: number;
  private readonly tracker: FloorTracker;
  /** dB of the frames not yet decided and of the last `hangover` frames (a sliding window). */
  private dbs = new Float32Array(4096);
  private dbsStart = 0;
  private dbsEnd = 0;
  private acc = 0;
  private accCount = 0;
  private decided = 0;
  private spanStart = -1;
  /** The open span continues one that was cut at maxSpan: its start is not an onset. */
  private continuation = false;
  /** Loudest frame (dB) of the open span, and the continuation level at its onset. */
  private spanPeak = -Infinity;
  private spanOff = 0;
  private lastActive = -1;
  private lastEnd = 0;
  private out: SampleSpan[] = [];
  private floorCache = 0;
  /** Samples pushed so far: the last frame may be partial, and spans never end past the input. */
  private samples = 0;

  constructor(options: EnergyVadOptions) {
    const fps = 1 / (options.frameS ?? 0.01);
    this.hop = Math.max(1, Math.round(options.sampleRate / fps));
    const frames = (s: number): number => Math.round((s * options.sampleRate) / this.hop);
    this.on = options.onDb ?? 8;
    this.off = options.offDb ?? 3;
    this.hangover = frames(options.hangoverS ?? 0.3);
    this.minSpeech = frames(options.minSpeechS ?? 0.12);
    this.pad = Math.min(this.hangover, frames(options.padS ?? 0));
    this.edgeDb = options.edgeDb ?? 28;
    // Per dB, in frames (fractional); the pads are rounded once per span.
    this.onsetPadPerDb = ((options.onsetPadSPerDb ?? 0.006) * options.sampleRate) / this.hop;
    this.offsetPadPerDb = ((options.offsetPadSPerDb ?? 0.01) * options.sampleRate) / this.hop;
    this.maxEdgePad = frames(options.maxEdgePadS ?? 0.5);
    this.maxSpan = Math.max(1, frames(options.maxSpanS ?? 30));
    this.lookahead = frames(options.lookaheadS ?? 2);
    this.absFloor = options.absoluteFloorDb ?? -70;
    this.tracker = new FloorTracker(Math.max(1, frames(options.floorWindowS ?? 30)), options.floorPercentile ?? 0.1);
  }

  /** Feeds consecutive samples; returns the spans (in samples) closed by them. */
  push(samples: Float32Array): SampleSpan[] {
    let acc = this.acc;
    let count = this.accCount;
    const hop = this.hop;
    this.samples += samples.length;
    for (let i = 0; i < samples.length; ) {
      const end = Math.min(samples.length, i + hop - count);
      count += end - i;
      for (; i < end; i++) acc += samples[i] * samples[i];
      if (count === hop) {
        this.addFrame(10 * Math.log10(acc / hop + 1e-13));
        acc = 0;
        count = 0;
      }
    }
    this.acc = acc;
    this.accCount = count;
    while (this.dbsEnd - this.decided > this.lookahead) this.decide();
    return this.take();
  }

  /** Ends the stream: decides the remaining frames and closes any open span. */
  finish(): SampleSpan[] {
    if (this.accCount > 0) this.addFrame(10 * Math.log10(this.acc / this.accCount + 1e-13));
    this.accCount = 0;
    while (this.decided < this.dbsEnd) this.decide();
    if (this.spanStart >= 0) this.close(this.lastActive + 1);
    return this.take();
  }

  /** Samples before this index can no longer belong to a future span: callers may drop them. */
  keepFrom(): number {
    const open = this.spanStart >= 0 ? this.spanStart : this.decided - this.hangover;
    const frame = Math.max(this.lastEnd, open - Math.max(this.pad, this.maxEdgePad));
    return frame * this.hop;
  }

  private take(): SampleSpan[] {
    const spans = this.out;
    this.out = [];
    return spans;
  }

  private db(frame: number): number {
    return this.dbs[frame - this.dbsStart];
  }

  private addFrame(db: number): void {
    this.tracker.add(db);
    // Still needed: what an onset may walk back over, and the lookahead.
    const keep = this.decided - this.hangover;
    if (keep > this.dbsStart && this.dbsEnd - this.dbsStart === this.dbs.length) {
      const from = keep - this.dbsStart;
      this.dbs.copyWithin(0, from, this.dbsEnd - this.dbsStart);
      this.dbsStart = keep;
    }
    if (this.dbsEnd - this.dbsStart === this.dbs.length) {
      const next = new Float32Array(this.dbs.length * 2);
      next.set(this.dbs);
      this.dbs = next;
    }
    this.dbs[this.dbsEnd - this.dbsStart] = db;
    this.dbsEnd++;
  }

  private decide(): void {
    const f = this.decided++;
    // The floor moves slowly (a percentile of 30 s): one query per 10 frames is plenty.
    if (f % 10 === 0) this.floorCache = this.tracker.floor();
    const floor = this.floorCache;
    const e = this.db(f);
    const on = Math.max(floor + this.on, this.absFloor);
    const off = Math.max(floor + this.off, this.absFloor);
    if (this.spanStart < 0) {
      if (e <= on) return;
      // Onsets rise through the continuation level first: walk back over them.
      let start = f;
      const limit = Math.max(this.lastEnd, this.dbsStart, f - this.hangover);
      while (start - 1 >= limit && this.db(start - 1) > off) start--;
      this.spanStart = start;
      this.continuation = false;
      this.spanPeak = e;
      this.spanOff = off;
      this.lastActive = f;
      return;
    }
    if (e > off) this.lastActive = f;
    if (e > this.spanPeak) this.spanPeak = e;
    if (f - this.lastActive > this.hangover) this.close(this.lastActive + 1);
    else if (f + 1 - this.spanStart >= this.maxSpan) {
      this.close(f + 1, true);
      this.spanStart = f + 1;
      this.continuation = true;
      this.spanPeak = -Infinity;
      this.lastActive = f;
    }
  }

  private close(endFrame: number, forced = false): void {
    let start = this.spanStart;
    let end = endFrame;
    const continuation = this.continuation;
    this.spanStart = -1;
    if (!forced && !continuation && end - start < this.minSpeech) return;
    if (end <= start) return;
    // How far the span's voiced extent lies below what the floor lets us see (0 for loud spans).
    const hidden = Math.max(0, this.spanOff - (this.spanPeak - this.edgeDb));
    const onsetPad = Math.max(this.pad, Math.min(this.maxEdgePad, Math.round(this.onsetPadPerDb * hidden)));
    const offsetPad = Math.max(this.pad, Math.min(this.maxEdgePad, Math.round(this.offsetPadPerDb * hidden)));
    // Edges made by a maxSpan cut are inside speech: only real onsets and offsets are padded.
    if (!continuation) start = Math.max(this.lastEnd, start - onsetPad);
    if (!forced) end = Math.min(this.dbsEnd, end + offsetPad);
    this.lastEnd = end;
    this.out.push({ start: start * this.hop, end: Math.min(this.samples, end * this.hop) });
  }
}
