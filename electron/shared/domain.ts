/** Domain vocabulary shared by services, transports and the renderer. No environment imports. */
import { z } from 'zod';
import type { ConversationMeasures } from './conversation';

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprised'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export const emotionSchema = z.enum(EMOTIONS);

/**
 * Reviewer labels that are not emotions: a stretch the model took for speech that is not (noise,
 * hold music, crosstalk), or one the reviewer cannot call. Kept apart like every label, they are
 * left out of emotion shares and out of retraining.
 */
export const REVIEW_MARKS = ['not_speech', 'unsure'] as const;
export type ReviewMark = (typeof REVIEW_MARKS)[number];

/** What a reviewer's label may say: one of the seven emotions, or a review mark. */
export const LABEL_VALUES = [...EMOTIONS, ...REVIEW_MARKS] as const;
export type LabelValue = Emotion | ReviewMark;
export const labelValueSchema = z.enum(LABEL_VALUES);

export function isEmotion(value: string): value is Emotion {
  return (EMOTIONS as readonly string[]).includes(value);
}

/** A confirmation of the model's own label is agreement; anything else a reviewer does is a correction. */
export const LABEL_KINDS = ['correction', 'agreement'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/** The emotions whose runs a QA report calls out as negative. */
export const NEGATIVE_EMOTIONS: readonly Emotion[] = ['angry', 'disgust', 'fear', 'sad'];

/** A negative emotion; a review mark (not speech, unsure) never is. */
export function isNegative(value: LabelValue): boolean {
  return isEmotion(value) && NEGATIVE_EMOTIONS.includes(value);
}

export const PARTY_ROLES = ['agent', 'customer', 'speaker'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const partyRoleSchema = z.enum(PARTY_ROLES);

export const RECORDING_STATUSES = ['queued', 'analysing', 'done', 'error'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export type EmotionProbabilities = Record<Emotion, number>;

export interface PartySummary {
  channel: number;
  role: PartyRole;
  talkTimeS: number;
  dominantEmotion: Emotion | null;
  /** Share of this party's speech time per emotion (0..1), corrections applied. */
  emotionShare: EmotionProbabilities;
  negativeShare: number;
}

export interface RecordingSummary {
  id: string;
  fileName: string;
  path: string;
  importedAt: string;
  durationS: number | null;
  status: RecordingStatus;
  progress: number | null;
  error: string | null;
  parties: PartySummary[];
  /** Live labels that change what the model said (relabelled, resized, split, drawn, marked). */
  corrections: number;
  /** Predicted regions the model is unsure of (electron/shared/uncertainty) that no human label covers yet. */
  uncertainRegions: number;
  /** Live labels that confirm the model's own label and bounds. */
  agreements: number;
  reviewed: boolean;
  reviewer: string | null;
  modelVersion: string | null;
  /** Channels of the file (2: stereo, a party per channel); downmixed: analysed as one mono lane. */
  channels: number | null;
  downmixed: boolean;
  /** Who took the call (metadata import or the folder pattern in Settings). */
  agent: string | null;
  team: string | null;
  /** When the call started (ISO 8601), from the metadata; null when unknown. */
  startedAt: string | null;
  /** Cached conversation measures; null until the call is analysed. */
  measures: ConversationMeasures | null;
}

export interface RecordingDetail extends RecordingSummary {
  sizeBytes: number;
  codec: string | null;
  sampleRate: number | null;
  /** The reviewer's free-text note on the whole call. */
  note: string | null;
}

/** What the model said about a stretch of one party's speech. Never edited by a reviewer. */
export interface PredictedRegion {
  id: number;
  channel: number;
  start: number;
  end: number;
  emotion: Emotion;
  confidence: number;
  probabilities: EmotionProbabilities;
  modelVersion: string;
  /** Below the model's calibrated confidence threshold: shown as uncertain (absent from older servers). */
  uncertain?: boolean;
}

/** A reviewer's label, kept beside the predictions it replaces. */
export interface HumanLabel {
  id: number;
  channel: number;
  start: number;
  end: number;
  emotion: LabelValue;
  reviewer: string;
  createdAt: string;
  /** Prediction this label corrects, if it started from one. */
  replacesRegionId: number | null;
  kind: LabelKind;
  /** Counts the label's changes; an update or delete names it, and a stale one is refused (CONFLICT). */
  version: number;
}

/** What waveform peaks a recording has: fetch them with `recordings.peaksRange` by level and range. */
export interface PeaksInfo {
  sampleRate: number;
  channels: number;
  /** Finest first. `buckets`: min/max pairs per channel at that level. */
  levels: Array<{ level: number; samplesPerPeak: number; buckets: number }>;
}

export interface JobProgress {
  jobId: string;
  filesDone: number;
  filesTotal: number;
  audioSecondsDone: number;
  audioSecondsTotal: number;
  etaS: number | null;
  currentFile: string | null;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Files that were calls analysed before (same content): counted in filesDone, nothing to do. */
  alreadyAnalysed: number;
  /** Share done (0..1) of each call being analysed now, by recording id. */
  analysing: Record<string, number>;
}
