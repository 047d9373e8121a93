import type { Database } from '../../db/database';
import type { ConversationMeasures } from '../../shared/conversation';
import type { EmotionProbabilities, PartyRole, PartySummary, RecordingSummary } from '../../shared/domain';
import type { RecordingRow } from './recording-rows';
import { shareOf } from './timeline';

interface SummaryRow extends RecordingRow {
  parties_json: string | null;
  corrections: number;
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

/**
 * The whole library in ONE query: parties folded into a JSON array per recording and corrections
 * and agreements counted by grouped sub-queries (no per-row look-ups), so 10,000 calls list in milliseconds.
 * Superseded versions (the same path, older content) are left out unless asked for by id.
 */
function summarySql(children: string, recordings: string): string {
  return `
  WITH p AS (
    SELECT recording_id,
           json_group_array(json_object('channel', channel, 'role', role, 'talkTimeS', talk_time_s,
                                        'emotionSeconds', json(emotion_seconds))) AS parties_json
    FROM (SELECT * FROM parties ${children} ORDER BY recording_id, channel)
    GROUP BY recording_id
  ),
  l AS (SELECT recording_id, sum(kind = 'correction') AS corrections, sum(kind = 'agreement') AS agreements
        FROM labels WHERE deleted = 0 ${children.replace('WHERE', 'AND')} GROUP BY recording_id)
  SELECT r.*, p.parties_json, coalesce(l.corrections, 0) AS corrections, coalesce(l.agreements, 0) AS agreements, rv.reviewed, rv.reviewer
  FROM recordings r
  LEFT JOIN p ON p.recording_id = r.id
  LEFT JOIN l ON l.recording_id = r.id
  LEFT JOIN reviews rv ON rv.recording_id = r.id
  ${recordings}`;
}

const LIST_SQL = summarySql('', 'WHERE r.superseded_by IS NULL ORDER BY r.imported_at DESC, r.path');
// json_each keeps it one statement whatever the number of ids (no 999-parameter limit), and the
// filter inside the sub-queries keeps a one-call look-up from aggregating the whole library.
const IDS = 'IN (SELECT value FROM json_each(@ids))';
const BY_IDS_SQL = summarySql(`WHERE recording_id ${IDS}`, `WHERE r.id ${IDS} ORDER BY r.path`);

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
  const parties = row.parties_json ? (JSON.parse(row.parties_json) as PartyJson[]).map(toPartySummary) : [];
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

export function listSummaryRows(db: Database): SummaryRow[] {
  return db.prepare(LIST_SQL).all() as SummaryRow[];
}

export function summaryRowsByIds(db: Database, ids: readonly string[]): SummaryRow[] {
  if (ids.length === 0) return [];
  return db.prepare(BY_IDS_SQL).all({ ids: JSON.stringify(ids) }) as SummaryRow[];
}

export type { SummaryRow };
