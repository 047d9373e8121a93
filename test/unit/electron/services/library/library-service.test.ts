import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { EMOTIONS } from '../../../../../electron/shared/domain';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

describe('library service', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());

  it('summarises each party from its regions', () => {
    const id = seedRecording(store.db, fakeResult(20, [[region(0, 3, 'angry'), region(4, 5, 'neutral')], [region(1, 2, 'happy')]]));
    const [summary] = new LibraryService(store.db).list();
    expect(summary).toMatchObject({ id, status: 'done', corrections: 0, reviewed: false, modelVersion: 'test-1', durationS: 20 });
    expect(summary.parties.map((p) => [p.channel, p.role, p.talkTimeS, p.dominantEmotion])).toEqual([
      [0, 'agent', 4, 'angry'],
      [1, 'customer', 1, 'happy'],
    ]);
    expect(summary.parties[0].emotionShare.angry).toBeCloseTo(0.75);
    expect(summary.parties[0].negativeShare).toBeCloseTo(0.75);
  });

  // How long it takes is a figure of `npm run bench -- services`.
  it('lists 10,000 recordings in one query', () => {
    const insert = store.db.transaction(() => {
      const rec = store.db.prepare(
        `INSERT INTO recordings (id, content_hash, path, file_name, size_bytes, duration_s, channels, status, imported_at) VALUES (?, ?, ?, ?, 1, 60, 2, 'done', ?)`,
      );
      const party = store.db.prepare(`INSERT INTO parties (recording_id, channel, role, talk_time_s, emotion_seconds) VALUES (?, ?, ?, 20, ?)`);
      const seconds = JSON.stringify(Object.fromEntries(EMOTIONS.map((e, i) => [e, i])));
      for (let i = 0; i < 10_000; i++) {
        const id = i.toString(16).padStart(64, '0');
        rec.run(id, id, `/calls/${i}.wav`, `${i}.wav`, '2025-01-01T00:00:00.000Z');
        party.run(id, 0, 'agent', seconds);
        party.run(id, 1, 'customer', seconds);
      }
    });
    insert();
    const rows = new LibraryService(store.db).list();
    expect(rows).toHaveLength(10_000);
    expect(rows[0].parties[1].dominantEmotion).toBe('surprised');
  });

  it('gives details, regions and the finest peaks level within budget', () => {
    const id = seedRecording(store.db, fakeResult(10, [[region(0, 3, 'sad')]]));
    const library = new LibraryService(store.db);
    expect(library.get(id)).toMatchObject({ codec: 'pcm_s16le', sampleRate: 8000, channels: 1, downmixed: false, sizeBytes: 1000 });
    const fine = library.peaks({ id, maxPeaks: 1000 });
    expect(fine.samplesPerPeak).toBe(256);
    expect(fine.channels[0]).toHaveLength(1250);
    expect(fine.channels[0][1]).toBe(1);
    expect(library.peaks({ id, maxPeaks: 100 }).samplesPerPeak).toBe(4096);
    const { predictions, labels } = library.regions(id);
    expect(predictions).toHaveLength(1);
    expect(predictions[0]).toMatchObject({ channel: 0, start: 0, end: 3, emotion: 'sad', modelVersion: 'test-1' });
    expect(labels).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id and for peaks of an unanalysed call', () => {
    const library = new LibraryService(store.db);
    expect(() => library.get('nope')).toThrow(/does not exist/);
    const id = seedRecording(store.db, null);
    expect(() => library.peaks({ id })).toThrow(/no waveform yet/);
  });
});
