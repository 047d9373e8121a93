import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import type { LabelValue } from '../../../../../electron/shared/domain';
import { collectCorrections } from '../../../../../electron/services/models/corrections';
import { makeTempDir } from '../../../../helpers/fixtures';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

describeOnBothDatabases('corrections for retraining', (fresh) => {
  let handle: LibraryHandle;
  let temp: ReturnType<typeof makeTempDir>;
  const label = (id: string, channel: number, start: number, end: number, emotion: LabelValue, updated: string, deleted = 0, kind: 'correction' | 'agreement' = 'correction') =>
    handle.db
      .insertInto('labels')
      .values({ recording_id: id, channel, start_s: start, end_s: end, emotion, reviewer: 'ann', created_at: updated, updated_at: updated, deleted, kind })
      .execute();
  /** The call's audio where it was analysed (a file that exists). */
  const present = async (id: string) => {
    const audio = join(temp.dir, `${id}.wav`);
    writeFileSync(audio, 'audio');
    await handle.db.updateTable('recordings').set({ path: audio }).where('id', '=', id).execute();
  };

  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
    temp = makeTempDir('emoqa-corrections-');
  });
  afterEach(async () => {
    await handle.close();
    temp.cleanup();
  });

  it('takes every live label per party, the newest edit winning where labels overlap', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'neutral')]]));
    await present(id);
    await label(id, 0, 1, 5, 'angry', '2025-01-01T00:00:01Z');
    await label(id, 0, 4, 6, 'sad', '2025-01-01T00:00:02Z');
    await label(id, 1, 2, 3, 'happy', '2025-01-01T00:00:01Z');
    await label(id, 1, 7, 9, 'fear', '2025-01-01T00:00:01Z', 1);
    const set = await collectCorrections(handle.db);
    expect(set).toMatchObject({ calls: 1, labels: 3, skipped: [] });
    expect(set.parties.map((p) => [p.channel, p.select, p.sourceChannels, p.spans])).toEqual([
      [0, { kind: 'channel', index: 0 }, 2, [{ start: 1, end: 4, emotion: 'angry' }, { start: 4, end: 6, emotion: 'sad' }]],
      [1, { kind: 'channel', index: 1 }, 2, [{ start: 2, end: 3, emotion: 'happy' }]],
    ]);
  });

  it('lists calls by their audio\'s content hash, not by their random ids, so retraining the same calls sees the same order in any library', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'neutral')]])));
    ids.sort();
    // Hashes in the opposite order to the ids: the ids' order is what a library happens to give.
    for (const [i, id] of ids.entries()) {
      await handle.db.updateTable('recordings').set({ content_hash: `hash-${3 - i}` }).where('id', '=', id).execute();
      await present(id);
      await label(id, 0, 1, 5, 'angry', '2025-01-01T00:00:01Z');
    }
    const set = await collectCorrections(handle.db);
    expect(set.parties.map((p) => p.recordingId)).toEqual([...ids].reverse());
  });

  it('learns from agreements too, and from no "not speech" or "unsure" stretch (which masks older labels under it)', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'neutral')]]));
    await present(id);
    await label(id, 0, 0, 10, 'neutral', '2025-01-01T00:00:01Z', 0, 'agreement');
    await label(id, 0, 2, 4, 'not_speech', '2025-01-01T00:00:02Z');
    await label(id, 1, 1, 3, 'unsure', '2025-01-01T00:00:01Z');
    const set = await collectCorrections(handle.db);
    expect(set).toMatchObject({ calls: 1, labels: 1, agreements: 1 });
    expect(set.parties.map((p) => [p.channel, p.spans])).toEqual([
      [0, [{ start: 0, end: 2, emotion: 'neutral' }, { start: 4, end: 10, emotion: 'neutral' }]],
    ]);
  });

  it('skips calls whose audio is gone, and says so', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 10, 'neutral')]]));
    await label(id, 0, 1, 5, 'angry', '2025-01-01T00:00:01Z');
    expect(await collectCorrections(handle.db)).toMatchObject({ calls: 0, parties: [], skipped: [expect.stringMatching(/no longer there/)] });
  });
});
