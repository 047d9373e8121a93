import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { EventBus } from '../../../../../electron/services/event-bus';
import { importLabelsCsv } from '../../../../../electron/services/models/csv-labels';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

describeOnBothDatabases('labels import from CSV', (fresh) => {
  let handle: LibraryHandle;
  let a = '';
  let b = '';
  const events = new EventBus();
  const run = (csv: string) => importLabelsCsv(handle.db, events, csv, { baseDir: '/calls', reviewer: () => 'vendor' });

  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
    a = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 5, 'neutral')], [region(5, 9, 'neutral')]]), 'monday.wav');
    b = await seedRecordingIn(handle.db, fakeResult(20, [[region(0, 5, 'neutral')], [region(5, 9, 'neutral')]]), 'tuesday.wav');
  });
  afterEach(() => handle.close());
  const labelCount = async () => (await handle.db.selectFrom('labels').select('id').execute()).length;

  it('finds calls by absolute path, path relative to the CSV and file name; channels by number or role', async () => {
    const csv = [
      'File,Channel,Start,End,Emotion',
      '/calls/monday.wav,0,1.5,3,angry',
      'monday.wav,customer,5,7.25,Anger',
      'tuesday.wav,agent,0.5,2,sad',
    ].join('\r\n');
    expect(await run(csv)).toEqual({ imported: 3, recordings: 2 });
    const rows = await handle.db.selectFrom('labels').select(['recording_id', 'channel', 'start_s', 'end_s', 'emotion', 'reviewer', 'source']).orderBy('id').execute();
    expect(rows).toEqual([
      { recording_id: a, channel: 0, start_s: 1.5, end_s: 3, emotion: 'angry', reviewer: 'vendor', source: 'csv' },
      { recording_id: a, channel: 1, start_s: 5, end_s: 7.25, emotion: 'angry', reviewer: 'vendor', source: 'csv' },
      { recording_id: b, channel: 0, start_s: 0.5, end_s: 2, emotion: 'sad', reviewer: 'vendor', source: 'csv' },
    ]);
    expect(await handle.db.selectFrom('audit_log').select('id').where('action', '=', 'import').execute()).toHaveLength(3);
  });

  it('imports nothing when any row is wrong, and says which lines', async () => {
    const csv = [
      'file,channel,start,end,emotion',
      'monday.wav,0,1,2,angry',
      'friday.wav,0,1,2,angry',
      'monday.wav,0,1,2,bored',
      'monday.wav,supervisor,1,2,sad',
      'monday.wav,0,3,2,sad',
      'monday.wav,0,x,2,sad',
    ].join('\n');
    const error = await run(csv).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const message = (error as Error).message;
    for (const expected of ['line 3: friday.wav is not in the database', 'line 4: "bored" is not one of the seven emotions', 'line 5: no party "supervisor"', 'line 6: end 2 is not after start 3', 'line 7: start']) {
      expect(message).toContain(expected);
    }
    expect(await labelCount()).toBe(0);
    await expect(run('file,channel,start,end,emotion\n/calls/monday.wav,0,30,31,sad')).rejects.toThrow(/past the end/);
    expect(await labelCount()).toBe(0);
  });
});
