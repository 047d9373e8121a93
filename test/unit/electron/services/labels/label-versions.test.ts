import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { EventBus } from '../../../../../electron/services/event-bus';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import type { RecordingSummary } from '../../../../../electron/shared/domain';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

describeOnBothDatabases('label versions', (fresh) => {
  let handle: LibraryHandle;
  let reviewer = 'ann';
  let labels: LabelsService;

  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
    // The summary is the library's concern (its own tests); these check the labels themselves.
    labels = new LabelsService(handle.db, new EventBus(), () => reviewer, (id) => ({ id }) as unknown as RecordingSummary);
  });
  afterEach(() => handle.close());

  const seed = () => seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
  const stored = (id: string) => handle.db.selectFrom('labels').select(['emotion', 'version', 'reviewer', 'end_s', 'deleted']).where('recording_id', '=', id).execute();

  it('two reviewers edit one label: the second, made from the old version, gets CONFLICT and loses nothing', async () => {
    const id = await seed();
    reviewer = 'ann';
    const created = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    expect(created.version).toBe(1);
    // Both open the call and see version 1; bob saves first.
    reviewer = 'bob';
    const bobs = await labels.update({ id: created.id, version: 1, emotion: 'angry' });
    expect(bobs).toMatchObject({ emotion: 'angry', version: 2, reviewer: 'bob' });
    reviewer = 'ann';
    await expect(labels.update({ id: created.id, version: 1, emotion: 'happy' })).rejects.toMatchObject({
      code: 'CONFLICT', message: expect.stringMatching(/changed by bob .*version 2, yours 1/),
    });
    await expect(labels.delete({ id: created.id, version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Bob's edit stands; ann, having reloaded, edits from version 2.
    expect(await stored(id)).toEqual([{ emotion: 'angry', version: 2, reviewer: 'bob', end_s: 2, deleted: 0 }]);
    expect(await labels.update({ id: created.id, version: 2, end: 3 })).toMatchObject({ emotion: 'angry', end: 3, version: 3, reviewer: 'ann' });
    await labels.delete({ id: created.id, version: 3 });
    expect(await stored(id)).toEqual([{ emotion: 'angry', version: 4, reviewer: 'ann', end_s: 3, deleted: 1 }]);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor']).where('recording_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'create', actor: 'ann' }, { action: 'update', actor: 'bob' }, { action: 'update', actor: 'ann' }, { action: 'delete', actor: 'ann' }]);
  });

  it('a change without a version (scripts, imports) still applies and still counts', async () => {
    const id = await seed();
    const created = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    expect((await labels.update({ id: created.id, emotion: 'fear' })).version).toBe(2);
    await expect(labels.update({ id: created.id, version: 1, emotion: 'sad' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('saves made at the same moment from one version: exactly one wins, the others get CONFLICT, none is lost', async () => {
    const id = await seed();
    const created = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    // On PostgreSQL these run on separate pooled connections, truly at once; on SQLite one after another.
    const emotions = ['angry', 'happy', 'fear', 'surprised'] as const;
    const outcomes = await Promise.allSettled(emotions.map((emotion) => labels.update({ id: created.id, version: 1, emotion })));
    const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string }] : []));
    expect(won).toHaveLength(1);
    expect(refused.map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await stored(id)).toEqual([{ emotion: won[0].emotion, version: 2, reviewer: 'ann', end_s: 2, deleted: 0 }]);
  });
});
