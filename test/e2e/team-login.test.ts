/**
 * Team mode in Chromium: the real renderer from `emoqa server`, accounts on a throwaway
 * PostgreSQL, the library in SQLite. Signing in through the page, the app's calls carrying the
 * session and its CSRF token, a reviewer's forbidden call, signing out.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTeamDatabase, type TeamDatabaseHandle } from '../../electron/db/team-database';
import { startTeamServer } from '../../electron/http/team/team-server';
import type { HttpServerHandle } from '../../electron/http/server';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { UsersService } from '../../electron/services/team/users-service';
import { makeTempDir } from '../helpers/fixtures';
import { postgresNeed, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { describeNeeding } from '../helpers/requirements';
import { ensureRendererBuilt, launchChromium, newPage, rendererDir, resultsDir } from './helpers/app-under-test';
import { seedLibrary } from './helpers/seed-library';

const PASSWORD = 'rita has a long password';

describeNeeding([postgresNeed()], 'team server sign-in in Chromium', () => {
  const temp = makeTempDir('emoqa-team-e2e-');
  let cluster: PostgresCluster | undefined;
  let team: TeamDatabaseHandle | undefined;
  let services: AppServices | undefined;
  let server: HttpServerHandle | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ensureRendererBuilt();
    cluster = await startPostgres();
    team = await openTeamDatabase(await cluster.createDatabase('team_e2e'));
    await new UsersService(team.db).add('rita', 'reviewer', PASSWORD);
    services = await createAppServices({ databasePath: join(temp.dir, 'library.sqlite'), appVersion: '0.0.0-test' });
    seedLibrary(services.db, 3);
    server = await startTeamServer({ handlers: services.handlers, events: services.events, staticDir: rendererDir, team });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
    await team?.close();
    cluster?.stop();
    temp.cleanup();
  });

  it('signs in with the keyboard, works with the session, is refused a lead\'s call, signs out', async () => {
    if (!browser || !server) throw new Error('setup failed');
    const page = await newPage(browser);
    await page.goto(server.url);
    const name = page.getByLabel('Name');
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type('rita');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not her password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('wrong name or password');
    await page.screenshot({ path: join(resultsDir, 'team-login.png') });

    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('rita · reviewer').waitFor();
    // The app's own calls went through: the library lists the seeded calls.
    await page.getByRole('row').filter({ hasText: 'call-00002.wav' }).waitFor();
    await page.screenshot({ path: join(resultsDir, 'team-signed-in.png') });

    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'emoqa_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The page's script cannot read the session, and a reviewer may not export.
    const fromPage = await page.evaluate(async () => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/rpc/export.report', { method: 'POST', headers: { 'content-type': 'application/json', 'x-emoqa-csrf': session.csrfToken }, body: '{}' });
      return { cookie: document.cookie, status: response.status };
    });
    expect(fromPage).toEqual({ cookie: '', status: 403 });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to emoqa' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to emoqa' }).waitFor();
    await page.close();
  }, 180_000);
});
