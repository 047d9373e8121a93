/**
 * One party (one channel, or a down-mix) analysed as its samples stream past: peaks, speech
 * detection, and — as soon as a speech span closes — frame features over that span (one STFT over
 * the speech, none over silence) pooled into windows. Only the recent audio is kept; what is kept
 * per window is its pooled vector. The model runs once at the end over all the party's windows.
 * Chroma's tuning is estimated once per party (SpanFeaturiser).
 */
import type { FrameFeatures } from '../../../ml/dsp';
import { EnergyVad, type EnergyVadOptions } from '../../../ml/segment/energy-vad';
import { joinTouching, smoothRegions, type ScoredWindow, type SmoothOptions } from '../../../ml/segment/smoothing';
import type { SampleSpan, TimeSpan } from '../../../ml/segment/spans';
import { planWindows, windowFrames, type WindowOptions } from '../../../ml/segment/windows';
import type { EmotionProbabilities, PartyRole } from '../../shared/domain';
import type { EmotionRegion } from './analysis-types';
import type { PartyClassifier } from './party-classifier';
import { PeaksBuilder, PEAK_LEVELS } from './peaks';
import type { PartyOutcome } from './recording-plan';
import { SampleBuffer } from '../../../ml/pipeline/sample-buffer';
import { SpanFeaturiser } from '../../../ml/pipeline/span-featuriser';


export interface PartyAnalyserOptions {
  channel: number;
  role: PartyRole;
  classifier: PartyClassifier;
  vad?: Omit<EnergyVadOptions, 'sampleRate'>;
  windows?: WindowOptions;
  smoothing?: SmoothOptions;
  peakLevels?: readonly number[];
}

export class PartyAnalyser {
  readonly sampleRate: number;
  private readonly vad: EnergyVad;
  private readonly peaks: PeaksBuilder;
  private readonly buffer = new SampleBuffer();
  private readonly spans: TimeSpan[] = [];
  private readonly windows: TimeSpan[] = [];
  private readonly pooled: Float32Array[] = [];
  private readonly featuriser: SpanFeaturiser;
  private samples = 0;

  constructor(private readonly options: PartyAnalyserOptions) {
    this.sampleRate = options.classifier.sampleRate;
    this.featuriser = new SpanFeaturiser(this.sampleRate, (span, frames) => this.pool(span, frames));
    this.vad = new EnergyVad({ ...options.vad, sampleRate: this.sampleRate });
    this.peaks = new PeaksBuilder(options.peakLevels ?? PEAK_LEVELS);
  }

  /** Consecutive samples of this party. Synchronous: features are computed here, span by span. */
  push(samples: Float32Array): void {
    this.samples += samples.length;
    this.peaks.push(samples);
    this.buffer.append(samples);
    for (const span of this.vad.push(samples)) this.featuriser.add(span, this.buffer.view(span.start, span.end));
    this.buffer.discardBefore(this.vad.keepFrom());
  }

  async finish(): Promise<PartyOutcome> {
    for (const span of this.vad.finish()) this.featuriser.add(span, this.buffer.view(span.start, span.end));
    this.featuriser.finish();
    const { classifier, channel, role } = this.options;
    const probabilities = await classifier.classify(this.pooled);
    const scored: ScoredWindow[] = this.windows.map((w, i) => ({ ...w, probabilities: probabilities[i] }));
    const runs = joinTouching(this.spans);
    const regions: EmotionRegion[] = smoothRegions(runs, scored, this.options.smoothing).map((r) => ({
      start: r.start,
      end: r.end,
      emotion: classifier.classes[r.index],
      confidence: r.confidence,
      probabilities: toRecord(classifier.classes, r.probabilities),
    }));
    const talkTimeS = runs.reduce((sum, s) => sum + (s.end - s.start), 0);
    return {
      analysis: { channel, role, talkTimeS, speech: runs, regions },
      peaks: this.peaks.finish(),
      samples: this.samples,
    };
  }

  /** The party's tuning, once estimated (undefined before its first TUNING_SPEECH_S of speech). */
  get chromaTuning(): number | undefined {
    return this.featuriser.tuning;
  }

  private pool(span: SampleSpan, frames: FrameFeatures): void {
    const sr = this.sampleRate;
    const time = { start: span.start / sr, end: span.end / sr };
    this.spans.push(time);
    const planned = planWindows(time, this.options.windows);
    const ranges = planned.map((w) => windowFrames(w, time.start, sr, frames.hopLength, frames.nFrames));
    this.windows.push(...planned);
    this.pooled.push(...this.options.classifier.pool(frames, ranges));
  }
}

function toRecord(classes: PartyClassifier['classes'], values: Float32Array): EmotionProbabilities {
  const out = {} as EmotionProbabilities;
  classes.forEach((emotion, i) => {
    out[emotion] = values[i];
  });
  return out;
}
