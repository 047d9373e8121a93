import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectCorrections } from '../../../../../electron/services/models/corrections';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

describe('corrections for retraining', () => {
  let store: ReturnType<typeof tempDatabase>;
  const label = (id: string, channel: number, start: number, end: number, emotion: string, updated: string, deleted = 0, kind = 'correction') =>
    store.db.prepare(`INSERT INTO labels (recording_id, channel, start_s, end_s, emotion, reviewer, created_at, updated_at, deleted, kind) VALUES (?, ?, ?, ?, ?, 'ann', ?, ?, ?, ?)`)
      .run(id, channel, start, end, emotion, updated, updated, deleted, kind);

  beforeEach(() => {
    store = tempDatabase();
  });
  afterEach(() => store.cleanup());

  it('takes every live label per party, the newest edit winning where labels overlap', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'neutral')]]));
    const audio = join(store.dir, 'call.wav');
    writeFileSync(audio, 'audio');
    store.db.prepare('UPDATE recordings SET path = ? WHERE id = ?').run(audio, id);
    label(id, 0, 1, 5, 'angry', '2025-01-01T00:00:01Z');
    label(id, 0, 4, 6, 'sad', '2025-01-01T00:00:02Z');
    label(id, 1, 2, 3, 'happy', '2025-01-01T00:00:01Z');
    label(id, 1, 7, 9, 'fear', '2025-01-01T00:00:01Z', 1);
    const set = await collectCorrections(store.lib);
    expect(set).toMatchObject({ calls: 1, labels: 3, skipped: [] });
    expect(set.parties.map((p) => [p.channel, p.select, p.sourceChannels, p.spans])).toEqual([
      [0, { kind: 'channel', index: 0 }, 2, [{ start: 1, end: 4, emotion: 'angry' }, { start: 4, end: 6, emotion: 'sad' }]],
      [1, { kind: 'channel', index: 1 }, 2, [{ start: 2, end: 3, emotion: 'happy' }]],
    ]);
  });

  it('learns from agreements too, and from no "not speech" or "unsure" stretch (which masks older labels under it)', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'neutral')]]));
    const audio = join(store.dir, 'call.wav');
    writeFileSync(audio, 'audio');
    store.db.prepare('UPDATE recordings SET path = ? WHERE id = ?').run(audio, id);
    label(id, 0, 0, 10, 'neutral', '2025-01-01T00:00:01Z', 0, 'agreement');
    label(id, 0, 2, 4, 'not_speech', '2025-01-01T00:00:02Z');
    label(id, 1, 1, 3, 'unsure', '2025-01-01T00:00:01Z');
    const set = await collectCorrections(store.lib);
    expect(set).toMatchObject({ calls: 1, labels: 1, agreements: 1 });
    expect(set.parties.map((p) => [p.channel, p.spans])).toEqual([
      [0, [{ start: 0, end: 2, emotion: 'neutral' }, { start: 4, end: 10, emotion: 'neutral' }]],
    ]);
  });

  it('skips calls whose audio is gone, and says so', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 10, 'neutral')]]));
    label(id, 0, 1, 5, 'angry', '2025-01-01T00:00:01Z');
    expect(await collectCorrections(store.lib)).toMatchObject({ calls: 0, parties: [], skipped: [expect.stringMatching(/no longer there/)] });
  });
});
