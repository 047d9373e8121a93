import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServicesHost, type ServicesHost } from '../../../../../electron/services/host/services-host';
import { encodeResponse } from '../../../../../electron/services/host/services-protocol';
import { decodeRelayed } from '../../../../../electron/shared/relayed';
import type { EventName } from '../../../../../electron/shared/contract';
import { ffmpegMake, makeTempDir, repoRoot } from '../../../../helpers/fixtures';

const engineModule = pathToFileURL(join(repoRoot, 'test/helpers/synthetic-engine.ts')).href;

describe('ServicesHost (the services in a worker thread; the Electron main thread only relays)', () => {
  const temp = makeTempDir('emoqa-host-');
  const databasePath = join(temp.dir, 'db', 'emoqa.sqlite');
  let host: ServicesHost;
  beforeAll(async () => {
    mkdirSync(join(temp.dir, 'calls'));
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=2', '-ac', '2', join(temp.dir, 'calls', 'call.wav')]);
    host = await startServicesHost({ databasePath, appVersion: '9.9.9', engineModule });
  });
  afterAll(async () => {
    await host.close();
    temp.cleanup();
  });

  it('runs the services on another thread and relays calls with the contract validation', async () => {
    expect(host.threadId).toBeGreaterThan(0);
    expect(await host.call('app.info', {})).toMatchObject({ ok: true, result: { version: '9.9.9', databasePath } });
    expect(await host.call('settings.update', { reviewerName: 'Ann' })).toMatchObject({ ok: true, result: { reviewerName: 'Ann' } });
    expect(await host.call('review.set', { recordingId: 'a', reviewed: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await host.call('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('relays events, and the worker writes what main lists', async () => {
    const seen: EventName[] = [];
    const done = new Promise<string | null>((resolve) => {
      host.onEvent((event, args) => {
        seen.push(event);
        if (event === 'analysis.fileDone') resolve(args[2] as string | null);
      });
    });
    const started = await host.call('analysis.start', { paths: [join(temp.dir, 'calls')] });
    expect(started.ok).toBe(true);
    const recordingId = await done;
    expect(recordingId).toEqual(expect.any(String));
    expect(seen).toContain('analysis.progress');
    const listed = await host.call('recordings.list', {});
    expect(listed).toMatchObject({ ok: true, result: [{ id: recordingId, fileName: 'call.wav', status: 'done' }] });
  });

  it('relays JSON text for the page to parse (main builds no result objects), objects where binary', async () => {
    const relayed = await host.relay('recordings.list', {});
    expect(typeof relayed).toBe('string');
    expect(decodeRelayed(relayed)).toEqual(await host.call('recordings.list', {}));
    const binary = { ok: true as const, result: { data: new Int8Array([1, -1]) } as never };
    expect(encodeResponse(binary)).toBe(binary);
    const buffer = { ok: true as const, result: Buffer.from([1, 2]) as never };
    expect(encodeResponse(buffer)).toBe(buffer);
    expect(encodeResponse({ ok: true, result: { id: 'a' } as never })).toEqual({ json: '{"ok":true,"result":{"id":"a"}}' });
  });

  it('refuses a database newer than the build, as the in-process services do', async () => {
    const newer = join(temp.dir, 'newer.sqlite');
    const db = new Database(newer);
    db.pragma('user_version = 99999');
    db.close();
    await expect(startServicesHost({ databasePath: newer, appVersion: '9.9.9', engineModule })).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
  });

  it('answers calls after close with an error instead of hanging', async () => {
    const other = await startServicesHost({ databasePath: join(temp.dir, 'other.sqlite'), appVersion: '1', engineModule });
    await other.close();
    expect(await other.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
