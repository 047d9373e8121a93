import type { Database } from '../../db/database';
import { conversationMeasures } from '../report/conversation-measures';
import { getRecordingRow, readLabels, readParties, readRegions, type LabelRow, type RegionRow } from './recording-rows';
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

/** Effective timeline per analysed channel of one recording. */
export function channelTimelines(db: Database, recordingId: string): Map<number, TimedEmotion[]> {
  const regions = readRegions(db, recordingId);
  const labels = readLabels(db, recordingId);
  const channels = new Set<number>([...readParties(db, recordingId).map((p) => p.channel), ...labels.map((l) => l.channel)]);
  const out = new Map<number, TimedEmotion[]>();
  for (const channel of [...channels].sort((a, b) => a - b)) {
    out.set(channel, effectiveTimeline(predictionSpans(regions, channel), labelSpans(labels, channel)));
  }
  return out;
}

/**
 * Recomputes the cached seconds-per-emotion of every party of a recording and its conversation
 * measures. Called inside the transaction that changed its regions or labels, so the cache is
 * never stale on disk.
 */
export function refreshPartySummaries(db: Database, recordingId: string): void {
  const timelines = channelTimelines(db, recordingId);
  const update = db.prepare('UPDATE parties SET emotion_seconds = ? WHERE recording_id = ? AND channel = ?');
  const parties = readParties(db, recordingId);
  for (const party of parties) {
    update.run(JSON.stringify(emotionSeconds(timelines.get(party.channel) ?? [])), recordingId, party.channel);
  }
  const measures = parties.length
    ? conversationMeasures(parties.map((p) => ({ role: p.role, timeline: timelines.get(p.channel) ?? [] })), getRecordingRow(db, recordingId).duration_s ?? 0)
    : null;
  db.prepare('UPDATE recordings SET measures = ? WHERE id = ?').run(measures ? JSON.stringify(measures) : null, recordingId);
}

/** Databases from before the measures cache (migration 0080): fills it for analysed calls, once. */
export function backfillMeasures(db: Database): number {
  const ids = db.prepare(`SELECT id FROM recordings WHERE measures IS NULL AND status = 'done'`).pluck().all() as string[];
  // IMMEDIATE, as every transaction that reads before it writes: a deferred one fails at once beside another process writing.
  if (ids.length) db.transaction(() => ids.forEach((id) => refreshPartySummaries(db, id))).immediate();
  return ids.length;
}
