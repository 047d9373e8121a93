import type { LibraryDb } from '../../db/library-database';
import { idChunks } from '../../db/id-chunks';
import { EMOTIONS, PARTY_ROLES, type Emotion, type PartyRole } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import { isUncertain } from '../../shared/uncertainty';
import { labelSpans, predictionSpans } from '../library/party-summaries';
import { loadLabels, loadParties, loadRegions, type LabelRow, type RecordingRow, type RegionRow } from '../library/recording-rows';
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
  'reviewed', 'reviewer', 'corrections', 'agreements', 'model_version',
  ...MEASURE_COLUMNS, 'agent', 'team', 'started_at', 'note',
];
/**
 * One row per prediction and the label that replaces it (a prediction split in two has two rows),
 * and one per label that replaces no prediction. `start_s`/`end_s` are the row's own span (the
 * prediction's, or the label's on a label-only row); `corrected_*` are always the label's, so the
 * reviewed timeline can be rebuilt from the corrected columns alone. `review`: correction,
 * agreement (the reviewer confirmed the model), or empty (not reviewed). `uncertain`: yes/no by the
 * rule the library and the call view use (the model's calibrated verdict or a low confidence); empty
 * on a label-only row.
 */
const SEGMENT_HEADER = [
  'file', 'recording_id', 'start_s', 'end_s', 'channel', 'party', 'predicted_emotion', 'confidence', 'uncertain',
  'corrected_start_s', 'corrected_end_s', 'corrected_emotion', 'review', 'reviewer', 'note',
];

/** By path as SQLite compares text (code units), whatever the PostgreSQL database's collation. */
const byPath = (a: RecordingRow, b: RecordingRow) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

