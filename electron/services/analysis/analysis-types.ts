/**
 * What the analysis engine hands to the store: everything about one recording, produced in a worker
 * and written by the library service in ONE transaction (so a crash never leaves half a call).
 */
import type { Emotion, EmotionProbabilities, PartyRole } from '../../shared/domain';
import type { WindowSummary } from '../../../ml/model/channel-stats';
import type { PartyStats } from '../../../ml/model/pooling';

export interface SpeechSpan {
  start: number;
  end: number;
}

export interface EmotionRegion {
  start: number;
  end: number;
  emotion: Emotion;
  confidence: number;
  /** Confidence below the model's calibrated threshold: shown as uncertain rather than as the emotion. */
  uncertain?: boolean;
  probabilities: EmotionProbabilities;
}

export interface ChannelAnalysis {
  /** 0-based channel of the source (0 for mono or a down-mix). */
  channel: number;
  role: PartyRole;
  talkTimeS: number;
  speech: SpeechSpan[];
  regions: EmotionRegion[];
  /** The prior weights its regions were decided with, when not the model's own (the library's estimate). */
  classWeights?: number[];
}

/** Min/max pairs per bucket, one level per zoom; values quantised to int8 (-127..127 ↔ -1..1). */
export interface PeaksPyramidLevel {
  samplesPerPeak: number;
  /** Per channel: interleaved [min, max, min, max, ...]. */
  channels: Int8Array[];
}

export interface PeaksPyramid {
  sampleRate: number;
  levels: PeaksPyramidLevel[];
}

/** One analysed pass's speech windows, summarised (ml/model/channel-stats; stored in window_stats). */
export interface WindowSummaryRow extends WindowSummary {
  /** 0-based source channel of the pass (0 for mono or a down-mix). */
  channel: number;
  /** What the windows are (windowsKindOf): only models of the same input read it. */
  kind: string;
}

export interface AnalysisResult {
  durationS: number;
  /** Rate the analysis ran at (the model's). */
  sampleRate: number;
  sourceChannels: number;
  /** True when a recording with more than two channels was mixed down to one party. */
  downmixed: boolean;
  modelVersion: string;
  channels: ChannelAnalysis[];
  peaks: PeaksPyramid;
  /** Absent or empty: the model reads no library statistics (or no party had speech). */
  windowSummaries?: WindowSummaryRow[];
}

/** Decision-rule prior weights (EMOTIONS order) per party role. */
export type ClassWeightsByRole = Partial<Record<PartyRole, number[]>>;

export interface AnalyseOptions {
  /** Roles of the left and right channel of a stereo call; a mono call is one `speaker`. */
  roles: [PartyRole, PartyRole];
  /** Channels of the source as probed at ingest: the analysis then probes nothing. */
  sourceChannels?: number;
  /** Duration probed at ingest: a short call is not split across workers (analysis-pool's SPLIT_MIN_S). */
  durationS?: number;
  /** Split a mono call into agent and customer (ml/diarize); default: one `speaker`. */
  separateMono?: boolean;
  /** The library's prior weights per party role (models/class-priors); absent: the model's own. */
  priors?: ClassWeightsByRole;
  /** The library's line statistics (models/line-stats), where its line moved; absent: the model's training ones. */
  lineStats?: PartyStats;
  signal?: AbortSignal;
  /** Seconds of source audio processed so far (for progress and ETA). */
  onProgress?: (audioSecondsDone: number) => void;
}
