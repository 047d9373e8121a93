import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { EMOTIONS } from '../../../../../electron/shared/domain';
import { splitPeaksRange } from '../../../../../electron/shared/peaks';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn, tempDatabase } from '../store-helpers';

describeOnBothDatabases('library service', (fresh) => {
  let store: LibraryHandle;
  beforeEach(async () => {
    store = await openLibraryDatabase(await fresh());
  });
  afterEach(() => store.close());

  it('summarises each party from its regions', async () => {
    const id = await seedRecordingIn(store.db, fakeResult(20, [[region(0, 3, 'angry'), region(4, 5, 'neutral')], [region(1, 2, 'happy')]]));
    const [summary] = await new LibraryService(store.db).list();
    expect(summary).toMatchObject({ id, status: 'done', corrections: 0, reviewed: false, modelVersion: 'test-1', durationS: 20 });
    expect(summary.parties.map((p) => [p.channel, p.role, p.talkTimeS, p.dominantEmotion])).toEqual([
      [0, 'agent', 4, 'angry'],
      [1, 'customer', 1, 'happy'],
    ]);
    expect(summary.parties[0].emotionShare.angry).toBeCloseTo(0.75);
    expect(summary.parties[0].negativeShare).toBeCloseTo(0.75);
  });

  it('counts the uncertain regions no label covers yet, for the review queue', async () => {
    const id = await seedRecordingIn(store.db, fakeResult(20, [[region(0, 3, 'angry', 0.3), region(4, 5, 'neutral', 0.9)], [region(1, 2, 'happy', 0.45), region(6, 8, 'sad', 0.2)]]));
    const library = new LibraryService(store.db);
    expect((await library.list())[0].uncertainRegions).toBe(3);
    const labels = new LabelsService(store.db, new EventBus(), () => 'ann', (rid) => library.summary(rid));
    // A label over part of an uncertain region settles it; one elsewhere on the lane does not.
    await labels.create({ recordingId: id, channel: 1, start: 6.5, end: 7, emotion: 'sad' });
    await labels.create({ recordingId: id, channel: 0, start: 10, end: 11, emotion: 'sad' });
    expect((await library.list())[0].uncertainRegions).toBe(2);
    expect((await library.summary(id)).uncertainRegions).toBe(2);
  });

  it('gives details, regions, and the peaks as binary by level and range', async () => {
    const id = await seedRecordingIn(store.db, fakeResult(10, [[region(0, 3, 'sad')], [region(4, 5, 'happy')]]));
    const library = new LibraryService(store.db);
    expect(await library.get(id)).toMatchObject({ codec: 'pcm_s16le', sampleRate: 8000, channels: 2, downmixed: false, sizeBytes: 1000 });
    expect(await library.peaksInfo(id)).toEqual({
      sampleRate: 16_000,
      channels: 2,
      levels: [{ level: 0, samplesPerPeak: 256, buckets: 625 }, { level: 1, samplesPerPeak: 4096, buckets: 40 }],
    });
    // Buckets 10..19 of level 0: 10 pairs for channel 0, then 10 for channel 1.
    const bytes = await library.peaksRange({ id, level: 0, start: 10, count: 10 });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteLength).toBe(2 * 10 * 2);
    const [left, right] = splitPeaksRange(bytes, 2);
    expect(Array.from(left.subarray(0, 4))).toEqual([-64, 127, -64, 127]);
    expect(right).toHaveLength(20);
    // A range past the end is cut to what exists; one wholly past it is empty.
    expect((await library.peaksRange({ id, level: 1, start: 35, count: 100 })).byteLength).toBe(2 * 5 * 2);
    expect((await library.peaksRange({ id, level: 1, start: 500, count: 100 })).byteLength).toBe(0);
    await expect(library.peaksRange({ id, level: 7, start: 0, count: 1 })).rejects.toThrow(/no peaks level 7/);
    const { predictions, labels } = await library.regions(id);
    expect(predictions).toHaveLength(2);
    expect(predictions[0]).toMatchObject({ channel: 0, start: 0, end: 3, emotion: 'sad', modelVersion: 'test-1' });
    expect(labels).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id and for peaks of an unanalysed call', async () => {
    const library = new LibraryService(store.db);
    await expect(library.get('nope')).rejects.toThrow(/does not exist/);
    const id = await seedRecordingIn(store.db, null);
    await expect(library.peaksInfo(id)).rejects.toThrow(/no waveform yet/);
  });
});

describe('library service on SQLite', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());

  // How long it takes is a figure of `npm run bench -- services`.
  it('lists 10,000 recordings in one query', async () => {
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
    const rows = await new LibraryService(store.lib).list();
    expect(rows).toHaveLength(10_000);
    expect(rows[0].parties[1].dominantEmotion).toBe('surprised');
  });
});
