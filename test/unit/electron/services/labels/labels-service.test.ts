import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { EventBus } from '../../../../../electron/services/event-bus';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { loadLabels, loadRegions } from '../../../../../electron/services/library/recording-rows';
import type { RecordingSummary } from '../../../../../electron/shared/domain';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

describeOnBothDatabases('labels service', (fresh) => {
  let handle: LibraryHandle;
  let labels: LabelsService;
  let reviewer = 'ann';
  const changed: string[] = [];

  beforeEach(async () => {
    reviewer = 'ann';
    handle = await openLibraryDatabase(await fresh());
    const events = new EventBus();
    events.on('recordings.changed', (id) => changed.push(id));
    // The summary's own shape is the library service's (its tests); here it is the stored review.
    const summary = async (id: string) =>
      (await handle.db.selectFrom('reviews').select(['reviewed', 'reviewer']).where('recording_id', '=', id).executeTakeFirstOrThrow()) as unknown as RecordingSummary;
    labels = new LabelsService(handle.db, events, () => reviewer, summary);
  });
  afterEach(() => handle.close());

  const emotionSeconds = async (id: string) =>
    (await handle.db.selectFrom('parties').select(['channel', 'emotion_seconds']).where('recording_id', '=', id).orderBy('channel').execute())
      .map((p) => JSON.parse(p.emotion_seconds) as Record<string, number>);

  it('keeps predictions untouched and refreshes the cached summary in the same change', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')], [region(0, 2, 'happy')]]));
    const [prediction] = await loadRegions(handle.db, id);
    const label = await labels.create({ recordingId: id, channel: 0, start: 0, end: 3, emotion: 'angry', replacesRegionId: prediction.id });
    expect(label).toMatchObject({ channel: 0, start: 0, end: 3, emotion: 'angry', reviewer: 'ann', replacesRegionId: prediction.id, kind: 'correction' });
    expect((await loadRegions(handle.db, id))[0]).toMatchObject({ emotion: 'neutral', start_s: 0, end_s: 4 });
    const [agent, customer] = await emotionSeconds(id);
    expect(agent).toMatchObject({ angry: 3, neutral: 1 });
    expect(customer).toMatchObject({ happy: 2 });
    const measures = await handle.db.selectFrom('recordings').select('measures').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(measures.measures ?? 'null')).toMatchObject({ customerStartEmotion: 'happy' });
    expect(changed).toContain(id);
  });

  it('stores a confirmation of the prediction (same emotion and bounds) as agreement', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    const [prediction] = await loadRegions(handle.db, id);
    expect(await labels.create({ recordingId: id, channel: 0, start: 0, end: 4.004, emotion: 'neutral', replacesRegionId: prediction.id })).toMatchObject({ kind: 'agreement' });
  });

  it('audits update and soft delete with who, when, before and after', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    const label = await labels.create({ recordingId: id, channel: 0, start: 1, end: 2, emotion: 'sad' });
    reviewer = 'bob';
    expect(await labels.update({ id: label.id, emotion: 'fear', end: 3 })).toMatchObject({ emotion: 'fear', end: 3, reviewer: 'bob' });
    await labels.delete({ id: label.id });
    expect(await loadLabels(handle.db, id)).toEqual([]);
    expect((await emotionSeconds(id))[0]).toMatchObject({ neutral: 4, sad: 0, fear: 0 });
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor', 'before', 'after']).where('recording_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['create', 'ann'], ['update', 'bob'], ['delete', 'bob']]);
    expect(JSON.parse(audit[1].before ?? '{}')).toMatchObject({ emotion: 'sad', end: 2 });
    expect(JSON.parse(audit[1].after ?? '{}')).toMatchObject({ emotion: 'fear', end: 3 });
    expect(await handle.db.selectFrom('labels').select(['deleted', 'deleted_by']).where('id', '=', label.id).executeTakeFirst()).toEqual({ deleted: 1, deleted_by: 'bob' });
    await expect(labels.update({ id: label.id, emotion: 'happy' })).rejects.toThrow(/does not exist/);
  });

  it('refuses labels outside the call, on a channel it does not have, or naming another channel’s region', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')], [region(0, 2, 'happy')]]));
    const [left] = await loadRegions(handle.db, id);
    await expect(labels.create({ recordingId: id, channel: 2, start: 0, end: 1, emotion: 'sad' })).rejects.toThrow(/not a party/);
    await expect(labels.create({ recordingId: id, channel: 0, start: 25, end: 26, emotion: 'sad' })).rejects.toThrow(/past the end/);
    await expect(labels.create({ recordingId: id, channel: 0, start: 3, end: 3, emotion: 'sad' })).rejects.toThrow(/end after/);
    await expect(labels.create({ recordingId: id, channel: 1, start: 0, end: 1, emotion: 'sad', replacesRegionId: left.id })).rejects.toThrow(/not a prediction/);
    await expect(labels.create({ recordingId: 'missing', channel: 0, start: 0, end: 1, emotion: 'sad' })).rejects.toThrow(/does not exist/);
    // A drag slightly past the end is clamped.
    expect((await labels.create({ recordingId: id, channel: 0, start: 19, end: 20.2, emotion: 'sad' })).end).toBe(20);
  });

  it('sets and clears the review mark, attributed to the reviewer', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    expect(await labels.setReview({ recordingId: id, reviewed: true })).toEqual({ reviewed: 1, reviewer: 'ann' });
    reviewer = 'bob';
    expect(await labels.setReview({ recordingId: id, reviewed: false })).toEqual({ reviewed: 0, reviewer: 'bob' });
    const audit = await handle.db.selectFrom('audit_log').select(['entity', 'action', 'actor']).where('recording_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([{ entity: 'review', action: 'review', actor: 'ann' }, { entity: 'review', action: 'unreview', actor: 'bob' }]);
  });

  it('imports many spans in one transaction: one bad span stores none', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    await expect(labels.importSpans(id, [{ channel: 0, start: 0, end: 1, emotion: 'sad' }, { channel: 0, start: 30, end: 31, emotion: 'sad' }])).rejects.toThrow();
    expect(await loadLabels(handle.db, id)).toEqual([]);
    expect(await handle.db.selectFrom('audit_log').select('id').where('recording_id', '=', id).execute()).toEqual([]);
    expect(await labels.importSpans(id, [{ channel: 0, start: 0, end: 1, emotion: 'not_speech' }])).toMatchObject([{ emotion: 'not_speech' }]);
  });
});
