import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import { conversationMeasures } from '../report/conversation-measures';
import {
  loadLabels,
  loadParties,
  loadRecordingRow,
  loadRegions,
  type LabelRow,
  type PartyRow,
  type RegionRow,
} from './recording-rows';
import { effectiveTimeline, emotionSeconds, type LabelSpan, type PredictionSpan, type TimedEmotion } from './timeline';

/** Rank labels by their last edit, so the newest correction wins where two overlap. */
export function labelSpans(labels: readonly LabelRow[], channel: number): LabelSpan[] {
  const ordered = labels
    .filter((l) => l.channel === channel)
    .sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id - b.id));
  return ordered.map((l, rank) => ({ start: l.start_s, end: l.end_s, emotion: l.emotion, rank }));
}

export function predictionSpans(regions: readonly RegionRow[], channel: number): PredictionSpan[] {
  return regions
    .filter((r) => r.channel === channel)
    .map((r) => ({ start: r.start_s, end: r.end_s, emotion: r.emotion, confidence: r.confidence }));
}

/** Effective timeline per analysed channel, from a recording's rows. */
function timelinesOf(regions: readonly RegionRow[], labels: readonly LabelRow[], parties: readonly PartyRow[]): Map<number, TimedEmotion[]> {
  const channels = new Set<number>([...parties.map((p) => p.channel), ...labels.map((l) => l.channel)]);
  const out = new Map<number, TimedEmotion[]>();
  for (const channel of [...channels].sort((a, b) => a - b)) {
    out.set(channel, effectiveTimeline(predictionSpans(regions, channel), labelSpans(labels, channel)));
  }
  return out;
}

/** Effective timeline per analysed channel of one recording. */
export async function channelTimelines(db: LibraryDb, recordingId: string): Promise<Map<number, TimedEmotion[]>> {
  const [regions, labels, parties] = [await loadRegions(db, recordingId), await loadLabels(db, recordingId), await loadParties(db, recordingId)];
  return timelinesOf(regions, labels, parties);
}

interface Summaries {
  /** JSON seconds per emotion, per party channel. */
  emotionSeconds: Array<{ channel: number; json: string }>;
  /** ConversationMeasures as JSON, or null without parties. */
  measures: string | null;
}

function summariesOf(regions: readonly RegionRow[], labels: readonly LabelRow[], parties: readonly PartyRow[], durationS: number | null): Summaries {
  const timelines = timelinesOf(regions, labels, parties);
  const measures = parties.length ? conversationMeasures(parties.map((p) => ({ role: p.role, timeline: timelines.get(p.channel) ?? [] })), durationS ?? 0) : null;
  return {
    emotionSeconds: parties.map((p) => ({ channel: p.channel, json: JSON.stringify(emotionSeconds(timelines.get(p.channel) ?? [])) })),
    measures: measures ? JSON.stringify(measures) : null,
  };
}

const partyUpdate = (db: LibraryDb, recordingId: string, channel: number, json: string) =>
  db.updateTable('parties').set({ emotion_seconds: json }).where('recording_id', '=', recordingId).where('channel', '=', channel);
const measuresUpdate = (db: LibraryDb, recordingId: string, json: string | null) => db.updateTable('recordings').set({ measures: json }).where('id', '=', recordingId);

/**
 * Recomputes the cached seconds-per-emotion of every party of a recording and its conversation
 * measures. Called inside the transaction that changed its regions or labels, so the cache is
 * never stale on disk.
 */
export async function refreshPartySummaries(db: LibraryDb, recordingId: string): Promise<void> {
  const recording = await loadRecordingRow(db, recordingId);
  const found = summariesOf(await loadRegions(db, recordingId), await loadLabels(db, recordingId), await loadParties(db, recordingId), recording.duration_s);
  for (const party of found.emotionSeconds) await partyUpdate(db, recordingId, party.channel, party.json).execute();
  await measuresUpdate(db, recordingId, found.measures).execute();
}

/** Databases from before the measures cache (migration 0080): fills it for analysed calls, once. */
export async function backfillMeasures(db: LibraryDb): Promise<number> {
  const rows = await db.selectFrom('recordings').select('id').where('measures', 'is', null).where('status', '=', 'done').execute();
  if (rows.length) {
    await libraryTransaction(db, async (trx) => {
      for (const { id } of rows) await refreshPartySummaries(trx, id);
    });
  }
  return rows.length;
}
