/** Row shapes of the recordings store and their mapping onto the contract's domain types. */
import { basename } from 'node:path';
import type { Selectable } from 'kysely';
import type { LibraryDb } from '../../db/library-database';
import type { LabelsTable, ModelRegionsTable, PartiesTable, RecordingsTable } from '../../db/library-schema';
import {
  EMOTIONS,
  partyRoleSchema,
  type EmotionProbabilities,
  type HumanLabel,
  type PartyRole,
  type PredictedRegion,
} from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';

export type RecordingRow = Selectable<RecordingsTable>;
export type RegionRow = Selectable<ModelRegionsTable>;
export type LabelRow = Selectable<LabelsTable>;
export type PartyRow = Selectable<PartiesTable>;

// Each read written once with the builder, run on either database.
const recordingQuery = (db: LibraryDb, id: string) => db.selectFrom('recordings').selectAll().where('id', '=', id);
const regionsQuery = (db: LibraryDb, recordingId: string) =>
  db.selectFrom('model_regions').selectAll().where('recording_id', '=', recordingId).orderBy('channel').orderBy('start_s').orderBy('id');
/** Live (not deleted) labels, oldest edit first so later edits rank higher. */
const labelsQuery = (db: LibraryDb, recordingId: string) =>
  db.selectFrom('labels').selectAll().where('recording_id', '=', recordingId).where('deleted', '=', 0).orderBy('channel').orderBy('start_s').orderBy('id');
const partiesQuery = (db: LibraryDb, recordingId: string) => db.selectFrom('parties').selectAll().where('recording_id', '=', recordingId).orderBy('channel');

function found(row: RecordingRow | undefined, id: string): RecordingRow {
  if (!row) throw new EmoqaError('NOT_FOUND', `recording ${id} does not exist`);
  return row;
}

export async function loadRecordingRow(db: LibraryDb, id: string): Promise<RecordingRow> {
  return found(await recordingQuery(db, id).executeTakeFirst(), id);
}

export function loadRegions(db: LibraryDb, recordingId: string): Promise<RegionRow[]> {
  return regionsQuery(db, recordingId).execute();
}

export function loadLabels(db: LibraryDb, recordingId: string): Promise<LabelRow[]> {
  return labelsQuery(db, recordingId).execute();
}

export function loadParties(db: LibraryDb, recordingId: string): Promise<PartyRow[]> {
  return partiesQuery(db, recordingId).execute();
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
