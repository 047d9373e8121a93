/**
 * Settings → Team server in Chromium: the local browser-mode app (its own library) connects to a
 * real `emoqa server` (accounts on a throwaway PostgreSQL), signs in on the server's page, works on
 * the server's library and plays its audio from the server with Range, then goes back to the
 * local library. Bad addresses are refused with their reason: http to another machine, nothing
 * listening, a site that is not emoqa.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLEAR_TEXT_MESSAGE } from '../../electron/shared/team-link';
import { makeTempDir } from '../helpers/fixtures';
import { postgresNeed } from '../helpers/postgres';
import { describeNeeding, needs } from '../helpers/requirements';
import { callsDir, newPage, resultsDir, startApp, type AppUnderTest } from './helpers/app-under-test';
import { seedLibrary } from './helpers/seed-library';
import { syntheticAnalyse } from './helpers/synthetic-analysis';
import { startTeamApp, type TeamApp } from './helpers/team-app';

const PASSWORD = 'rita has a long password';

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describeNeeding([postgresNeed(), needs.calls()], 'the desktop app as a team server client, in Chromium', () => {
  const temp = makeTempDir('emoqa-team-client-e2e-');
  let team: TeamApp | undefined;
  let local: AppUnderTest | undefined;
  let intranet: Server | undefined;

  beforeAll(async () => {
    team = await startTeamApp([['rita', 'reviewer']], PASSWORD, async (services) => {
      const { jobId } = await services.handlers['analysis.start']({ paths: [join(callsDir, 'call_000.wav')] });
      await services.waitForJob(jobId);
    }, { analyse: syntheticAnalyse() });
    local = await startApp(join(temp.dir, 'local.sqlite'));
    seedLibrary(local.services.db, 2);
    intranet = await listen((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>intranet</h1>'));
  }, 300_000);
  afterAll(async () => {
    intranet?.close();
    await local?.close();
    await team?.close();
    temp.cleanup();
  });

  it('refuses bad addresses with their reason, signs in on the server, plays its audio with Range, and goes back', async () => {
    if (!team || !local || !intranet) throw new Error('setup failed');
    const page = await newPage(team.browser);
    await page.goto(local.server.url);
    await page.getByRole('row').filter({ hasText: 'call-00001.wav' }).waitFor();

    await page.getByRole('button', { name: 'Settings' }).click();
    const address = page.getByLabel('Server address');
    const connect = page.getByRole('button', { name: 'Connect and sign in' });
    const refusal = page.getByRole('dialog').getByRole('alert');
    const closed = await listen(() => undefined);
    const nobody = originOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    for (const [typed, expected] of [
      ['http://10.1.2.3:8080', CLEAR_TEXT_MESSAGE],
      [nobody, `cannot reach ${nobody}: nothing listens there`],
      [originOf(intranet), `${originOf(intranet)} answered, but it is not an emoqa team server (no JSON at /api/about)`],
    ]) {
      await address.fill(typed);
      await connect.click();
      await expect.poll(() => refusal.textContent()).toBe(expected);
    }
    await page.screenshot({ path: join(resultsDir, 'team-client-refused.png') });

    await address.fill(`${team.server.origin}/`);
    await connect.click();
    await page.getByRole('heading', { name: 'Sign in to emoqa' }).waitFor();
    expect(new URL(page.url()).origin).toBe(team.server.origin);
    // The way back is remembered for the tab; the address bar keeps no local address.
    expect(page.url()).not.toContain('local=');
    await page.getByLabel('Name').fill('rita');
    await page.getByLabel('Password').fill('not her password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('wrong name or password');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('rita · reviewer').waitFor();

    await page.getByRole('button', { name: /^All calls/ }).click();
    const row = page.getByRole('row').filter({ hasText: 'call_000.wav' });
    await row.waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'call-00001.wav' }).count()).toBe(0);
    const media = page.waitForResponse((response) => response.url().startsWith(`${team!.server.origin}/media/`) && response.status() === 206);
    await page.getByRole('link', { name: 'call_000.wav', exact: true }).click();
    await page.locator('[data-drawn="true"]').waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const ranged = await media;
    expect(ranged.headers()['content-range']).toMatch(/^bytes \d+-\d+\/\d+$/);
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(resultsDir, 'team-client-server-call.png') });

    await page.getByRole('button', { name: 'Local library' }).click();
    await page.getByRole('row').filter({ hasText: 'call-00001.wav' }).waitFor();
    expect(new URL(page.url()).origin).toBe(local.server.origin);
    // Back without the token in the address: the tab kept it.
    expect(page.url()).not.toContain('token=');
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByLabel('Server address').inputValue()).toBe(team.server.origin);
    await page.close();
  }, 240_000);
});
