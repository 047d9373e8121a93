import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { NotesService } from '../../../../../electron/services/calls/notes-service';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

describeOnBothDatabases('notes service', (fresh) => {
  let handle: LibraryHandle;
  let author = 'ann';
  let notes: NotesService;
  beforeEach(async () => {
    author = 'ann';
    handle = await openLibraryDatabase(await fresh());
    notes = new NotesService(handle.db, () => author);
  });
  afterEach(() => handle.close());

  it('keeps one note per call and per region, signed, replaced in place, removed by an empty text', async () => {
    const id = await seedRecordingIn(handle.db, fakeResult(30, [[region(0, 10, 'neutral')], [region(8, 14, 'angry')]]));
    expect(await notes.get(id)).toEqual({ recordingId: id, call: null, regions: [] });
    expect((await notes.setCall({ recordingId: id, text: '  Good recovery ' })).call).toBe('Good recovery');
    await notes.setRegion({ recordingId: id, channel: 1, start: 8.5, end: 14, text: 'customer shouts' });
    await notes.setRegion({ recordingId: id, channel: 0, start: 2, end: 4, text: 'agent calm' });
    author = 'bob';
    // The same stretch again replaces its note (one row per recording, channel, start, end).
    const after = await notes.setRegion({ recordingId: id, channel: 1, start: 8.5, end: 14, text: 'customer shouts, then calms' });
    expect(after.regions.map((r) => [r.channel, r.start, r.end, r.text, r.author])).toEqual([
      [0, 2, 4, 'agent calm', 'ann'],
      [1, 8.5, 14, 'customer shouts, then calms', 'bob'],
    ]);
    expect((await notes.setRegion({ recordingId: id, channel: 0, start: 2, end: 4, text: ' ' })).regions.map((r) => r.channel)).toEqual([1]);
    expect((await notes.setCall({ recordingId: id, text: '' })).call).toBeNull();
    await expect(notes.setCall({ recordingId: 'missing', text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
