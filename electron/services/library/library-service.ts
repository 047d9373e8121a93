import type { Database } from '../../db/database';
import type { HandlerArgs, Results } from '../../shared/contract';
import type { PeaksLevel, RecordingDetail, RecordingSummary } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import { listSummaryRows, summaryRowsByIds, toSummary } from './list-query';
import { readLabels, readRegions, toHumanLabel, toPredictedRegion } from './recording-rows';

interface PeaksRow {
  level: number;
  channel: number;
  samples_per_peak: number;
  sample_rate: number;
  data: Buffer;
}

/** Peaks sent when the caller gives no budget: enough for a wide screen at a few zoom steps. */
const DEFAULT_MAX_PEAKS = 20_000;

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

  /**
   * The finest stored level whose peak count per channel fits `maxPeaks` (else the coarsest one),
   * de-quantised from int8 to -1..1.
   */
  peaks(args: HandlerArgs<'recordings.peaks'>): PeaksLevel {
    this.get(args.id);
    const rows = this.db
      .prepare('SELECT level, channel, samples_per_peak, sample_rate, data FROM peaks WHERE recording_id = ? ORDER BY samples_per_peak, channel')
      .all(args.id) as PeaksRow[];
    if (rows.length === 0) throw new EmoqaError('NOT_FOUND', `recording ${args.id} has no waveform yet (it is not analysed)`);
    const budget = args.maxPeaks ?? DEFAULT_MAX_PEAKS;
    const levels = [...new Set(rows.map((r) => r.samples_per_peak))];
    const peakCount = (spp: number) => Math.max(...rows.filter((r) => r.samples_per_peak === spp).map((r) => r.data.length / 2));
    const chosen = levels.find((spp) => peakCount(spp) <= budget) ?? levels[levels.length - 1];
    const picked = rows.filter((r) => r.samples_per_peak === chosen).sort((a, b) => a.channel - b.channel);
    const channels = picked.map((r) => Array.from(new Int8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength), (v) => v / 127));
    return { samplesPerPeak: chosen, sampleRate: picked[0].sample_rate, channels };
  }

  regions(id: string): Results['recordings.regions'] {
    this.get(id);
    return {
      predictions: readRegions(this.db, id).map(toPredictedRegion),
      labels: readLabels(this.db, id).map(toHumanLabel),
    };
  }
}
