/** Shared set-up for service tests: a real SQLite file in a temp dir and seeded, analysed calls. */
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../../electron/db/database';
import { libraryDb, type LibraryDb } from '../../../../electron/db/library-database';
import type { AnalysisResult, EmotionRegion } from '../../../../electron/services/analysis/analysis-types';
import { writeAnalysisResult } from '../../../../electron/services/library/results-writer';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../../../../electron/shared/domain';
import { makeTempDir } from '../../../helpers/fixtures';

export function tempDatabase(): { db: Database; lib: LibraryDb; path: string; dir: string; cleanup: () => void } {
  const temp = makeTempDir('emoqa-db-');
  const path = join(temp.dir, 'test.sqlite');
  const db = openDatabase(path);
  return {
    db,
    // The query layer's view of the same connection.
    lib: libraryDb(db),
    path,
    dir: temp.dir,
    cleanup: () => {
      if (db.open) db.close();
      temp.cleanup();
    },
  };
}

export function probabilities(top: Emotion, confidence = 0.7): EmotionProbabilities {
  const rest = (1 - confidence) / (EMOTIONS.length - 1);
  return Object.fromEntries(EMOTIONS.map((e) => [e, e === top ? confidence : rest])) as EmotionProbabilities;
}

export function region(start: number, end: number, emotion: Emotion, confidence = 0.7): EmotionRegion {
  return { start, end, emotion, confidence, probabilities: probabilities(emotion, confidence) };
}

/** An analysis result with the given regions per channel (talk time = sum of regions). */
export function fakeResult(durationS: number, perChannel: EmotionRegion[][], modelVersion = 'test-1'): AnalysisResult {
  const roles = perChannel.length === 2 ? (['agent', 'customer'] as const) : (['speaker'] as const);
  return {
    durationS,
    sampleRate: 16_000,
    sourceChannels: perChannel.length,
    downmixed: false,
    modelVersion,
    channels: perChannel.map((regions, channel) => ({
      channel,
      role: roles[channel],
      talkTimeS: regions.reduce((sum, r) => sum + r.end - r.start, 0),
      speech: regions.map((r) => ({ start: r.start, end: r.end })),
      regions,
    })),
    peaks: {
      sampleRate: 16_000,
      levels: [256, 4096].map((samplesPerPeak) => ({
        samplesPerPeak,
        channels: perChannel.map(() => {
          const count = Math.ceil((durationS * 16_000) / samplesPerPeak);
          return Int8Array.from({ length: count * 2 }, (_, i) => (i % 2 === 0 ? -64 : 127));
        }),
      })),
    },
  };
}

let seeded = 0;

/** Inserts a queued recording row directly (as ingest would), then stores `result` for it. */
export async function seedRecording(db: Database, result: AnalysisResult | null, name = `call-${++seeded}.wav`): Promise<string> {
  return seedRecordingIn(libraryDb(db), result, name);
}

/** The same on any library handle (SQLite or PostgreSQL), for tests run on both databases. */
export async function seedRecordingIn(db: LibraryDb, result: AnalysisResult | null, name = `call-${++seeded}.wav`): Promise<string> {
  const id = `${'0'.repeat(56)}${String(++seeded).padStart(8, '0')}`;
  await db
    .insertInto('recordings')
    .values({
      id, content_hash: id, path: `/calls/${name}`, file_name: name, size_bytes: 1000, duration_s: result?.durationS ?? 10, codec: 'pcm_s16le',
      sample_rate: 8000, channels: result?.sourceChannels ?? 2, status: 'queued', imported_at: new Date(Date.UTC(2025, 0, 1, 0, 0, seeded)).toISOString(),
    })
    .execute();
  if (result) await writeAnalysisResult(db, id, result);
  return id;
}
