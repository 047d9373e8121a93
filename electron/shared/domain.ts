/** Domain vocabulary shared by services, transports and the renderer. No environment imports. */
import { z } from 'zod';
import type { ConversationMeasures } from './conversation';

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprised'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export const emotionSchema = z.enum(EMOTIONS);

/** The emotions whose runs a QA report calls out as negative. */
export const NEGATIVE_EMOTIONS: readonly Emotion[] = ['angry', 'disgust', 'fear', 'sad'];

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
  corrections: number;
  reviewed: boolean;
  reviewer: string | null;
  modelVersion: string | null;
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
  channels: number | null;
  downmixed: boolean;
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
}

/** A reviewer's label, kept beside the predictions it replaces. */
export interface HumanLabel {
  id: number;
  channel: number;
  start: number;
  end: number;
  emotion: Emotion;
  reviewer: string;
  createdAt: string;
  /** Prediction this label corrects, if it started from one. */
  replacesRegionId: number | null;
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
}
