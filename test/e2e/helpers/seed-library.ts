import { randomUUID } from 'node:crypto';
import type { Database } from '../../../electron/db/database';
import { EMOTIONS, type Emotion } from '../../../electron/shared/domain';

/**
 * Fills a library with `count` analysed calls straight through the database layer (ingesting ten
 * thousand real files would test ffmpeg, not the table). Rows follow the store's schema: recordings
 * plus one party per channel with its cached emotion seconds.
 */
export function seedLibrary(db: Database, count: number, seed = 1): string[] {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const recording = db.prepare(
    `INSERT INTO recordings (id, content_hash, path, file_name, size_bytes, duration_s, format, codec, sample_rate, channels, roles, status, error_code, error_message, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, 'wav', 'pcm_s16le', 8000, 2, '["agent","customer"]', ?, ?, ?, ?)`,
  );
  const party = db.prepare('INSERT INTO parties (recording_id, channel, role, talk_time_s, emotion_seconds) VALUES (?, ?, ?, ?, ?)');
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = randomUUID();
      const failed = i % 97 === 13;
      const duration = 60 + next() * 1_500;
      const imported = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      recording.run(id, id, `/calls/batch-${Math.floor(i / 1000)}/call-${String(i).padStart(5, '0')}.wav`, `call-${String(i).padStart(5, '0')}.wav`,
        Math.round(duration * 32_000), duration, failed ? 'error' : 'done', failed ? 'DECODE_FAILED' : null, failed ? 'ffmpeg could not decode the file' : null, imported);
      if (!failed) {
        (['agent', 'customer'] as const).forEach((role, channel) => {
          const talk = duration * (0.3 + next() * 0.3);
          const weights = EMOTIONS.map(() => next() ** 2);
          const sum = weights.reduce((a, b) => a + b, 0);
          const seconds = Object.fromEntries(EMOTIONS.map((emotion: Emotion, k) => [emotion, (weights[k] / sum) * talk]));
          party.run(id, channel, role, talk, JSON.stringify(seconds));
        });
      }
      ids.push(id);
    }
  })();
  return ids;
}
