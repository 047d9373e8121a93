import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../../electron/shared/contract';
import type { RecordingDetail } from '../../../../electron/shared/domain';
import { EmoqaError } from '../../../../electron/shared/errors';
import { EventBus } from '../../../../electron/services/event-bus';
import { startHttpServer, type HttpServerHandle } from '../../../../electron/http/server';
import { makeTempDir } from '../../../helpers/fixtures';

const temp = makeTempDir('emoqa-http-');
const audioPath = join(temp.dir, 'call.wav');
const audioBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const events = new EventBus();
let server: HttpServerHandle;

function recording(id: string, path: string): RecordingDetail {
  return {
    id, fileName: 'call.wav', path, importedAt: '2025-01-01T00:00:00Z', durationS: 1, status: 'done', progress: null,
    error: null, parties: [], corrections: 0, agreements: 0, reviewed: false, reviewer: null, modelVersion: null, sizeBytes: 1000,
    codec: 'pcm', sampleRate: 8000, channels: 2, downmixed: false,
  };
}

const handlers: Partial<Handlers> = {
  'app.info': async () => ({ version: '9.9.9', modelVersion: null, backend: null, databasePath: ':memory:', ffmpeg: null }),
  'recordings.get': async ({ id }) => {
    if (id !== 'rec1') throw new EmoqaError('NOT_FOUND', `no recording ${id}`);
    return recording(id, audioPath);
  },
};

/** A raw request, so tests can set any Host header and read any status. */
function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const auth = () => ({ authorization: `Bearer ${server.token}` });

beforeAll(async () => {
  writeFileSync(audioPath, audioBytes);
  const staticDir = join(temp.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>emoqa</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(temp.dir, 'secret.txt'), 'secret');
  server = await startHttpServer({ handlers, events, staticDir });
});

afterAll(async () => {
  await server.close();
  temp.cleanup();
});

describe('HTTP transport', () => {
  it('prints a 127.0.0.1 URL carrying its token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=.{20,}$`));
  });

  it('answers 401 to every route without the token', async () => {
    for (const path of ['/', '/assets/app.js', '/events', '/media/rec1']) expect((await send(path)).status).toBe(401);
    const rpc = await send('/rpc/app.info', { method: 'POST', body: '{}' });
    expect(rpc.status).toBe(401);
    expect(JSON.parse(rpc.body.toString())).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNAUTHORIZED' }) });
    expect((await send('/rpc/app.info', { method: 'POST', headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const response = await send('/rpc/app.info', { method: 'POST', headers: { ...auth(), host: 'evil.example:80' } });
    expect(response.status).toBe(403);
  });

  it('dispatches POST /rpc/:name through the contract', async () => {
    const ok = await send('/rpc/app.info', { method: 'POST', headers: auth(), body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ ok: true, result: { version: '9.9.9' } });
    const bad = await send('/rpc/recordings.get', { method: 'POST', headers: auth(), body: '{"id":""}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.code).toBe('INVALID_ARGUMENT');
    const missing = await send(`/rpc/nope.nothing?token=${server.token}`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    const notJson = await send('/rpc/app.info', { method: 'POST', headers: auth(), body: '{' });
    expect(notJson.status).toBe(400);
    expect((await send('/rpc/app.info', { headers: auth() })).status).toBe(405);
  });

  it('streams contract events as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.origin}/events?token=${server.token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await reader.read(); // the retry preamble: subscribed from here on
    events.emit('recordings.changed', 'rec1');
    let text = '';
    while (!text.includes('\n\n', text.indexOf('data:'))) text += new TextDecoder().decode((await reader.read()).value);
    const line = text.split('\n').find((l) => l.startsWith('data:'))!;
    expect(JSON.parse(line.slice(5))).toEqual({ event: 'recordings.changed', args: ['rec1'] });
    controller.abort();
  });

  it('streams known recordings with HTTP Range, and nothing else', async () => {
    const full = await send(`/media/rec1?token=${server.token}`);
    expect(full.status).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.headers['content-type']).toBe('audio/wav');
    expect(full.body.equals(audioBytes)).toBe(true);
    const part = await send(`/media/rec1?token=${server.token}`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.body.equals(audioBytes.subarray(100, 200))).toBe(true);
    const past = await send(`/media/rec1?token=${server.token}`, { headers: { range: 'bytes=5000-' } });
    expect(past.status).toBe(416);
    expect((await send(`/media/other?token=${server.token}`)).status).toBe(404);
    expect((await send(`/media/..%2Fsecret.txt?token=${server.token}`)).status).toBe(404);
  });

  it('serves the renderer, letting its assets through with the cookie set by the token URL', async () => {
    const index = await send(`/?token=${server.token}`);
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(index.headers['set-cookie']).split(';')[0];
    expect(cookie).toContain(server.token);
    const asset = await send('/assets/app.js', { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.body.toString()).toBe('console.log(1)');
    // The cookie is for the page's files only; the API wants the token itself.
    expect((await send('/rpc/app.info', { method: 'POST', headers: { cookie } })).status).toBe(401);
    expect((await send('/../secret.txt', { headers: { cookie } })).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt', { headers: { cookie } })).status).toBe(404);
  });
});
