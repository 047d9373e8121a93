import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import { ensureModelVersion } from '../models/model-registry';
import { markAnalysed } from './recording-store';
import type { AnalysisResult } from '../analysis/analysis-types';
import { refreshPartySummaries } from './party-summaries';

/**
 * Stores everything about one analysed recording in ONE transaction: earlier parties, regions and
 * peaks are replaced, the status becomes `done`. A crash before the commit leaves the recording as
 * it was (queued/analysing), so the next run redoes it without duplicates. The body awaits only its
 * own queries (libraryTransaction's rule on SQLite).
 */
export function writeAnalysisResult(db: LibraryDb, recordingId: string, result: AnalysisResult): Promise<void> {
  return libraryTransaction(db, async (trx) => {
    await ensureModelVersion(trx, result.modelVersion);
    for (const table of ['model_regions', 'parties', 'peaks', 'window_stats'] as const) await trx.deleteFrom(table).where('recording_id', '=', recordingId).execute();
    for (const channel of result.channels) {
      await trx
        .insertInto('parties')
        .values({
          recording_id: recordingId, channel: channel.channel, role: channel.role, talk_time_s: channel.talkTimeS,
          class_weights: channel.classWeights ? JSON.stringify(channel.classWeights) : null,
        })
        .execute();
      const regions = channel.regions
        .filter((r) => r.end > r.start)
        .map((r) => ({
          recording_id: recordingId, channel: channel.channel, start_s: r.start, end_s: r.end, emotion: r.emotion, confidence: r.confidence,
          probabilities: JSON.stringify(r.probabilities), model_version: result.modelVersion, uncertain: r.uncertain ? 1 : 0,
        }));
      // 9 values a row: chunks keep a long call under SQLite's and PostgreSQL's bound-parameter limits.
      for (let i = 0; i < regions.length; i += 500) await trx.insertInto('model_regions').values(regions.slice(i, i + 500)).execute();
    }
    const peaks = result.peaks.levels.flatMap((level, index) =>
      level.channels.map((data, channel) => ({
        recording_id: recordingId, level: index, channel, samples_per_peak: level.samplesPerPeak, sample_rate: result.peaks.sampleRate,
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      })),
    );
    if (peaks.length) await trx.insertInto('peaks').values(peaks).execute();
    const analysedAt = new Date().toISOString();
    const summaries = (result.windowSummaries ?? []).map((s) => ({
      recording_id: recordingId, channel: s.channel, kind: s.kind, windows: s.windows, dim: s.dim, analysed_at: analysedAt,
      quantiles: Buffer.from(s.quantiles.buffer, s.quantiles.byteOffset, s.quantiles.byteLength),
    }));
    if (summaries.length) await trx.insertInto('window_stats').values(summaries).execute();
    await markAnalysed(trx, recordingId, result);
    await refreshPartySummaries(trx, recordingId);
  });
}
