import { sql, type RawBuilder } from 'kysely';
import { libraryDialect, type LibraryDb } from '../../db/library-database';
import { idChunks, IDS_PER_STATEMENT } from '../../db/id-chunks';
import type { ConversationMeasures } from '../../shared/conversation';
import type { EmotionProbabilities, PartyRole, PartySummary, RecordingSummary } from '../../shared/domain';
import { UNCERTAIN_SQL } from '../../shared/uncertainty';
import type { RecordingRow } from './recording-rows';
import { shareOf } from './timeline';

interface SummaryRow extends RecordingRow {
  parties_json: string | PartyJson[] | null;
  corrections: number;
  uncertain_regions: number;
  agreements: number;
  reviewed: number | null;
  reviewer: string | null;
}

interface PartyJson {
  channel: number;
  role: PartyRole;
  talkTimeS: number;
  emotionSeconds: Partial<EmotionProbabilities>;
}

/** Each party as a JSON object, folded into one array per recording: the only part the dialects spell apart. */
function partiesJson(db: LibraryDb): RawBuilder<unknown> {
  return libraryDialect(db) === 'sqlite'
    ? sql`json_group_array(json_object('channel', channel, 'role', role, 'talkTimeS', talk_time_s, 'emotionSeconds', json(emotion_seconds)))`
    : sql`json_agg(json_build_object('channel', channel, 'role', role, 'talkTimeS', talk_time_s, 'emotionSeconds', emotion_seconds::json) ORDER BY channel)`;
}

/**
 * The whole library in ONE query: parties folded into a JSON array per recording and corrections
 * and agreements counted by grouped sub-queries (no per-row look-ups), so 10,000 calls list in milliseconds.
 * Superseded versions (the same path, older content) are left out unless asked for by id; with ids,
 * the filter inside the sub-queries keeps a one-call look-up from aggregating the whole library.
 */
function summaryQuery(db: LibraryDb, ids: readonly string[] | null) {
  const only = (column: string) => (ids ? sql`AND ${sql.ref(column)} IN (${sql.join(ids)})` : sql``);
  const recordings = ids ? sql`WHERE r.id IN (${sql.join(ids)}) ORDER BY r.path` : sql`WHERE r.superseded_by IS NULL ORDER BY r.imported_at DESC, r.path`;
  return sql<SummaryRow>`
  WITH p AS (
    SELECT recording_id, ${partiesJson(db)} AS parties_json
    FROM (SELECT * FROM parties WHERE 1 = 1 ${only('recording_id')} ORDER BY recording_id, channel) ordered
    GROUP BY recording_id
  ),
  l AS (SELECT recording_id, sum(CASE WHEN kind = 'correction' THEN 1 ELSE 0 END) AS corrections,
               sum(CASE WHEN kind = 'agreement' THEN 1 ELSE 0 END) AS agreements
        FROM labels WHERE deleted = 0 ${only('recording_id')} GROUP BY recording_id),
  u AS (
    SELECT m.recording_id, count(*) AS n FROM model_regions m
    WHERE ${sql.raw(UNCERTAIN_SQL)} ${only('m.recording_id')}
      AND NOT EXISTS (SELECT 1 FROM labels x WHERE x.recording_id = m.recording_id AND x.channel = m.channel AND x.deleted = 0
                        AND x.start_s < m.end_s AND x.end_s > m.start_s)
    GROUP BY m.recording_id
  )
  SELECT r.*, p.parties_json, coalesce(l.corrections, 0) AS corrections, coalesce(l.agreements, 0) AS agreements,
         coalesce(u.n, 0) AS uncertain_regions, rv.reviewed, rv.reviewer
  FROM recordings r
  LEFT JOIN p ON p.recording_id = r.id
  LEFT JOIN l ON l.recording_id = r.id
  LEFT JOIN u ON u.recording_id = r.id
  LEFT JOIN reviews rv ON rv.recording_id = r.id
  ${recordings}`;
}

function toPartySummary(party: PartyJson): PartySummary {
  const { share, dominant, negativeShare } = shareOf(party.emotionSeconds);
  return {
    channel: party.channel,
    role: party.role,
    talkTimeS: party.talkTimeS,
    dominantEmotion: dominant,
    emotionShare: share,
    negativeShare,
  };
}

export function toSummary(row: SummaryRow, progressOf: (id: string) => number | null): RecordingSummary {
  // Text from SQLite, already parsed by the pg driver from PostgreSQL's json.
  const json = typeof row.parties_json === 'string' ? (JSON.parse(row.parties_json) as PartyJson[]) : row.parties_json;
  const parties = (json ?? []).map(toPartySummary);
  return {
    id: row.id,
    fileName: row.file_name,
    path: row.path,
    importedAt: row.imported_at,
    durationS: row.duration_s,
    status: row.status,
    progress: row.status === 'analysing' ? progressOf(row.id) : null,
    error: row.error_message,
    parties,
    corrections: row.corrections,
    uncertainRegions: row.uncertain_regions,
    agreements: row.agreements,
    reviewed: row.reviewed === 1,
    reviewer: row.reviewed === 1 ? row.reviewer : null,
    modelVersion: row.model_version,
    channels: row.channels,
    downmixed: row.downmixed === 1,
    agent: row.agent,
    team: row.team,
    startedAt: row.started_at,
    measures: row.measures ? (JSON.parse(row.measures) as ConversationMeasures) : null,
  };
}

export async function listSummaryRows(db: LibraryDb): Promise<SummaryRow[]> {
  return (await summaryQuery(db, null).execute(db)).rows;
}

export async function summaryRowsByIds(db: LibraryDb, ids: readonly string[]): Promise<SummaryRow[]> {
  const out: SummaryRow[] = [];
  for (const chunk of idChunks(ids)) out.push(...(await summaryQuery(db, chunk).execute(db)).rows);
  // One path order over all the chunks, as one query gave.
  return ids.length > IDS_PER_STATEMENT ? out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : out;
}

export type { SummaryRow };
