import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

describe('labels service', () => {
  let store: ReturnType<typeof tempDatabase>;
  let library: LibraryService;
  let labels: LabelsService;
  let reviewer = 'ann';
  const changed: string[] = [];

  beforeEach(() => {
    reviewer = 'ann';
    store = tempDatabase();
    library = new LibraryService(store.db);
    const events = new EventBus();
    events.on('recordings.changed', (id) => changed.push(id));
    labels = new LabelsService(store.lib, events, () => reviewer, (id) => library.summary(id));
  });
  afterEach(() => store.cleanup());

  it('keeps predictions untouched and applies the correction to the summary', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')], [region(0, 2, 'happy')]]));
    const regionId = library.regions(id).predictions[0].id;
    const label = await labels.create({ recordingId: id, channel: 0, start: 0, end: 3, emotion: 'angry', replacesRegionId: regionId });
    expect(label).toMatchObject({ channel: 0, start: 0, end: 3, emotion: 'angry', reviewer: 'ann', replacesRegionId: regionId });
    expect(library.regions(id).predictions[0]).toMatchObject({ emotion: 'neutral', start: 0, end: 4 });
    const summary = library.summary(id);
    expect(summary.corrections).toBe(1);
    expect(summary.parties[0].dominantEmotion).toBe('angry');
    expect(summary.parties[0].emotionShare.angry).toBeCloseTo(0.75);
    expect(changed).toContain(id);
  });

  it('audits update and soft delete with who, when, before and after', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    const label = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    reviewer = 'bob';
    expect(await labels.update({ id: label.id, emotion: 'fear', end: 3 })).toMatchObject({ emotion: 'fear', end: 3, reviewer: 'bob' });
    await labels.delete({ id: label.id });
    expect(library.regions(id).labels).toEqual([]);
    expect(library.summary(id).parties[0].dominantEmotion).toBe('neutral');
    const audit = store.db.prepare('SELECT action, actor, before, after FROM audit_log WHERE recording_id = ? ORDER BY id').all(id) as Array<{
      action: string; actor: string; before: string | null; after: string | null;
    }>;
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['create', 'ann'], ['update', 'bob'], ['delete', 'bob']]);
    expect(JSON.parse(audit[1].before ?? '{}')).toMatchObject({ emotion: 'sad', end: 2 });
    expect(JSON.parse(audit[1].after ?? '{}')).toMatchObject({ emotion: 'fear', end: 3 });
    expect(store.db.prepare('SELECT deleted, deleted_by FROM labels WHERE id = ?').get(label.id)).toEqual({ deleted: 1, deleted_by: 'bob' });
    await expect(labels.update({ id: label.id, emotion: 'happy' })).rejects.toThrow(/does not exist/);
  });

  it('refuses labels outside the call, on a channel it does not have, or naming another channel’s region', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')], [region(0, 2, 'happy')]]));
    const [left] = library.regions(id).predictions;
    await expect(labels.create({ recordingId: id, channel: 2, start: 0, end: 1, emotion: 'sad' })).rejects.toThrow(/not a party/);
    await expect(labels.create({ recordingId: id, channel: 0, start: 25, end: 26, emotion: 'sad' })).rejects.toThrow(/past the end/);
    await expect(labels.create({ recordingId: id, channel: 0, start: 3, end: 3, emotion: 'sad' })).rejects.toThrow(/end after/);
    await expect(labels.create({ recordingId: id, channel: 1, start: 0, end: 1, emotion: 'sad', replacesRegionId: left.id })).rejects.toThrow(/not a prediction/);
    await expect(labels.create({ recordingId: 'missing', channel: 0, start: 0, end: 1, emotion: 'sad' })).rejects.toThrow(/does not exist/);
    // A drag slightly past the end is clamped.
    expect((await labels.create({ recordingId: id, channel: 0, start: 19, end: 20.2, emotion: 'sad' })).end).toBe(20);
  });

  it('sets and clears the review mark, attributed to the reviewer', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    expect(await labels.setReview({ recordingId: id, reviewed: true })).toMatchObject({ reviewed: true, reviewer: 'ann' });
    expect(await labels.setReview({ recordingId: id, reviewed: false })).toMatchObject({ reviewed: false, reviewer: null });
  });

  it('imports many spans in one transaction: one bad span stores none', async () => {
    const id = await seedRecording(store.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    await expect(labels.importSpans(id, [{ channel: 0, start: 0, end: 1, emotion: 'sad' }, { channel: 0, start: 30, end: 31, emotion: 'sad' }])).rejects.toThrow();
    expect(library.regions(id).labels).toEqual([]);
    expect(await labels.importSpans(id, [{ channel: 0, start: 0, end: 1, emotion: 'sad' }])).toHaveLength(1);
  });
});
