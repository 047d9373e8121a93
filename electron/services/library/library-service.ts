import type { Database } from '../../db/database';
import type { HandlerArgs, Results } from '../../shared/contract';
import type { PeaksInfo, RecordingDetail, RecordingSummary } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import { listSummaryRows, summaryRowsByIds, toSummary } from './list-query';
import { readLabels, readRegions, toHumanLabel, toPredictedRegion } from './recording-rows';

interface PeaksMetaRow {
  level: number;
  channel: number;
  samples_per_peak: number;
  sample_rate: number;
  bytes: number;
}

export class LibraryService {
  constructor(
    private readonly db: Database,
    private readonly progressOf: (recordingId: string) => number | null = () => null,
  ) {}

  list(): RecordingSummary[] {
    return listSummaryRows(this.db).map((row) => toSummary(row, this.progressOf));
  }

  summary(id: string): RecordingSummary {
    const row = summaryRowsByIds(this.db, [id])[0];
    if (!row) throw new EmoqaError('NOT_FOUND', `recording ${id} does not exist`);
    return toSummary(row, this.progressOf);
  }

  get(id: string): RecordingDetail {
    const row = summaryRowsByIds(this.db, [id])[0];
    if (!row) throw new EmoqaError('NOT_FOUND', `recording ${id} does not exist`);
    return {
      ...toSummary(row, this.progressOf),
      sizeBytes: row.size_bytes,
      codec: row.codec,
      sampleRate: row.sample_rate,
      channels: row.channels,
      downmixed: row.downmixed === 1,
      note: row.note,
    };
  }

  /** The stored peak levels of an analysed recording (finest first); the samples come by range. */
  peaksInfo(id: string): PeaksInfo {
    this.get(id);
    const rows = this.db
      .prepare('SELECT level, channel, samples_per_peak, sample_rate, length(data) AS bytes FROM peaks WHERE recording_id = ? ORDER BY samples_per_peak, channel')
      .all(id) as PeaksMetaRow[];
    if (rows.length === 0) throw new EmoqaError('NOT_FOUND', `recording ${id} has no waveform yet (it is not analysed)`);
    const levels = new Map<number, PeaksInfo['levels'][number]>();
    for (const row of rows) {
      const known = levels.get(row.level);
      const buckets = Math.floor(row.bytes / 2);
      if (!known) levels.set(row.level, { level: row.level, samplesPerPeak: row.samples_per_peak, buckets });
      else known.buckets = Math.max(known.buckets, buckets);
    }
    const channels = new Set(rows.map((r) => r.channel)).size;
    return { sampleRate: rows[0].sample_rate, channels, levels: [...levels.values()] };
  }

  /**
   * Buckets [start, start + count) of one level, every channel, as int8 min/max pairs (layout in
   * electron/shared/peaks.ts). SQLite cuts the blob, so only the asked range is copied out.
   */
  peaksRange(args: HandlerArgs<'recordings.peaksRange'>): Uint8Array {
    const info = this.peaksInfo(args.id);
    const level = info.levels.find((l) => l.level === args.level);
    if (!level) throw new EmoqaError('NOT_FOUND', `recording ${args.id} has no peaks level ${args.level}`);
    const count = Math.max(0, Math.min(args.count, level.buckets - args.start));
    const rows = this.db
      .prepare('SELECT substr(data, ?, ?) AS slice FROM peaks WHERE recording_id = ? AND level = ? ORDER BY channel')
      .all(args.start * 2 + 1, count * 2, args.id, args.level) as Array<{ slice: Buffer | null }>;
    const out = new Uint8Array(rows.length * count * 2);
    rows.forEach((row, channel) => {
      if (row.slice) out.set(row.slice.subarray(0, count * 2), channel * count * 2);
    });
    return out;
  }

  regions(id: string): Results['recordings.regions'] {
    this.get(id);
    return {
      predictions: readRegions(this.db, id).map(toPredictedRegion),
      labels: readLabels(this.db, id).map(toHumanLabel),
    };
  }
}
