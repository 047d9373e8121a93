/**
 * Frame features of one party's speech spans, with ONE chroma tuning for the party: estimated over
 * its first TUNING_SPEECH_S of speech (one voice, one line: a per-span estimate only adds noise and
 * costs a second look at every span's spectrum), then passed to the features of every span. Spans
 * that close before that much speech has been heard wait, as copies of their samples (a few MB at
 * most). Used by analysis and by retraining, so corrections are featurised as analysis saw them.
 */
import { computeFrameFeatures, estimateTuning, type FrameFeatures } from '../dsp';
import type { SampleSpan } from '../segment/spans';

/** Seconds of speech the party's tuning is estimated from. */
export const TUNING_SPEECH_S = 30;

export type SpanFramesHandler = (span: SampleSpan, frames: FrameFeatures) => void;

export class SpanFeaturiser {
  private tuningValue: number | undefined;
  private readonly waiting: Array<{ span: SampleSpan; y: Float32Array }> = [];
  private waitingSamples = 0;

  constructor(private readonly sampleRate: number, private readonly onFrames: SpanFramesHandler) {}

  /** A closed speech span; `y` may be a view that is only valid during this call. */
  add(span: SampleSpan, y: Float32Array): void {
    if (this.tuningValue !== undefined) {
      this.onFrames(span, computeFrameFeatures(y, { sampleRate: this.sampleRate, tuning: this.tuningValue }));
      return;
    }
    this.waiting.push({ span, y: y.slice() });
    this.waitingSamples += span.end - span.start;
    if (this.waitingSamples >= TUNING_SPEECH_S * this.sampleRate) this.fixTuning();
  }

  /** Featurises whatever still waits (a party with less speech than TUNING_SPEECH_S). */
  finish(): void {
    this.fixTuning();
  }

  /** The party's tuning, once estimated (undefined before TUNING_SPEECH_S of speech or finish). */
  get tuning(): number | undefined {
    return this.tuningValue;
  }

  private fixTuning(): void {
    if (this.tuningValue !== undefined || !this.waiting.length) return;
    const tuning = estimateTuning(this.waiting.map((w) => w.y), this.sampleRate);
    this.tuningValue = tuning;
    for (const { span, y } of this.waiting.splice(0)) this.onFrames(span, computeFrameFeatures(y, { sampleRate: this.sampleRate, tuning }));
    this.waitingSamples = 0;
  }
}
