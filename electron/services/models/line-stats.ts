/**
 * The library's own line (ml/model/channel-stats): every analysed party leaves a summary of its
 * speech windows (window_stats, migration 0180); the newest parties' summaries give the library's
 * median and spread per feature, with no labels, and the measured rule decides whether analysis
 * z-scores the party head's absolute half with them (only where the line moved far from the
 * training data: bench/channel-bench.ts). Calls analysed before it keep their results.
 */
import type { LibraryDb } from '../../db/library-database';
import type { LineStatsInfo } from '../../shared/contract';
import { channelFromSummaries, DEFAULT_CHANNEL_RULE, windowsKindOf, type ChannelEstimate, type WindowSummary } from '../../../ml/model/channel-stats';
import type { ModelMetadata } from '../../../ml/model/metadata';
import type { PartyStats } from '../../../ml/model/pooling';

/** Fewer calls than this: the training statistics stay (a median over one or two calls says more about their voices than the line). */
export const LINE_MIN_CALLS = 3;
/** The newest parties read: the line as it is now, and a bounded cost (≈ 9 kB and 40 bisections per feature and party). */
export const LINE_PARTIES = 400;

export interface LineEstimate {
  kind: string | null;
  calls: number;
  /** Speech windows the summaries read stand for. */
  windows: number;
  estimate: ChannelEstimate | null;
  /** Why the training statistics stay (null: the library's are applied). */
  reason: string | null;
}

/** The model's training statistics of the absolute half (null: a model without a pooled party head). */
export function trainingStats(metadata: ModelMetadata): PartyStats | null {
  const global = metadata.decision?.global;
  return windowsKindOf(metadata) && global ? { mean: Float32Array.from(global.mean), std: Float32Array.from(global.std), count: 0 } : null;
}

export async function windowSummaries(db: LibraryDb, kind: string, limit = LINE_PARTIES): Promise<Array<WindowSummary & { recordingId: string }>> {
  const rows = await db
    .selectFrom('window_stats')
    .select(['recording_id', 'windows', 'dim', 'quantiles'])
    .where('kind', '=', kind)
    .orderBy('analysed_at', 'desc')
    .orderBy('recording_id')
    .orderBy('channel')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    // A copy: the driver's Buffer may be a slice of a pool at any byte offset.
    const bytes = Uint8Array.from(r.quantiles);
    return { recordingId: r.recording_id, windows: r.windows, dim: r.dim, quantiles: new Float32Array(bytes.buffer, 0, bytes.byteLength / 4) };
  });
}

export async function estimateLine(db: LibraryDb, metadata: ModelMetadata): Promise<LineEstimate> {
  const kind = windowsKindOf(metadata);
  const training = trainingStats(metadata);
  if (!kind || !training) return { kind, calls: 0, windows: 0, estimate: null, reason: 'this model reads no library statistics' };
  const summaries = (await windowSummaries(db, kind)).filter((s) => s.dim === training.mean.length && s.quantiles.length === 5 * s.dim);
  const calls = new Set(summaries.map((s) => s.recordingId)).size;
  const windows = summaries.reduce((n, s) => n + s.windows, 0);
  if (calls < LINE_MIN_CALLS) return { kind, calls, windows, estimate: null, reason: `${calls} call${calls === 1 ? '' : 's'} analysed with these features: the estimate needs ${LINE_MIN_CALLS}` };
  const estimate = channelFromSummaries(summaries, training);
  const reason = estimate.applied ? null
    : `the line is like the training data (${estimate.shifted} of ${training.mean.length} features moved more than ${DEFAULT_CHANNEL_RULE.shiftZ} SD; ` +
      `re-centring is applied from ${DEFAULT_CHANNEL_RULE.minShifted}, since it lowers accuracy on lines the model knows)`;
  return { kind, calls, windows, estimate, reason };
}

/** What analysis passes as AnalyseOptions.lineStats (undefined: the training statistics). */
export const lineStatsInUse = (line: LineEstimate): PartyStats | undefined => (line.estimate?.applied ? line.estimate.stats : undefined);

export function lineInfo(version: string, line: LineEstimate): LineStatsInfo {
  return {
    version,
    applied: !!line.estimate?.applied,
    calls: line.calls,
    windows: line.windows,
    shifted: line.estimate?.shifted ?? 0,
    features: line.estimate?.stats.mean.length ?? 0,
    shiftZ: DEFAULT_CHANNEL_RULE.shiftZ,
    minShifted: DEFAULT_CHANNEL_RULE.minShifted,
    minCalls: LINE_MIN_CALLS,
    reason: line.reason,
  };
}

/**
 * Re-estimated once the parties' summaries changed by this share of those in use (at least one):
 * the line of a library moves slowly, and pooling 400 parties costs ~80 ms of the main thread (a third of
 * that where the line is like the training data: channelFromSummaries), which,
 * paid after every analysed call, grew a folder of 1,000 files quadratically (bench/folder-bench.ts,
 * EMOQA_BENCH_FLAT_FILES=1000). So every call counts while a library is small; from 400 parties on,
 * every 40th party (20 stereo calls) does.
 */
export const LINE_REFRESH_SHARE = 0.1;
/** …or when the estimate in use is older than this and anything changed (a library read again after a pause). */
export const LINE_REFRESH_MS = 10 * 60_000;

interface LineStamp {
  parties: number;
  newest: string;
}

/** Whether the summaries moved enough since `used` to pool them again. */
export function lineDue(used: LineStamp & { at: number }, now: LineStamp, nowMs: number): boolean {
  if (now.parties === used.parties && now.newest === used.newest) return false;
  const step = Math.max(1, Math.ceil(LINE_REFRESH_SHARE * Math.min(used.parties, LINE_PARTIES)));
  // Fewer parties than before: calls were deleted, and the estimate may stand on them.
  return now.parties < used.parties || now.parties - used.parties >= step || nowMs - used.at >= LINE_REFRESH_MS;
}

/**
 * The estimate per model folder, pooled again only when the library's summaries moved enough
 * (`lineDue`; one small query per analysis: their count and newest time).
 */
export function lineCache(db: LibraryDb, clock: () => number = Date.now): (dir: string, metadata: ModelMetadata) => Promise<LineEstimate> {
  const known = new Map<string, { stamp: LineStamp & { at: number }; line: Promise<LineEstimate> }>();
  return async (dir, metadata) => {
    const kind = windowsKindOf(metadata) ?? '';
    const row = await db
      .selectFrom('window_stats')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('analysed_at').as('newest')])
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    // PostgreSQL counts in bigint, which pg returns as text.
    const stamp = { parties: Number(row.n), newest: row.newest ?? '' };
    const hit = known.get(dir);
    if (hit && !lineDue(hit.stamp, stamp, clock())) return hit.line;
    const line = estimateLine(db, metadata);
    known.set(dir, { stamp: { ...stamp, at: clock() }, line });
    line.catch(() => known.get(dir)?.line === line && known.delete(dir));
    return line;
  };
}
