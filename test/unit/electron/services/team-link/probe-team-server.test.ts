/**
 * teamServer.probe against real servers on loopback: an emoqa team server (SQLite accounts), a web
 * server that is something else, one that redirects, and a port nothing listens on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTeamServer } from '../../../../../electron/services/team-link/probe-team-server';
import { makeTempDir } from '../../../../helpers/fixtures';
import { json, startTeamUnderTest, type TeamUnderTest } from '../../http/team/team-server-helpers';

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('teamServer.probe', () => {
  const temp = makeTempDir('emoqa-probe-');
  let team: TeamUnderTest;
  const others: Server[] = [];
  beforeAll(async () => {
    team = await startTeamUnderTest(`sqlite:${temp.dir}/team.sqlite`, temp.dir);
  }, 60_000);
  afterAll(async () => {
    await team?.close();
    for (const server of others) server.close();
    temp.cleanup();
  });

  it('finds an emoqa team server by its public /api/about', async () => {
    const about = await team.send('/api/about');
    expect(about.status).toBe(200);
    expect(JSON.parse(about.body.toString())).toEqual({ app: 'emoqa', kind: 'team-server', version: 'unknown' });
    expect(await probeTeamServer(`${team.server.origin}/`)).toEqual({ origin: team.server.origin, app: 'emoqa', kind: 'team-server', version: 'unknown' });
  });

  it('says so when the address is another kind of site, or redirects', async () => {
    const site = await listen((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>intranet</h1>'));
    const lookalike = await listen((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"app":"other"}'));
    const missing = await listen((_req, res) => res.writeHead(404).end());
    const moved = await listen((_req, res) => res.writeHead(301, { location: 'https://qa.example.com/api/about' }).end());
    others.push(site, lookalike, missing, moved);
    await expect(probeTeamServer(originOf(site))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: `${originOf(site)} answered, but it is not an emoqa team server (no JSON at /api/about)` });
    await expect(probeTeamServer(originOf(lookalike))).rejects.toThrow(/not an emoqa team server \(an unexpected answer/);
    await expect(probeTeamServer(originOf(missing))).rejects.toThrow(/not an emoqa team server \(HTTP 404 at \/api\/about\)/);
    await expect(probeTeamServer(originOf(moved))).rejects.toThrow(/redirects to https:\/\/qa\.example\.com\/api\/about/);
  });

  it('says so when nothing listens there', async () => {
    const closed = await listen(() => undefined);
    const origin = originOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expect(probeTeamServer(origin)).rejects.toMatchObject({ code: 'UNREADABLE', message: `cannot reach ${origin}: nothing listens there` });
  });

  it('refuses http to another machine before sending anything', async () => {
    let asked = 0;
    const counting: typeof fetch = async (...args) => {
      asked++;
      return fetch(...args);
    };
    await expect(probeTeamServer('http://qa.example.com', counting)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/in clear/) });
    expect(asked).toBe(0);
  });

  it('is refused by the team server itself: it never fetches an address a client names', async () => {
    const { cookie, csrf } = await team.login('admin');
    const response = await team.send('/rpc/teamServer.probe', { method: 'POST', headers: { ...json, cookie, 'x-emoqa-csrf': csrf }, body: JSON.stringify({ url: 'http://127.0.0.1:1' }) });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString()).error.message).toMatch(/team server already/);
    expect(team.called).not.toContain('teamServer.probe');
  });
});
