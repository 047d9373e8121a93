import type { Database } from '../../db/database';
import { EMOTIONS, PARTY_ROLES, type Emotion, type PartyRole } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import { labelSpans, predictionSpans } from '../library/party-summaries';
import { readLabels, readParties, readRegions, type LabelRow, type RecordingRow, type RegionRow } from '../library/recording-rows';
import { effectiveTimeline, emotionSeconds, longestNegativeRun, shareOf, zeroEmotions, type NegativeRun } from '../library/timeline';
import { conversationMeasures, type PartyTimeline } from '../report/conversation-measures';
import { MEASURE_COLUMNS, measureCells, regionNoteFor, readRegionNotes, type RegionNoteRow } from '../report/measure-columns';
import { fixed, toCsv, type Cell } from './csv';

export interface Report {
  callsCsv: string;
  segmentsCsv: string;
  calls: number;
  segments: number;
}

const ROLE_COLUMNS = PARTY_ROLES.flatMap((role) => [`${role}_talk_s`, `${role}_dominant`, ...EMOTIONS.map((e) => `${role}_${e}_share`)]);
const CALL_HEADER = [
  'file', 'path', 'recording_id', 'status', 'error', 'duration_s', ...ROLE_COLUMNS,
  'longest_negative_s', 'longest_negative_start_s', 'longest_negative_party',
  'reviewed', 'reviewer', 'corrections', 'model_version',
  ...MEASURE_COLUMNS, 'agent', 'team', 'started_at', 'note',
];
const SEGMENT_HEADER = [
  'file', 'recording_id', 'start_s', 'end_s', 'channel', 'party', 'predicted_emotion', 'confidence', 'corrected_emotion', 'reviewer', 'note',
];

interface ReviewRow {
  reviewed: number;
  reviewer: string | null;
}

function selectRecordings(db: Database, ids: readonly string[] | undefined): RecordingRow[] {
  if (!ids) return db.prepare('SELECT * FROM recordings WHERE superseded_by IS NULL ORDER BY path').all() as RecordingRow[];
  const rows = db.prepare('SELECT * FROM recordings WHERE id IN (SELECT value FROM json_each(?)) ORDER BY path').all(JSON.stringify(ids)) as RecordingRow[];
  const missing = ids.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length) throw new EmoqaError('NOT_FOUND', `no such recording: ${missing.slice(0, 3).join(', ')}`);
  return rows;
}

function callRow(db: Database, rec: RecordingRow, regions: RegionRow[], labels: LabelRow[]): Cell[] {
  const parties = readParties(db, rec.id);
  const secondsByRole = new Map<PartyRole, { talk: number; seconds: Record<Emotion, number> }>();
  let longest: (NegativeRun & { role: PartyRole }) | null = null;
  const timelines: PartyTimeline[] = [];
  for (const party of parties) {
    const timeline = effectiveTimeline(predictionSpans(regions, party.channel), labelSpans(labels, party.channel));
    timelines.push({ role: party.role, timeline });
    const entry = secondsByRole.get(party.role) ?? { talk: 0, seconds: zeroEmotions() };
    entry.talk += party.talk_time_s;
    const seconds = emotionSeconds(timeline);
    for (const e of EMOTIONS) entry.seconds[e] += seconds[e];
    secondsByRole.set(party.role, entry);
    const run = longestNegativeRun(timeline);
    if (run && (!longest || run.durationS > longest.durationS)) longest = { ...run, role: party.role };
  }
  const roleCells = PARTY_ROLES.flatMap((role): Cell[] => {
    const entry = secondsByRole.get(role);
    if (!entry) return ['', '', ...EMOTIONS.map(() => '')];
    const { share, dominant } = shareOf(entry.seconds);
    return [fixed(entry.talk, 3), dominant ?? '', ...EMOTIONS.map((e) => fixed(share[e], 4))];
  });
  const review = db.prepare('SELECT reviewed, reviewer FROM reviews WHERE recording_id = ?').get(rec.id) as ReviewRow | undefined;
  const reviewed = review?.reviewed === 1;
  const best = longest as (NegativeRun & { role: PartyRole }) | null;
  return [
    rec.file_name, rec.path, rec.id, rec.status, rec.error_message ?? '', fixed(rec.duration_s, 3), ...roleCells,
    best ? fixed(best.durationS, 3) : '', best ? fixed(best.start, 3) : '', best?.role ?? '',
    reviewed ? 'yes' : 'no', reviewed ? (review?.reviewer ?? '') : '', labels.length, rec.model_version ?? '',
    ...measureCells(parties.length ? conversationMeasures(timelines, rec.duration_s ?? 0) : null),
    rec.agent ?? '', rec.team ?? '', rec.started_at ?? '', rec.note ?? '',
  ];
}

