/**
 * Frame features of one party's speech spans, with ONE chroma tuning for the party: estimated over
 * its first TUNING_SPEECH_S of speech (one voice, one line: a per-span estimate only adds noise and
 * costs a second look at every span's spectrum), then passed to the features of every span. Spans
 * that close before that much speech has been heard wait, as copies of their samples with the
 * spectra the tuning was estimated from (~2 MB per 10 s of speech at 22050 Hz, kept so that
 * their frames are not transformed twice). Used by analysis and by retraining, so corrections are
 * featurised as analysis saw them.
 */
import { computeFrameFeatures, TuningPass, type FrameFeatures } from '../dsp';
import type { SampleSpan } from '../segment/spans';

/** Seconds of speech the party's tuning is estimated from. */
export const TUNING_SPEECH_S = 30;

/**
 * Seconds of waiting speech whose spectra are kept (176 KB a second at 22050 Hz, besides the 88 KB
 * of samples); the rest would be transformed again once the tuning is known. The same numbers
 * either way: a memory-for-CPU knob. On 10 realistic 3-minute calls: 12 s → 14.7% fewer frames
 * transformed, all 30 s → 38.6% fewer. 30 s since the static ffmpeg (ml/audio/ffmpeg-path.ts)
 * took ~80 MB off the folder's process tree: `emoqa analyze` of 40 calls +5–7 MB over 12 s
 * (docs/MODEL.md, "The command line"). Mutable so tests can exercise both paths.
 */
export const spectraLimits = { keepS: TUNING_SPEECH_S };

export type SpanFramesHandler = (span: SampleSpan, frames: FrameFeatures) => void;

export class SpanFeaturiser {
  private tuningValue: number | undefined;
  private readonly waiting: Array<{ span: SampleSpan; y: Float32Array; magnitudes: Float32Array | undefined }> = [];
  private waitingSamples = 0;
  private keptSamples = 0;
  private readonly tuningPass: TuningPass;

  constructor(private readonly sampleRate: number, private readonly onFrames: SpanFramesHandler) {
    this.tuningPass = new TuningPass(sampleRate);
  }

  /** A closed speech span; `y` may be a view that is only valid during this call. */
  add(span: SampleSpan, y: Float32Array): void {
    if (this.tuningValue !== undefined) {
      this.onFrames(span, computeFrameFeatures(y, { sampleRate: this.sampleRate, tuning: this.tuningValue }));
      return;
    }
    // The tuning's peaks are collected as spans arrive (in order, as one pass over them would).
    const keep = this.keptSamples + y.length <= spectraLimits.keepS * this.sampleRate;
    if (keep) this.keptSamples += y.length;
    const magnitudes = this.tuningPass.add(y, keep ? new Float32Array(this.tuningPass.spectraLength(y.length)) : undefined);
    this.waiting.push({ span, y: y.slice(), magnitudes });
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
    const tuning = this.tuningPass.estimate();
    this.tuningValue = tuning;
    for (const { span, y, magnitudes } of this.waiting.splice(0)) this.onFrames(span, computeFrameFeatures(y, { sampleRate: this.sampleRate, tuning, magnitudes }));
    this.waitingSamples = 0;
    this.keptSamples = 0;
  }
}
