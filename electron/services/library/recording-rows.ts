/** Row shapes of the recordings store and their mapping onto the contract's domain types. */
import { basename } from 'node:path';
import type { Database } from '../../db/database';
import {
  EMOTIONS,
  partyRoleSchema,
  type Emotion,
  type EmotionProbabilities,
  type HumanLabel,
  type LabelKind,
  type LabelValue,
  type PartyRole,
  type PredictedRegion,
  type RecordingStatus,
} from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';

export interface RecordingRow {
  id: string;
  content_hash: string | null;
  path: string;
  file_name: string;
  size_bytes: number;
  duration_s: number | null;
  format: string | null;
  codec: string | null;
  sample_rate: number | null;
  channels: number | null;
  roles: string | null;
  status: RecordingStatus;
  error_code: string | null;
  error_message: string | null;
  imported_at: string;
  analysed_at: string | null;
  model_version: string | null;
  downmixed: number;
  superseded_by: string | null;
  agent: string | null;
  team: string | null;
  started_at: string | null;
  note: string | null;
  /** ConversationMeasures as JSON (cache, see party-summaries). */
  measures: string | null;
}

export interface RegionRow {
  id: number;
  recording_id: string;
  channel: number;
  start_s: number;
  end_s: number;
  emotion: Emotion;
  confidence: number;
  probabilities: string;
  model_version: string;
  /** 1 when the confidence was below the model's calibrated threshold (migration 0100). */
  uncertain: number;
}

export interface LabelRow {
  id: number;
  recording_id: string;
  channel: number;
  start_s: number;
  end_s: number;
  emotion: LabelValue;
  reviewer: string;
  source: 'ui' | 'audacity' | 'csv';
  created_at: string;
  updated_at: string;
  replaces_region_id: number | null;
  deleted: number;
  kind: LabelKind;
  version: number;
}

export interface PartyRow {
  recording_id: string;
  channel: number;
  role: PartyRole;
  talk_time_s: number;
  emotion_seconds: string;
}

export function getRecordingRow(db: Database, id: string): RecordingRow {
  const row = db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as RecordingRow | undefined;
  if (!row) throw new EmoqaError('NOT_FOUND', `recording ${id} does not exist`);
  return row;
}

export function fileNameOf(path: string): string {
  return basename(path);
}

/** Roles stored as JSON; anything unreadable falls back to the usual call-recorder layout. */
export function parseRoles(json: string | null, fallback: [PartyRole, PartyRole]): [PartyRole, PartyRole] {
  if (!json) return fallback;
  try {
    const parsed = partyRoleSchema.array().length(2).safeParse(JSON.parse(json));
    return parsed.success ? [parsed.data[0], parsed.data[1]] : fallback;
  } catch {
    return fallback;
  }
}

export function parseProbabilities(json: string): EmotionProbabilities {
  const raw = JSON.parse(json) as Partial<Record<string, unknown>>;
  return Object.fromEntries(EMOTIONS.map((e) => [e, typeof raw[e] === 'number' ? raw[e] : 0])) as EmotionProbabilities;
}

export function toPredictedRegion(row: RegionRow): PredictedRegion {
  return {
    id: row.id,
    channel: row.channel,
    start: row.start_s,
    end: row.end_s,
    emotion: row.emotion,
    confidence: row.confidence,
    probabilities: parseProbabilities(row.probabilities),
    modelVersion: row.model_version,
    uncertain: row.uncertain === 1,
  };
}

export function toHumanLabel(row: LabelRow): HumanLabel {
  return {
    id: row.id,
    channel: row.channel,
    start: row.start_s,
    end: row.end_s,
    emotion: row.emotion,
    reviewer: row.reviewer,
    createdAt: row.created_at,
    replacesRegionId: row.replaces_region_id,
    kind: row.kind,
    version: row.version,
  };
}

export function readRegions(db: Database, recordingId: string): RegionRow[] {
  return db.prepare('SELECT * FROM model_regions WHERE recording_id = ? ORDER BY channel, start_s, id').all(recordingId) as RegionRow[];
}

/** Live (not deleted) labels, oldest edit first so later edits rank higher. */
export function readLabels(db: Database, recordingId: string): LabelRow[] {
  return db
    .prepare('SELECT * FROM labels WHERE recording_id = ? AND deleted = 0 ORDER BY channel, start_s, id')
    .all(recordingId) as LabelRow[];
}

export function readParties(db: Database, recordingId: string): PartyRow[] {
  return db.prepare('SELECT * FROM parties WHERE recording_id = ? ORDER BY channel').all(recordingId) as PartyRow[];
}
