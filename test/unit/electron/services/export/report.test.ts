import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { EventBus } from '../../../../../electron/services/event-bus';
import { neutralise, toCsv } from '../../../../../electron/services/export/csv';
import { buildReport } from '../../../../../electron/services/export/report';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

function rows(csv: string): Array<Record<string, string>> {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
}

describeOnBothDatabases('QA report', (fresh) => {
  let handle: LibraryHandle;
  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
  });
  afterEach(() => handle.close());

  it('reports each call with corrections applied and each segment beside its correction', async () => {
    const result = fakeResult(30, [
      [region(0, 2, 'angry'), region(2.2, 5, 'sad'), region(6, 10, 'neutral')],
      [region(1, 3, 'happy', 0.9)],
    ]);
    const id = await seedRecordingIn(handle.db, result, '=HYPERLINK("x").wav');
    const library = new LibraryService(handle.db);
    const labels = new LabelsService(handle.db, new EventBus(), () => '@mallory', (rid) => library.summary(rid));
    const happy = (await library.regions(id)).predictions.find((p) => p.channel === 1);
    await labels.create({ recordingId: id, channel: 1, start: 1, end: 3, emotion: 'surprised', replacesRegionId: happy?.id });
    await labels.create({ recordingId: id, channel: 0, start: 20, end: 21, emotion: 'fear' });
    await labels.setReview({ recordingId: id, reviewed: true });

    const report = await buildReport(handle.db);
    expect(report).toMatchObject({ calls: 1, segments: 5 });
    expect(report.callsCsv).toContain('\r\n');
    const [call] = rows(report.callsCsv);
    expect(call.file).toBe(`'=HYPERLINK("x").wav`);
    expect(call).toMatchObject({
      recording_id: id, status: 'done', duration_s: '30.000', agent_talk_s: '8.800', agent_dominant: 'neutral',
      customer_dominant: 'surprised', customer_surprised_share: '1.0000', customer_happy_share: '0.0000', speaker_talk_s: '',
      longest_negative_s: '5.000', longest_negative_start_s: '0.000', longest_negative_party: 'agent',
      reviewed: 'yes', reviewer: "'@mallory", corrections: '2', model_version: 'test-1',
    });
    expect(Number(call.agent_fear_share)).toBeCloseTo(1 / 9.8, 4);

    const segments = rows(report.segmentsCsv);
    expect(segments.map((s) => [s.start_s, s.party, s.predicted_emotion, s.corrected_emotion])).toEqual([
      ['0.000', 'agent', 'angry', ''],
      ['1.000', 'customer', 'happy', 'surprised'],
      ['2.200', 'agent', 'sad', ''],
      ['6.000', 'agent', 'neutral', ''],
      ['20.000', 'agent', '', 'fear'],
    ]);
    expect(segments[1]).toMatchObject({ confidence: '0.9000', reviewer: "'@mallory", channel: '1' });
  });

  it('lists a file that failed with its error, and refuses unknown ids', async () => {
    await handle.db
      .insertInto('recordings')
      .values({ id: 'p-1', path: '/x/bad.wav', file_name: 'bad.wav', status: 'error', error_code: 'NOT_AUDIO', error_message: 'no audio stream', imported_at: '2025' })
      .execute();
    const [call] = rows((await buildReport(handle.db)).callsCsv);
    expect(call).toMatchObject({ file: 'bad.wav', status: 'error', error: 'no audio stream', agent_talk_s: '' });
    await expect(buildReport(handle.db, ['nope'])).rejects.toThrow(/no such recording/);
    expect((await buildReport(handle.db, ['p-1'])).calls).toBe(1);
  });

  it('orders calls by path as SQLite compares text, and names each asked-for call once', async () => {
    for (const path of ['/x/b.wav', '/x/B.wav', '/x/a.wav', '/x/_c.wav']) {
      await handle.db.insertInto('recordings').values({ id: path, path, file_name: path.slice(3), status: 'error', error_code: 'NOT_AUDIO', imported_at: '2025' }).execute();
    }
    const order = async (ids?: string[]) => rows((await buildReport(handle.db, ids)).callsCsv).map((c) => c.path);
    expect(await order()).toEqual(['/x/B.wav', '/x/_c.wav', '/x/a.wav', '/x/b.wav']);
    expect(await order(['/x/b.wav', '/x/a.wav', '/x/b.wav'])).toEqual(['/x/a.wav', '/x/b.wav']);
  });
});

describe('CSV safety', () => {
  it('neutralises formula triggers and quotes per RFC 4180', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise('ok = fine')).toBe('ok = fine');
    const csv = toCsv(['a', 'b'], [['say "hi", then\nleave', 3]]);
    expect(csv).toBe('\uFEFFa,b\r\n"say ""hi"", then\nleave",3\r\n');
  });
});
