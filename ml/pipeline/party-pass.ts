/**
 * THE party pass: one party's PCM, as it streams past, turned into speech spans, windows and one
 * pooled vector per window. Speech is found by the energy VAD; as soon as a span closes its frame
 * features are computed (one STFT over the speech, none over silence) with the party's one chroma
 * tuning (SpanFeaturiser) and pooled into windows. Only the recent audio is kept. Analysis
 * (PartyAnalyser) and retraining (correction-features) both run this class, so a window means
 * the same thing to the model that was trained on corrections and to the one analysing a call.
 */
import type { FrameFeatures } from '../dsp';
import { poolWindow } from '../model/pooling';
import { EnergyVad, type EnergyVadOptions } from '../segment/energy-vad';
import type { TimeSpan } from '../segment/spans';
import { planWindows, windowFrames, type WindowOptions } from '../segment/windows';
import { SampleBuffer } from './sample-buffer';
import { SpanFeaturiser } from './span-featuriser';

export type FrameRange = readonly [number, number];

/** A closed speech span (seconds) and its frame features, whose frame 0 is at `span.start`. */
export type SpanHandler = (span: TimeSpan, frames: FrameFeatures) => void;

export interface PartyPassOptions {
  sampleRate: number;
  vad?: Omit<EnergyVadOptions, 'sampleRate'>;
  windows?: WindowOptions;
  /** Pools frame ranges into vectors (default: the full poolWindow vector); a model may cut it to its input. */
  pool?: (frames: FrameFeatures, ranges: readonly FrameRange[]) => Float32Array[];
  /** Sees every span's frames after its windows were pooled (retraining lays labels over them). */
  onSpan?: SpanHandler;
}

/** Frame ranges of `planned` windows (seconds) in frames whose frame 0 is at `framesStartS`. */
export function windowRanges(frames: FrameFeatures, planned: readonly TimeSpan[], framesStartS: number): FrameRange[] {
  return planned.map((w) => windowFrames(w, framesStartS, frames.sampleRate, frames.hopLength, frames.nFrames));
}

export const fullPool = (frames: FrameFeatures, ranges: readonly FrameRange[]): Float32Array[] => ranges.map(([s, e]) => poolWindow(frames, s, e));

export class PartyPass {
  readonly sampleRate: number;
  /** Speech spans in seconds, in order. */
  readonly spans: TimeSpan[] = [];
  /** Windows in seconds, in order, one per pooled vector. */
  readonly windows: TimeSpan[] = [];
  readonly pooled: Float32Array[] = [];
  private readonly vad: EnergyVad;
  private readonly buffer = new SampleBuffer();
  private readonly featuriser: SpanFeaturiser;
  private readonly pool: NonNullable<PartyPassOptions['pool']>;
  private count = 0;

  constructor(private readonly options: PartyPassOptions) {
    this.sampleRate = options.sampleRate;
    this.pool = options.pool ?? fullPool;
    this.vad = new EnergyVad({ ...options.vad, sampleRate: this.sampleRate });
    this.featuriser = new SpanFeaturiser(this.sampleRate, (span, frames) => {
      const sr = this.sampleRate;
      this.addSpan({ start: span.start / sr, end: span.end / sr }, frames);
    });
  }

  /** Samples seen so far. */
  get samples(): number {
    return this.count;
  }

  /** The party's chroma tuning, once estimated (undefined before its first TUNING_SPEECH_S of speech). */
  get tuning(): number | undefined {
    return this.featuriser.tuning;
  }

  /** Consecutive samples of this party. Synchronous: features are computed here, span by span. */
  push(samples: Float32Array): void {
    this.count += samples.length;
    this.buffer.append(samples);
    for (const span of this.vad.push(samples)) this.featuriser.add(span, this.buffer.view(span.start, span.end));
    this.buffer.discardBefore(this.vad.keepFrom());
  }

  /** Closes the last span and featurises what still waits for the tuning. */
  finish(): void {
    for (const span of this.vad.finish()) this.featuriser.add(span, this.buffer.view(span.start, span.end));
    this.featuriser.finish();
  }

  private addSpan(time: TimeSpan, frames: FrameFeatures): void {
    this.spans.push(time);
    const planned = planWindows(time, this.options.windows);
    this.windows.push(...planned);
    this.pooled.push(...this.pool(frames, windowRanges(frames, planned, time.start)));
    this.options.onSpan?.(time, frames);
  }
}
