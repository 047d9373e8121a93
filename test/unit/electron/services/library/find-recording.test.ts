import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../electron/services/app-services';
import { dispatch } from '../../../../../electron/services/dispatch';
import { invokeHandler } from '../../../../../electron/services/invoke';
import { ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeAnalyse } from '../jobs/fake-analyse';

// recordings.find, recordings.timeline and labels.import: what `emoqa labels` now calls instead of SQL.
describeOnBothDatabases('finding a recording by its file, and importing labels through the contract', (fresh) => {
  const temp = makeTempDir('emoqa-find-');
  const calls = join(temp.dir, 'calls');
  const call = join(calls, 'call one.wav');
  let services: AppServices;
  let id: string;
  beforeAll(async () => {
    mkdirSync(calls);
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=2', '-ac', '2', call]);
    // The whole app (queue, ingest, results writer, library, labels) on the library given.
    services = await createAppServices({ databasePath: join(temp.dir, 'emoqa.sqlite'), libraryUrl: await fresh(), appVersion: '1', analyse: fakeAnalyse().analyse });
    const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: [call] });
    await services.waitForJob(jobId);
    [{ id }] = await invokeHandler(services.handlers, 'recordings.list', {});
  });
  afterAll(async () => {
    await services.close();
    temp.cleanup();
  });

  it('finds it by path, relative path, unambiguous name, or content (a copy elsewhere)', async () => {
    expect((await invokeHandler(services.handlers, 'recordings.find', { file: call })).id).toBe(id);
    expect((await invokeHandler(services.handlers, 'recordings.find', { file: 'call one.wav', baseDir: calls })).id).toBe(id);
    expect((await invokeHandler(services.handlers, 'recordings.find', { file: 'elsewhere/call one.wav', baseDir: temp.dir })).id).toBe(id);
    const copy = join(temp.dir, 'renamed.wav');
    copyFileSync(call, copy);
    expect((await invokeHandler(services.handlers, 'recordings.find', { file: copy })).id).toBe(id);
    expect(await dispatch(services.handlers, 'recordings.find', { file: join(temp.dir, 'nope.wav') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('imports labels all at once under the named reviewer, and the timeline shows them', async () => {
    const created = await invokeHandler(services.handlers, 'labels.import', {
      recordingId: id, reviewer: 'Bo', labels: [{ channel: 0, start: 0.2, end: 0.6, emotion: 'sad' }, { channel: 1, start: 1.2, end: 1.8, emotion: 'fear' }],
    });
    expect(created.map((l) => [l.channel, l.emotion, l.reviewer])).toEqual([[0, 'sad', 'Bo'], [1, 'fear', 'Bo']]);
    const refused = await dispatch(services.handlers, 'labels.import', { recordingId: id, labels: [{ channel: 5, start: 0, end: 1, emotion: 'sad' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const timeline = await invokeHandler(services.handlers, 'recordings.timeline', { id });
    expect(timeline.map((p) => p.channel)).toEqual([0, 1]);
    expect(timeline[0].spans).toContainEqual({ start: 0.2, end: 0.6, emotion: 'sad' });
  });
});