async function selectRecordings(db: LibraryDb, ids: readonly string[] | undefined): Promise<RecordingRow[]> {
  if (!ids) return (await db.selectFrom('recordings').selectAll().where('superseded_by', 'is', null).execute()).sort(byPath);
  const unique = [...new Set(ids)];
  const rows: RecordingRow[] = [];
  for (const chunk of idChunks(unique)) rows.push(...(await db.selectFrom('recordings').selectAll().where('id', 'in', chunk).execute()));
  const found = new Set(rows.map((row) => row.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw new EmoqaError('NOT_FOUND', `no such recording: ${missing.slice(0, 3).join(', ')}`);
  return rows.sort(byPath);
}

async function callRow(db: LibraryDb, rec: RecordingRow, regions: RegionRow[], labels: LabelRow[]): Promise<Cell[]> {
  const parties = await loadParties(db, rec.id);
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
  const review = await db.selectFrom('reviews').select(['reviewed', 'reviewer']).where('recording_id', '=', rec.id).executeTakeFirst();
  const reviewed = review?.reviewed === 1;
  const best = longest as (NegativeRun & { role: PartyRole }) | null;
  return [
    rec.file_name, rec.path, rec.id, rec.status, rec.error_message ?? '', fixed(rec.duration_s, 3), ...roleCells,
    best ? fixed(best.durationS, 3) : '', best ? fixed(best.start, 3) : '', best?.role ?? '',
    reviewed ? 'yes' : 'no', reviewed ? (review?.reviewer ?? '') : '',
    labels.filter((l) => l.kind === 'correction').length, labels.filter((l) => l.kind === 'agreement').length, rec.model_version ?? '',
    ...measureCells(parties.length ? conversationMeasures(timelines, rec.duration_s ?? 0) : null),
    rec.agent ?? '', rec.team ?? '', rec.started_at ?? '', rec.note ?? '',
  ];
}

/**
 * Which labels belong on which prediction's rows: every label naming a prediction goes with it;
 * a label naming none goes with the prediction it covers most (more than half of it), unless that
 * prediction already has labels of its own. The rest stand alone.
 */
function assignLabels(regions: readonly RegionRow[], labels: readonly LabelRow[]): { byRegion: Map<number, LabelRow[]>; alone: LabelRow[] } {
  const byRegion = new Map<number, LabelRow[]>();
  const ids = new Set(regions.map((r) => r.id));
  const alone: LabelRow[] = [];
  const add = (regionId: number, label: LabelRow) => byRegion.set(regionId, [...(byRegion.get(regionId) ?? []), label]);
  const unnamed: LabelRow[] = [];
  for (const label of labels) {
    if (label.replaces_region_id !== null && ids.has(label.replaces_region_id)) add(label.replaces_region_id, label);
    else unnamed.push(label);
  }
  for (const label of unnamed) {
    let best: RegionRow | null = null;
    let bestOverlap = 0;
    for (const region of regions) {
      if (region.channel !== label.channel) continue;
      const overlap = Math.min(label.end_s, region.end_s) - Math.max(label.start_s, region.start_s);
      if (overlap > bestOverlap) [best, bestOverlap] = [region, overlap];
    }
    if (best && bestOverlap > (best.end_s - best.start_s) / 2 && !labels.some((l) => l.replaces_region_id === best.id)) add(best.id, label);
    else alone.push(label);
  }
  for (const list of byRegion.values()) list.sort((a, b) => a.start_s - b.start_s || a.id - b.id);
  return { byRegion, alone };
}

function correctedCells(label: LabelRow | null): Cell[] {
  if (!label) return ['', '', '', '', ''];
  return [fixed(label.start_s, 3), fixed(label.end_s, 3), label.emotion, label.kind, label.reviewer];
}

async function segmentRows(db: LibraryDb, rec: RecordingRow, regions: RegionRow[], labels: LabelRow[]): Promise<Cell[][]> {
  const notes: RegionNoteRow[] = await readRegionNotes(db, rec.id);
  const roles = new Map((await loadParties(db, rec.id)).map((p) => [p.channel, p.role] as const));
  const { byRegion, alone } = assignLabels(regions, labels);
  const rows: Array<{ start: number; channel: number; cells: Cell[] }> = [];
  for (const region of regions) {
    const head: Cell[] = [rec.file_name, rec.id, fixed(region.start_s, 3), fixed(region.end_s, 3), region.channel, roles.get(region.channel) ?? '',
      region.emotion, fixed(region.confidence, 4), isUncertain({ confidence: region.confidence, uncertain: region.uncertain === 1 }) ? 'yes' : 'no'];
    const note = regionNoteFor(notes, region.channel, region.start_s, region.end_s);
    const own = byRegion.get(region.id) ?? [];
    for (const label of own.length ? own : [null]) rows.push({ start: region.start_s, channel: region.channel, cells: [...head, ...correctedCells(label), note] });
  }
  // Labels a reviewer drew where the model said nothing (or that match no single prediction).
  for (const label of alone) {
    rows.push({
      start: label.start_s,
      channel: label.channel,
      cells: [rec.file_name, rec.id, fixed(label.start_s, 3), fixed(label.end_s, 3), label.channel, roles.get(label.channel) ?? '',
        '', '', '', ...correctedCells(label), regionNoteFor(notes, label.channel, label.start_s, label.end_s)],
    });
  }
  // Stable order: by start, then party; a prediction's label rows keep their own order.
  return rows.map((row, index) => ({ ...row, index })).sort((a, b) => a.start - b.start || a.channel - b.channel || a.index - b.index).map((r) => r.cells);
}

/** The QA report: one row per call, one per segment. Backs `export.report` and `emoqa export`. */
export async function buildReport(db: LibraryDb, recordingIds?: readonly string[]): Promise<Report> {
  const calls: Cell[][] = [];
  const segments: Cell[][] = [];
  for (const rec of await selectRecordings(db, recordingIds)) {
    const regions = await loadRegions(db, rec.id);
    const labels = await loadLabels(db, rec.id);
    calls.push(await callRow(db, rec, regions, labels));
    segments.push(...(await segmentRows(db, rec, regions, labels)));
  }
  return { callsCsv: toCsv(CALL_HEADER, calls), segmentsCsv: toCsv(SEGMENT_HEADER, segments), calls: calls.length, segments: segments.length };
}
