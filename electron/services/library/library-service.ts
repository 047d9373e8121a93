import { sql } from 'kysely';
import type { LibraryDb } from '../../db/library-database';
import type { HandlerArgs, Results } from '../../shared/contract';
import type { PeaksInfo, RecordingDetail, RecordingSummary } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import { listSummaryRows, summaryRowsByIds, toSummary } from './list-query';
import { loadLabels, loadRegions, toHumanLabel, toPredictedRegion } from './recording-rows';

export class LibraryService {
  constructor(
    private readonly db: LibraryDb,
    private readonly progressOf: (recordingId: string) => number | null = () => null,
  ) {}

  async list(): Promise<RecordingSummary[]> {
    return (await listSummaryRows(this.db)).map((row) => toSummary(row, this.progressOf));
  }

  async summary(id: string): Promise<RecordingSummary> {
    const row = (await summaryRowsByIds(this.db, [id]))[0];
    if (!row) throw new EmoqaError('NOT_FOUND', `recording ${id} does not exist`);
    return toSummary(row, this.progressOf);
  }

  async get(id: string): Promise<RecordingDetail> {
    const row = (await summaryRowsByIds(this.db, [id]))[0];
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
  async peaksInfo(id: string): Promise<PeaksInfo> {
    await this.get(id);
    const rows = await this.db
      .selectFrom('peaks')
      .select(['level', 'channel', 'samples_per_peak', 'sample_rate', sql<number>`length(data)`.as('bytes')])
      .where('recording_id', '=', id)
      .orderBy('samples_per_peak')
      .orderBy('channel')
      .execute();
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
   * electron/shared/peaks.ts). The database cuts the bytes, so only the asked range is copied out.
   */
  async peaksRange(args: HandlerArgs<'recordings.peaksRange'>): Promise<Uint8Array> {
    const info = await this.peaksInfo(args.id);
    const level = info.levels.find((l) => l.level === args.level);
    if (!level) throw new EmoqaError('NOT_FOUND', `recording ${args.id} has no peaks level ${args.level}`);
    const count = Math.max(0, Math.min(args.count, level.buckets - args.start));
    // substr of bytes is bytes on both databases (1-based, as SQL counts).
    const rows = await this.db
      .selectFrom('peaks')
      .select(sql<Buffer | null>`substr(data, ${args.start * 2 + 1}, ${count * 2})`.as('slice'))
      .where('recording_id', '=', args.id)
      .where('level', '=', args.level)
      .orderBy('channel')
      .execute();
    const out = new Uint8Array(rows.length * count * 2);
    rows.forEach((row, channel) => {
      if (row.slice) out.set(row.slice.subarray(0, count * 2), channel * count * 2);
    });
    return out;
  }

  async regions(id: string): Promise<Results['recordings.regions']> {
    await this.get(id);
    return {
      predictions: (await loadRegions(this.db, id)).map(toPredictedRegion),
      labels: (await loadLabels(this.db, id)).map(toHumanLabel),
    };
  }
}
