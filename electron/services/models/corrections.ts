/**
 * What retraining learns from, read from the store: every live human label (relabelled, resized,
 * split or added, and confirmations of the model's label: agreements are examples too) of every
 * call whose audio is still where it was analysed, as non-overlapping spans per party (where labels
 * overlap, the newest edit wins, as the reviewer sees it). Stretches marked "not speech" or
 * "unsure" teach no emotion: they mask what lies under them and are left out.
 */
import { existsSync } from 'node:fs';
import type { LibraryDb } from '../../db/library-database';
import type { PartyCorrections } from '../../../ml/retrain/correction-features';
import { planParties } from '../analysis/recording-plan';
import { labelSpans } from '../library/party-summaries';
import { loadLabels, type RecordingRow } from '../library/recording-rows';
import { requeueOtherVersions } from '../library/recording-store';
import { isEmotion } from '../../shared/domain';
import { effectiveTimeline, emotionPieces } from '../library/timeline';

export interface CorrectionSet {
  parties: PartyCorrections[];
  /** Emotion labels used, agreements among them. */
  labels: number;
  agreements: number;
  calls: number;
  /** Calls with labels that cannot be used, and why. */
  skipped: string[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function collectCorrections(db: LibraryDb): Promise<CorrectionSet> {
  const recordings: RecordingRow[] = (
    await db
      .selectFrom('recordings as r')
      .selectAll('r')
      .where('r.content_hash', 'is not', null)
      .where(({ exists, selectFrom }) => exists(selectFrom('labels as l').select('l.id').whereRef('l.recording_id', '=', 'r.id').where('l.deleted', '=', 0)))
      .execute()
  // By the audio's content hash, then id (as SQLite compares text, on either database): the calls' order, and so the
  // order of the rows retraining shuffles by its seed, is the same for the same recordings in any library (ids are random).
  ).sort((a, b) => byText(a.content_hash ?? '', b.content_hash ?? '') || byText(a.id, b.id));
  const out: CorrectionSet = { parties: [], labels: 0, agreements: 0, calls: 0, skipped: [] };
  for (const rec of recordings) {
    if (rec.superseded_by !== null || !existsSync(rec.path)) {
      out.skipped.push(`${rec.path}: the audio is no longer there`);
      continue;
    }
    const labels = await loadLabels(db, rec.id);
    const sourceChannels = rec.channels ?? 1;
    const plan = planParties(sourceChannels, ['agent', 'customer']);
    let used = 0;
    for (const party of plan.parties) {
      const spans = emotionPieces(effectiveTimeline([], labelSpans(labels, party.channel)));
      if (!spans.length) continue;
      const partyLabels = labels.filter((l) => l.channel === party.channel && isEmotion(l.emotion));
      used += partyLabels.length;
      out.agreements += partyLabels.filter((l) => l.kind === 'agreement').length;
      const labelledAt = partyLabels.reduce((latest, l) => (l.updated_at > latest ? l.updated_at : latest), '');
      out.parties.push({ recordingId: rec.id, path: rec.path, channel: party.channel, sourceChannels, select: party.select, spans, labelledAt });
    }
    if (used) {
      out.labels += used;
      out.calls += 1;
    }
  }
  return out;
}

/**
 * Queues every analysed call that another version produced for analysis again. Only predictions
 * are replaced: labels are never touched and stay laid over the new predictions.
 */
export async function queueReanalysis(db: LibraryDb, version: string, start: (paths: string[]) => string | Promise<string>): Promise<string | null> {
  const paths = await requeueOtherVersions(db, version);
  return paths.length ? start(paths) : null;
}
