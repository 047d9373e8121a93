import type { Database } from '../../db/database';
import { ensureModelVersion } from '../models/model-registry';
import { markAnalysed } from './recording-store';
import type { AnalysisResult } from '../analysis/analysis-types';
import { refreshPartySummaries } from './party-summaries';

/**
 * Stores everything about one analysed recording in ONE transaction: earlier parties, regions and
 * peaks are replaced, the status becomes `done`. A crash before the commit leaves the recording as
 * it was (queued/analysing), so the next run redoes it without duplicates.
 */
export function writeAnalysisResult(db: Database, recordingId: string, result: AnalysisResult): void {
  const write = db.transaction(() => {
    ensureModelVersion(db, result.modelVersion);
    for (const table of ['model_regions', 'parties', 'peaks']) db.prepare(`DELETE FROM ${table} WHERE recording_id = ?`).run(recordingId);
    const party = db.prepare('INSERT INTO parties (recording_id, channel, role, talk_time_s, class_weights) VALUES (?, ?, ?, ?, ?)');
    const region = db.prepare(
      `INSERT INTO model_regions (recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version, uncertain)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const channel of result.channels) {
      party.run(recordingId, channel.channel, channel.role, channel.talkTimeS, channel.classWeights ? JSON.stringify(channel.classWeights) : null);
      for (const r of channel.regions) {
        if (!(r.end > r.start)) continue;
        region.run(recordingId, channel.channel, r.start, r.end, r.emotion, r.confidence, JSON.stringify(r.probabilities), result.modelVersion, r.uncertain ? 1 : 0);
      }
    }
    const peaks = db.prepare(
      'INSERT INTO peaks (recording_id, level, channel, samples_per_peak, sample_rate, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    result.peaks.levels.forEach((level, index) => {
      level.channels.forEach((data, channel) => {
        peaks.run(recordingId, index, channel, level.samplesPerPeak, result.peaks.sampleRate, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      });
    });
    markAnalysed(db, recordingId, result);
    refreshPartySummaries(db, recordingId);
  });
  write.immediate();
}
