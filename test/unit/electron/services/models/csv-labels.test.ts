import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { importLabelsCsv } from '../../../../../electron/services/models/csv-labels';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

describe('labels import from CSV', () => {
  let store: ReturnType<typeof tempDatabase>;
  let a = '';
  let b = '';
  const events = new EventBus();
  const run = (csv: string) => importLabelsCsv(store.lib, events, csv, { baseDir: '/calls', reviewer: () => 'vendor' });

  beforeEach(async () => {
    store = tempDatabase();
    a = await seedRecording(store.db, fakeResult(20, [[region(0, 5, 'neutral')], [region(5, 9, 'neutral')]]), 'monday.wav');
    b = await seedRecording(store.db, fakeResult(20, [[region(0, 5, 'neutral')], [region(5, 9, 'neutral')]]), 'tuesday.wav');
  });
  afterEach(() => store.cleanup());

  it('finds calls by absolute path, path relative to the CSV and file name; channels by number or role', async () => {
    const csv = [
      'File,Channel,Start,End,Emotion',
      '/calls/monday.wav,0,1.5,3,angry',
      'monday.wav,customer,5,7.25,Anger',
      'tuesday.wav,agent,0.5,2,sad',
    ].join('\r\n');
    expect(await run(csv)).toEqual({ imported: 3, recordings: 2 });
    const rows = store.db.prepare('SELECT recording_id, channel, start_s, end_s, emotion, reviewer, source FROM labels ORDER BY id').all();
    expect(rows).toEqual([
      { recording_id: a, channel: 0, start_s: 1.5, end_s: 3, emotion: 'angry', reviewer: 'vendor', source: 'csv' },
      { recording_id: a, channel: 1, start_s: 5, end_s: 7.25, emotion: 'angry', reviewer: 'vendor', source: 'csv' },
      { recording_id: b, channel: 0, start_s: 0.5, end_s: 2, emotion: 'sad', reviewer: 'vendor', source: 'csv' },
    ]);
    expect(store.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'import'`).get()).toEqual({ n: 3 });
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
    expect(store.db.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 0 });
    await expect(run('file,channel,start,end,emotion\n/calls/monday.wav,0,30,31,sad')).rejects.toThrow(/past the end/);
    expect(store.db.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 0 });
  });
});
