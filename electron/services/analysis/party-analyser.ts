/**
 * One party (one channel, or a down-mix) analysed as its samples stream past: waveform peaks, and
 * the party pass (ml/pipeline/party-pass: speech, frame features span by span, pooled windows)
 * that retraining runs too. The model runs once at the end over all the party's windows.
 */
import type { EnergyVadOptions } from '../../../ml/segment/energy-vad';
import { joinTouching, smoothRegions, type ScoredWindow, type SmoothOptions } from '../../../ml/segment/smoothing';
import type { TimeSpan } from '../../../ml/segment/spans';
import type { WindowOptions } from '../../../ml/segment/windows';
import { diarizeTwoSpeakers, MfccCollector } from '../../../ml/diarize/two-speakers';
import { PartyPass } from '../../../ml/pipeline/party-pass';
import type { EmotionProbabilities, PartyRole } from '../../shared/domain';
import type { EmotionRegion } from './analysis-types';
import { showRegion } from '../../../ml/model/call-rule';
import type { PartyClassifier } from './party-classifier';
import { PeaksBuilder, PEAK_LEVELS } from './peaks';
import type { PartyOutcome } from './recording-plan';

export interface PartyAnalyserOptions {
  channel: number;
  role: PartyRole;
  classifier: PartyClassifier;
  vad?: Omit<EnergyVadOptions, 'sampleRate'>;
  windows?: WindowOptions;
  smoothing?: SmoothOptions;
  peakLevels?: readonly number[];
  /** A mono call: keep its MFCC frames and split it into two speakers at the end. */
  separate?: boolean;
  /** The prior weights in use for this party's role (absent: the model's own). */
  classWeights?: number[];
}

export class PartyAnalyser {
  readonly sampleRate: number;
  private readonly peaks: PeaksBuilder;
  private readonly pass: PartyPass;
  private readonly mfcc: MfccCollector | null;

  constructor(private readonly options: PartyAnalyserOptions) {
    const { classifier } = options;
    this.sampleRate = classifier.sampleRate;
    this.mfcc = options.separate ? new MfccCollector() : null;
    const onSpan = this.mfcc ? this.mfcc.add.bind(this.mfcc) : undefined;
    this.pass = new PartyPass({ sampleRate: this.sampleRate, vad: options.vad, windows: options.windows, pool: (frames, ranges) => classifier.pool(frames, ranges), onSpan });
    this.peaks = new PeaksBuilder(options.peakLevels ?? PEAK_LEVELS);
  }

  /** Consecutive samples of this party. Synchronous: features are computed here, span by span. */
  push(samples: Float32Array): void {
    this.peaks.push(samples);
    this.pass.push(samples);
  }

  async finish(): Promise<PartyOutcome> {
    this.pass.finish();
    const { classifier, channel, role } = this.options;
    const probabilities = await classifier.classify(this.pass.pooled, this.options.classWeights);
    const runs = joinTouching(this.pass.spans);
    const regions = partyRegions(runs, this.pass.windows, probabilities, classifier, this.options.smoothing);
    const talkTimeS = runs.reduce((sum, s) => sum + (s.end - s.start), 0);
    const monoTurns = this.mfcc ? diarizeTwoSpeakers(this.mfcc.frames(this.pass.samples / this.sampleRate), runs) : undefined;
    return {
      analysis: { channel, role, talkTimeS, speech: runs, regions, ...(this.options.classWeights ? { classWeights: this.options.classWeights } : {}) },
      peaks: this.peaks.finish(),
      samples: this.pass.samples,
      ...(monoTurns ? { monoTurns } : {}),
    };
  }

  /** The party's tuning, once estimated (undefined before its first TUNING_SPEECH_S of speech). */
  get chromaTuning(): number | undefined {
    return this.pass.tuning;
  }
}

/**
 * A party's windows, decided (one probability vector each), → the regions a reviewer sees: smoothed
 * within each run of speech, uncertain below the model's threshold. The calibration bench
 * (bench/calibrate-calls.ts) scores candidate decision rules through this same step.
 */
export function partyRegions(runs: readonly TimeSpan[], windows: readonly TimeSpan[], probabilities: readonly Float32Array[],
  classifier: Pick<PartyClassifier, 'classes' | 'uncertainBelow' | 'shownTemperature'>, smoothing?: SmoothOptions): EmotionRegion[] {
  const scored: ScoredWindow[] = windows.map((w, i) => ({ ...w, probabilities: probabilities[i] }));
  return smoothRegions(runs, scored, smoothing).map((r) => {
    // What a region shows is calibrated as regions are (smoothed windows), not as windows: the label stays.
    const shown = showRegion(r.probabilities, classifier.shownTemperature);
    const confidence = shown[r.index];
    return {
      start: r.start,
      end: r.end,
      emotion: classifier.classes[r.index],
      confidence,
      uncertain: confidence < (classifier.uncertainBelow ?? 0),
      probabilities: toRecord(classifier.classes, shown),
    };
  });
}

function toRecord(classes: PartyClassifier['classes'], values: Float32Array): EmotionProbabilities {
  const out = {} as EmotionProbabilities;
  classes.forEach((emotion, i) => {
    out[emotion] = values[i];
  });
  return out;
}
