import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { METHOD_ROLES } from '../../../../../electron/http/team/method-roles';
import { inputSchemas, type HandlerName } from '../../../../../electron/shared/contract';
import { ROLES, roleAllows } from '../../../../../electron/shared/team';
import { makeTempDir } from '../../../../helpers/fixtures';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { json, PASSWORD, startTeamUnderTest, type TeamUnderTest } from './team-server-helpers';

const METHODS = Object.keys(inputSchemas) as HandlerName[];

describeOnBothDatabases('team server', (fresh) => {
  const temp = makeTempDir('emoqa-team-server-');
  let app: TeamUnderTest;
  beforeAll(async () => {
    app = await startTeamUnderTest(await fresh(), temp.dir, { perName: 3, perAddress: 1000, windowS: 60 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    temp.cleanup();
  });

  it('answers 401 to every API call without a session, and to a made-up cookie', async () => {
    for (const name of METHODS) {
      const response = await app.send(`/rpc/${name}`, { method: 'POST', headers: json, body: '{}' });
      expect(response.status, name).toBe(401);
    }
    const forged = { cookie: 'emoqa_session=' + 'A'.repeat(43) };
    expect((await app.send('/rpc/app.info', { method: 'POST', headers: { ...json, ...forged }, body: '{}' })).status).toBe(401);
    expect((await app.send('/media/rec1')).status).toBe(401);
    expect((await app.send('/events')).status).toBe(401);
    expect((await app.send('/api/session')).status).toBe(401);
    expect(app.called).toEqual([]);
  });

  it('refuses a wrong password and an unknown name with the same 401', async () => {
    for (const body of [{ name: 'admin', password: 'not the password' }, { name: 'nobody', password: PASSWORD }]) {
      const response = await app.send('/api/session', { method: 'POST', headers: json, body: JSON.stringify(body) });
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(JSON.parse(response.body.toString())).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'wrong name or password' } });
    }
  });

  it('signs in with an httpOnly SameSite=Strict cookie whose id is stored only hashed, and signs out', async () => {
    const response = await app.send('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name: 'reviewer', password: PASSWORD }) });
    expect(response.status).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^emoqa_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    const token = cookie.split(';')[0].split('=')[1];
    const rows = await app.team.db.selectFrom('team_sessions').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash === token)).toBe(false);
    const session = { cookie: cookie.split(';')[0] };
    const body = JSON.parse(response.body.toString()) as { name: string; role: string; csrfToken: string };
    expect(body).toMatchObject({ name: 'reviewer', role: 'reviewer' });
    expect((await app.send('/api/session', { headers: session })).status).toBe(200);
    expect((await app.send('/api/session', { method: 'DELETE', headers: session })).status).toBe(403);
    const out = await app.send('/api/session', { method: 'DELETE', headers: { ...session, 'x-emoqa-csrf': body.csrfToken } });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect((await app.send('/rpc/app.info', { method: 'POST', headers: { ...json, ...session, 'x-emoqa-csrf': body.csrfToken }, body: '{}' })).status).toBe(401);
  });

  it('tries every contract method with each role: 403 exactly where the role map forbids it', async () => {
    const forbidden = new Map(ROLES.map((role) => [role, [] as HandlerName[]]));
    for (const role of ROLES) {
      const { cookie, csrf } = await app.login(role);
      for (const name of METHODS) {
        const response = await app.send(`/rpc/${name}`, { method: 'POST', headers: { ...json, cookie, 'x-emoqa-csrf': csrf }, body: '{}' });
        if (roleAllows(role, METHOD_ROLES[name])) {
          expect(response.status, `${role} ${name}`).not.toBe(403);
        } else {
          forbidden.get(role)?.push(name);
          expect(response.status, `${role} ${name}`).toBe(403);
          expect(JSON.parse(response.body.toString()).error.code).toBe('PERMISSION_DENIED');
        }
      }
    }
    // The words, spot-checked against the map: reviewers read, label and mark reviewed;
    // leads also export, retrain and activate models; admins also change settings.
    expect(forbidden.get('reviewer')).toEqual(expect.arrayContaining(['export.report', 'models.retrain', 'models.activate', 'analysis.start', 'settings.update']));
    expect(forbidden.get('reviewer')).not.toEqual(expect.arrayContaining(['labels.create']));
    for (const read of ['recordings.list', 'recordings.get', 'labels.create', 'labels.update', 'review.set'] as const) expect(METHOD_ROLES[read]).toBe('reviewer');
    expect(forbidden.get('lead')).toEqual(['settings.update']);
    expect(forbidden.get('admin')).toEqual([]);
    expect(app.called.filter((name) => name === 'settings.update')).toHaveLength(1);
  });

  it('refuses the session cookie from another origin, or without its CSRF token', async () => {
    const { cookie, csrf } = await app.login('admin');
    const headers = { ...json, cookie, 'x-emoqa-csrf': csrf };
    const before = app.called.length;
    const foreign: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }];
    for (const extra of foreign) {
      expect((await app.send('/rpc/settings.update', { method: 'POST', headers: { ...headers, ...extra }, body: '{}' })).status, JSON.stringify(extra)).toBe(403);
    }
    expect((await app.send('/events', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await app.send('/rpc/settings.update', { method: 'POST', headers: { ...json, cookie }, body: '{}' })).status).toBe(403);
    expect((await app.send('/rpc/settings.update', { method: 'POST', headers: { ...json, cookie, 'x-emoqa-csrf': (csrf.startsWith('x') ? 'y' : 'x') + csrf.slice(1) }, body: '{}' })).status).toBe(403);
    expect(app.called.length).toBe(before);
    const own = await app.send('/rpc/settings.update', { method: 'POST', headers: { ...headers, origin: `http://127.0.0.1:${app.server.port}`, 'sec-fetch-site': 'same-origin' }, body: '{}' });
    expect(own.status).toBe(200);
  });

  it('answers malformed JSON with 400 and runs nothing', async () => {
    const { cookie, csrf } = await app.login('lead');
    const before = app.called.length;
    const sessions = async () => (await app.team.db.selectFrom('team_sessions').select('id_hash').execute()).length;
    const sessionsBefore = await sessions();
    const bad = await app.send('/rpc/labels.create', { method: 'POST', headers: { ...json, cookie, 'x-emoqa-csrf': csrf }, body: '{"recordingId": "rec1", ' });
    expect(bad.status).toBe(400);
    const login = await app.send('/api/session', { method: 'POST', headers: json, body: '{"name": "lead", "password": ' });
    expect(login.status).toBe(400);
    expect(app.called.length).toBe(before);
    expect(await sessions()).toBe(sessionsBefore);
  });

  it('streams media with Range under a session', async () => {
    const { cookie } = await app.login('reviewer');
    const response = await app.send('/media/rec1', { headers: { cookie, range: 'bytes=10-19' } });
    expect(response.status).toBe(206);
    expect(response.body.length).toBe(10);
  });

  it('ends the event stream of a session that signed out', async () => {
    const { cookie, csrf } = await app.login('reviewer');
    const ended = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: app.server.port, path: '/events', headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await app.send('/api/session', { method: 'DELETE', headers: { cookie, 'x-emoqa-csrf': csrf } })).status).toBe(200);
    expect(await ended).toBe(200);
  });

  it('rate-limits failed logins per name, even with the right password after', async () => {
    const wrong = JSON.stringify({ name: 'lead', password: 'wrong password!' });
    for (let i = 0; i < 3; i += 1) expect((await app.send('/api/session', { method: 'POST', headers: json, body: wrong })).status).toBe(401);
    const limited = await app.send('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name: 'LEAD', password: PASSWORD }) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not locked by it.
    expect((await app.login('reviewer')).cookie).toMatch(/^emoqa_session=/);
  });
});

describeOnBothDatabases('team server login limit per address', (fresh) => {
  const temp = makeTempDir('emoqa-team-limit-');
  afterAll(() => temp.cleanup());
  it('refuses an address that guessed too often across names', async () => {
    const app = await startTeamUnderTest(await fresh(), temp.dir, { perName: 100, perAddress: 4, windowS: 60 });
    try {
      for (const name of ['a1', 'a2', 'a3', 'a4']) {
        expect((await app.send('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name, password: 'guess guess' }) })).status).toBe(401);
      }
      const response = await app.send('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name: 'admin', password: PASSWORD }) });
      expect(response.status).toBe(429);
    } finally {
      await app.close();
    }
  }, 60_000);
});
