/**
 * Team mode in Chromium: the real renderer from `emoqa server`, accounts on a throwaway
 * PostgreSQL, the library in SQLite. Signing in through the page, the app's calls carrying the
 * session and its CSRF token, a reviewer's forbidden call, signing out.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresNeed } from '../helpers/postgres';
import { describeNeeding } from '../helpers/requirements';
import { newPage, resultsDir } from './helpers/app-under-test';
import { seedLibrary } from './helpers/seed-library';
import { startTeamApp, type TeamApp } from './helpers/team-app';

const PASSWORD = 'rita has a long password';

describeNeeding([postgresNeed()], 'team server sign-in in Chromium', () => {
  let app: TeamApp | undefined;
  beforeAll(async () => {
    app = await startTeamApp([['rita', 'reviewer']], PASSWORD, (services) => void seedLibrary(services.db, 3));
  }, 300_000);
  afterAll(async () => app?.close());

  it('signs in with the keyboard, works with the session, is refused a lead\'s call, signs out', async () => {
    if (!app) throw new Error('setup failed');
    const page = await newPage(app.browser);
    await page.goto(app.server.url);
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
    // The library opens on her calls (none assigned); the app's own calls went through: all calls lists the seeded ones.
    await page.getByText('No calls are assigned to you yet').waitFor();
    await page.getByRole('button', { name: /^All calls/ }).click();
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