/** The label that corrects a prediction: one naming it, else the one covering most (> half) of it. */
function correctionFor(region: RegionRow, labels: readonly LabelRow[]): LabelRow | null {
  const named = labels.filter((l) => l.replaces_region_id === region.id).sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
  if (named[0]) return named[0];
  let best: LabelRow | null = null;
  let bestOverlap = 0;
  for (const label of labels) {
    if (label.channel !== region.channel) continue;
    const overlap = Math.min(label.end_s, region.end_s) - Math.max(label.start_s, region.start_s);
    if (overlap > bestOverlap) [best, bestOverlap] = [label, overlap];
  }
  return best && bestOverlap > (region.end_s - region.start_s) / 2 ? best : null;
}

function segmentRows(db: Database, rec: RecordingRow, regions: RegionRow[], labels: LabelRow[]): Cell[][] {
  const notes: RegionNoteRow[] = readRegionNotes(db, rec.id);
  const roles = new Map(readParties(db, rec.id).map((p) => [p.channel, p.role] as const));
  const used = new Set<number>();
  const rows: Array<{ start: number; channel: number; cells: Cell[] }> = [];
  for (const region of regions) {
    const label = correctionFor(region, labels);
    if (label) used.add(label.id);
    rows.push({
      start: region.start_s,
      channel: region.channel,
      cells: [rec.file_name, rec.id, fixed(region.start_s, 3), fixed(region.end_s, 3), region.channel, roles.get(region.channel) ?? '',
        region.emotion, fixed(region.confidence, 4), label?.emotion ?? '', label?.reviewer ?? '', regionNoteFor(notes, region.channel, region.start_s, region.end_s)],
    });
  }
  // Labels a reviewer drew where the model said nothing (or that match no single prediction).
  for (const label of labels) {
    if (used.has(label.id)) continue;
    rows.push({
      start: label.start_s,
      channel: label.channel,
      cells: [rec.file_name, rec.id, fixed(label.start_s, 3), fixed(label.end_s, 3), label.channel, roles.get(label.channel) ?? '',
        '', '', label.emotion, label.reviewer, regionNoteFor(notes, label.channel, label.start_s, label.end_s)],
    });
  }
  return rows.sort((a, b) => a.start - b.start || a.channel - b.channel).map((r) => r.cells);
}

/** The QA report: one row per call, one per segment. Backs `export.report` and `emoqa export`. */
export function buildReport(db: Database, recordingIds?: readonly string[]): Report {
  const calls: Cell[][] = [];
  const segments: Cell[][] = [];
  for (const rec of selectRecordings(db, recordingIds)) {
    const regions = readRegions(db, rec.id);
    const labels = readLabels(db, rec.id);
    calls.push(callRow(db, rec, regions, labels));
    segments.push(...segmentRows(db, rec, regions, labels));
  }
  return { callsCsv: toCsv(CALL_HEADER, calls), segmentsCsv: toCsv(SEGMENT_HEADER, segments), calls: calls.length, segments: segments.length };
}
