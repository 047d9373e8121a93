import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { dispatch } from '../../../../electron/services/dispatch';
import { invokeHandler } from '../../../../electron/services/invoke';
import { ffmpegMake, makeTempDir } from '../../../helpers/fixtures';
import { fakeAnalyse } from './jobs/fake-analyse';

describe('app services (the contract, served in-process)', () => {
  const temp = makeTempDir('emoqa-app-');
  let services: AppServices;
  beforeAll(async () => {
    mkdirSync(join(temp.dir, 'calls'));
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=2', '-ac', '2', join(temp.dir, 'calls', 'stereo call.wav')]);
    services = await createAppServices({ databasePath: join(temp.dir, 'db', 'emoqa.sqlite'), appVersion: '9.9.9', analyse: fakeAnalyse().analyse });
  });
  afterAll(async () => {
    await services.close();
    temp.cleanup();
  });

  it('serves app info and settings', async () => {
    const info = await invokeHandler(services.handlers, 'app.info', {});
    expect(info).toMatchObject({ version: '9.9.9', modelVersion: null });
    // The backend analysis runs on, as the workers choose it (never a blank).
    expect(info.backend).toMatch(/^(js-dense|tensorflow|wasm|cpu)$/);
    const settings = await invokeHandler(services.handlers, 'settings.update', { reviewerName: '  Ann  ', defaultRoles: ['customer', 'agent'] });
    expect(settings).toMatchObject({ reviewerName: 'Ann', defaultRoles: ['customer', 'agent'], databasePath: join(temp.dir, 'db', 'emoqa.sqlite') });
    expect(await invokeHandler(services.handlers, 'settings.get', {})).toEqual(settings);
  });

  it('lists folders for the in-app browser', async () => {
    const listing = await invokeHandler(services.handlers, 'files.list', { dir: temp.dir });
    expect(listing.entries.map((e) => [e.name, e.kind])).toEqual([['calls', 'dir'], ['db', 'dir']]);
    expect(listing.parent).not.toBeNull();
    expect(await dispatch(services.handlers, 'files.list', { dir: join(temp.dir, 'nope') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('analyses, lists, corrects, reviews and exports through the handlers', async () => {
    const changed = new Set<string>();
    services.events.on('recordings.changed', (id) => changed.add(id));
    const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: [join(temp.dir, 'calls')] });
    await services.waitForJob(jobId);
    expect((await invokeHandler(services.handlers, 'analysis.jobs', {}))[0]).toMatchObject({ jobId, state: 'done', filesDone: 1 });
    const [summary] = await invokeHandler(services.handlers, 'recordings.list', {});
    expect(summary).toMatchObject({ fileName: 'stereo call.wav', status: 'done', progress: null, modelVersion: 'test-1' });
    // The saved default roles (customer, agent) were stored with the recording.
    expect(services.db.prepare('SELECT roles FROM recordings').get()).toEqual({ roles: '["customer","agent"]' });
    expect(changed.has(summary.id)).toBe(true);

    const detail = await invokeHandler(services.handlers, 'recordings.get', { id: summary.id });
    expect(detail).toMatchObject({ channels: 2, codec: 'pcm_s16le', sampleRate: 8000 });
    const regions = await invokeHandler(services.handlers, 'recordings.regions', { id: summary.id });
    expect(regions.predictions).toHaveLength(2);
    const peaks = await invokeHandler(services.handlers, 'recordings.peaksInfo', { id: summary.id });
    expect(peaks.channels).toBe(2);
    const range = await invokeHandler(services.handlers, 'recordings.peaksRange', { id: summary.id, level: peaks.levels.length - 1, start: 0, count: 100 });
    expect(range.byteLength).toBe(2 * 2 * Math.min(100, peaks.levels[peaks.levels.length - 1].buckets));
    // The spectrogram of one party's stretch, decoded from the file for that range only (binary, like peaks).
    const spectrogram = await invokeHandler(services.handlers, 'recordings.spectrogram', { id: summary.id, channel: 1, startS: 0.5, endS: 1.5, columns: 20 });
    expect(spectrogram).toBeInstanceOf(Uint8Array);
    expect(spectrogram.byteLength).toBe(20 * 256);
    expect(Math.max(...spectrogram)).toBeGreaterThan(200);

    const label = await invokeHandler(services.handlers, 'labels.create', { recordingId: summary.id, channel: 0, start: 0, end: 1, emotion: 'fear' });
    expect(label.reviewer).toBe('Ann');
    await invokeHandler(services.handlers, 'labels.update', { id: label.id, emotion: 'sad' });
    const reviewed = await invokeHandler(services.handlers, 'review.set', { recordingId: summary.id, reviewed: true });
    expect(reviewed).toMatchObject({ reviewed: true, reviewer: 'Ann', corrections: 1 });
    expect(reviewed.parties[0].emotionShare.sad).toBe(1);

    const report = await invokeHandler(services.handlers, 'export.report', {});
    expect(report).toMatchObject({ calls: 1, segments: 2 });
    expect(report.callsCsv).toContain('stereo call.wav');
    await invokeHandler(services.handlers, 'labels.delete', { id: label.id });
    expect((await invokeHandler(services.handlers, 'recordings.list', {}))[0].corrections).toBe(0);
  });

  it('answers bad arguments and unknown ids with codes', async () => {
    expect(await dispatch(services.handlers, 'recordings.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(services.handlers, 'labels.update', { id: 12345, emotion: 'sad' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(services.handlers, 'analysis.cancel', { jobId: 'nope' })).toEqual({ ok: true, result: { cancelled: false } });
  });
});
