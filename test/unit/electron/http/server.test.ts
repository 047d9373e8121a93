import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingDetail } from '../../../../electron/shared/domain';
import { EmoqaError } from '../../../../electron/shared/errors';
import { EventBus } from '../../../../electron/services/event-bus';
import { startHttpServer, type HttpServerHandle } from '../../../../electron/http/server';
import { makeTempDir } from '../../../helpers/fixtures';
import { sendRaw, type RawRequest } from '../../../helpers/http-request';
import { someHandlers } from '../../../helpers/handlers';

const temp = makeTempDir('emoqa-http-');
const audioPath = join(temp.dir, 'call.wav');
const audioBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const events = new EventBus();
let server: HttpServerHandle;

const passwd = join(temp.dir, 'passwd');

function recording(id: string, path: string): RecordingDetail {
  return {
    id, fileName: 'call.wav', path, importedAt: '2025-01-01T00:00:00Z', durationS: 1, status: 'done', progress: null,
    error: null, parties: [], corrections: 0, agreements: 0, uncertainRegions: 0, reviewed: false, reviewer: null, modelVersion: null, sizeBytes: 1000,
    codec: 'pcm', sampleRate: 8000, channels: 2, downmixed: false, note: null, agent: null, team: null, startedAt: null, measures: null,
  };
}

const handlers = someHandlers({
  'app.info': async () => ({ version: '9.9.9', modelVersion: null, backend: null, databasePath: ':memory:', ffmpeg: null }),
  'recordings.get': async ({ id }) => {
    // A file that failed to probe is still a row (with its path): it must never stream.
    if (id === 'failed') return { ...recording(id, passwd), status: 'error', codec: null, sampleRate: null, channels: null };
    if (id !== 'rec1') throw new EmoqaError('NOT_FOUND', `no recording ${id}`);
    return recording(id, audioPath);
  },
  'recordings.peaksRange': async ({ count }) => Uint8Array.from({ length: count * 2 }, (_, i) => i),
});

const json = { 'content-type': 'application/json' };

/** A raw request, so tests can set any Host header and read any status. */
function send(path: string, init: RawRequest = {}) {
  return sendRaw(server.port, path, init);
}

const auth = () => ({ authorization: `Bearer ${server.token}`, ...json });

beforeAll(async () => {
  writeFileSync(audioPath, audioBytes);
  const staticDir = join(temp.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>emoqa</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(temp.dir, 'secret.txt'), 'secret');
  writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\n');
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
    const missing = await send(`/rpc/nope.nothing?token=${server.token}`, { method: 'POST', headers: json, body: '{}' });
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
    expect(cookie).not.toContain(server.token);
    const asset = await send('/assets/app.js', { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.body.toString()).toBe('console.log(1)');
    // The cookie is for the page's files only; the API wants the token itself.
    expect((await send('/rpc/app.info', { method: 'POST', headers: { cookie } })).status).toBe(401);
    expect((await send('/../secret.txt', { headers: { cookie } })).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt', { headers: { cookie } })).status).toBe(404);
  });

  it('never streams a recording that did not probe as audio (a failed row names any path)', async () => {
    const response = await send(`/media/failed?token=${server.token}`);
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('root:');
  });

  it('answers 400 to a malformed percent-escape in a media id', async () => {
    const response = await send(`/media/%?token=${server.token}`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString()).error.code).toBe('INVALID_ARGUMENT');
  });

  it('accepts only application/json bodies on /rpc (no form or text/plain writes from other pages)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await send('/rpc/app.info', { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': type }, body: '{}' });
      expect(response.status).toBe(415);
    }
    const bare = await send('/rpc/app.info', { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(bare.status).toBe(415);
    const charset = await send('/rpc/app.info', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(charset.status).toBe(200);
  });

  it('refuses cross-site and other-port requests by Origin and Sec-Fetch-Site, and answers preflights without CORS', async () => {
    const foreign = await send('/rpc/app.info', { method: 'POST', headers: { ...auth(), origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const otherPort = await send('/rpc/app.info', { method: 'POST', headers: { ...auth(), origin: `http://127.0.0.1:${server.port + 1}` }, body: '{}' });
    expect(otherPort.status).toBe(403);
    for (const site of ['cross-site', 'same-site']) {
      const response = await send(`/media/rec1?token=${server.token}`, { headers: { 'sec-fetch-site': site } });
      expect(response.status).toBe(403);
    }
    const own = await send('/rpc/app.info', { method: 'POST', headers: { ...auth(), origin: server.origin, 'sec-fetch-site': 'same-origin' }, body: '{}' });
    expect(own.status).toBe(200);
    const preflight = await send('/rpc/labels.create', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(preflight.body.length).toBe(0);
  });

  it('refuses a body over the limit with 413, from Content-Length before reading it', async () => {
    const declared = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/rpc/app.info', method: 'POST', headers: { ...auth(), 'content-length': String(50 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"a":'); // the rest never comes: the answer must not wait for it
    });
    expect(declared).toBe(413);
    // Without a length (chunked), as soon as the stream passes the limit.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/rpc/app.info', method: 'POST', headers: auth() }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => undefined);
      // Just past the 16 MB limit, then the end: the answer comes once the limit is crossed.
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 17 && req.write(chunk)) sent++;
        if (sent < 17) req.once('drain', pump);
        else req.end();
      };
      pump();
      setTimeout(() => reject(new Error('no answer')), 20_000).unref();
    });
    expect(streamed).toBe(413);
  });

  it('keeps the API token out of the cookie: the page cookie cannot be replayed against the API', async () => {
    const index = await send(`/?token=${server.token}`);
    expect(index.headers['content-security-policy']).toContain("form-action 'none'");
    const cookie = String(index.headers['set-cookie']).split(';')[0];
    const value = cookie.split('=')[1];
    expect(value).not.toBe(server.token);
    expect(value.length).toBeGreaterThan(20);
    // What another local server receives (cookies ignore ports) unlocks no API route in any form.
    const replays: Array<Record<string, string>> = [{ cookie }, { authorization: `Bearer ${value}`, ...json }];
    for (const headers of replays) {
      expect((await send('/rpc/app.info', { method: 'POST', headers, body: '{}' })).status).toBe(401);
      expect((await send('/media/rec1', { headers })).status).toBe(401);
      expect((await send('/events', { headers })).status).toBe(401);
    }
    expect((await send(`/media/rec1?token=${value}`)).status).toBe(401);
  });

  it('serves binary results (waveform peaks) as bytes', async () => {
    const response = await send('/rpc/recordings.peaksRange', { method: 'POST', headers: auth(), body: JSON.stringify({ id: 'rec1', level: 0, start: 0, count: 4 }) });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(Array.from(response.body)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const tooMany = await send('/rpc/recordings.peaksRange', { method: 'POST', headers: auth(), body: JSON.stringify({ id: 'rec1', level: 0, start: 0, count: 2_000_000 }) });
    expect(tooMany.status).toBe(400);
  });
});
