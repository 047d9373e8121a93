import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

describe('label versions', () => {
  let store: ReturnType<typeof tempDatabase>;
  let library: LibraryService;
  let reviewer = 'ann';
  let labels: LabelsService;

  beforeEach(async () => {
    store = tempDatabase();
    library = new LibraryService(store.lib);
    labels = new LabelsService(store.db, new EventBus(), () => reviewer, (id) => library.summary(id));
  });
  afterEach(() => store.cleanup());

  it('two reviewers edit one label: the second, made from the old version, gets CONFLICT and loses nothing', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    reviewer = 'ann';
    const created = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    expect(created.version).toBe(1);
    // Both open the call and see version 1; bob saves first.
    reviewer = 'bob';
    const bobs = await labels.update({ id: created.id, version: 1, emotion: 'angry' });
    expect(bobs).toMatchObject({ emotion: 'angry', version: 2, reviewer: 'bob' });
    reviewer = 'ann';
    await expect(labels.update({ id: created.id, version: 1, emotion: 'happy' })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/changed by bob .*version 2, yours 1/) }),
    );
    await expect(labels.delete({ id: created.id, version: 1 })).rejects.toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    // Bob's edit stands; ann, having reloaded, edits from version 2.
    expect((await library.regions(id)).labels[0]).toMatchObject({ emotion: 'angry', version: 2 });
    expect(await labels.update({ id: created.id, version: 2, end: 3 })).toMatchObject({ emotion: 'angry', end: 3, version: 3, reviewer: 'ann' });
    await labels.delete({ id: created.id, version: 3 });
    expect((await library.regions(id)).labels).toEqual([]);
  });

  it('a change without a version (scripts, imports) still applies and still counts', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    const created = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    expect((await labels.update({ id: created.id, emotion: 'fear' })).version).toBe(2);
    await expect(labels.update({ id: created.id, version: 1, emotion: 'sad' })).rejects.toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});
