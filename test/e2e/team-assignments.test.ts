/**
 * Assignments in Chromium on the team server (accounts on a throwaway PostgreSQL): a lead selects
 * two calls and assigns them to a reviewer, and one more by the search filter to another; the
 * reviewer signs in and the library opens on "My calls" with exactly those two, all calls one
 * click away (and that choice is remembered).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../electron/shared/team';
import { postgresNeed } from '../helpers/postgres';
import { describeNeeding, needs } from '../helpers/requirements';
import { callsDir } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';
import { signedInPage, startTeamApp, type TeamApp } from './helpers/team-app';

const PASSWORD = 'everyone has a long password';
const CALLS = ['call_000.wav', 'call_001.wav', 'call_002.wav'];

describeNeeding([postgresNeed(), needs.calls()], 'a lead assigns calls, a reviewer sees them as "My calls"', () => {
  let app: TeamApp | undefined;

  beforeAll(async () => {
    const accounts: Array<[string, Role]> = [['rex', 'reviewer'], ['sam', 'reviewer'], ['lea', 'lead']];
    app = await startTeamApp(accounts, PASSWORD, async (services) => {
      const { jobId } = await services.handlers['analysis.start']({ paths: CALLS.map((name) => join(callsDir, name)) });
      await services.waitForJob(jobId);
    }, { analyse: syntheticAnalyse() });
  }, 300_000);
  afterAll(async () => app?.close());

  async function signedIn(name: string): Promise<Page> {
    const page = await signedInPage(app, name, PASSWORD);
    await page.getByRole('group', { name: 'Which calls' }).waitFor();
    return page;
  }

  const shownNames = (page: Page) => page.locator('.table-body [role="row"] .cell-name a').allTextContents();
  const pressed = (page: Page, name: RegExp) => page.getByRole('button', { name }).getAttribute('aria-pressed');

  it('assigns two calls; the reviewer opens on exactly those, the rest one click away', async () => {
    const lead = await signedIn('lea');
    // The lead has no calls of their own yet: "My calls" is empty, "All calls" one click away.
    expect(await pressed(lead, /^My calls/)).toBe('true');
    await expect.poll(() => shownNames(lead)).toEqual([]);
    await lead.getByRole('button', { name: /^All calls/ }).click();
    await expect.poll(async () => (await shownNames(lead)).sort()).toEqual(CALLS);
    for (const name of ['call_000.wav', 'call_002.wav']) await lead.getByLabel(`Select ${name}`).check();
    await lead.getByRole('button', { name: 'Assign to…' }).click();
    const dialog = lead.getByRole('dialog', { name: 'Assign calls' });
    await expect.poll(() => dialog.getByRole('option').allTextContents()).toEqual(['lea (lead)', 'rex (reviewer)', 'sam (reviewer)']);
    await dialog.getByLabel('Reviewer').selectOption('rex');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Assigned 2 calls to rex.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => lead.locator('.badge-assigned').allTextContents()).toEqual(['→ rex', '→ rex']);
    // Nothing selected: the filter as it stands goes, matched by the server.
    for (const name of ['call_000.wav', 'call_002.wav']) await lead.getByLabel(`Select ${name}`).uncheck();
    await lead.getByLabel('Search calls by name').fill('call_001');
    await expect.poll(() => shownNames(lead)).toEqual(['call_001.wav']);
    await lead.getByRole('button', { name: 'Assign to…' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Give the 1 shown call to a reviewer');
    await dialog.getByLabel('Reviewer').selectOption('sam');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Assigned 1 call to sam.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const rex = await signedIn('rex');
    expect(await pressed(rex, /^My calls/)).toBe('true');
    await expect.poll(async () => (await shownNames(rex)).sort()).toEqual(['call_000.wav', 'call_002.wav']);
    expect(await rex.getByRole('button', { name: /^My calls/ }).textContent()).toBe('My calls 2');
    expect(await rex.getByRole('button', { name: 'Assign to…' }).count()).toBe(0);
    // One keyboard step to all calls; the choice is remembered on the next visit.
    await rex.getByRole('button', { name: /^All calls/ }).focus();
    await rex.keyboard.press('Enter');
    await expect.poll(async () => (await shownNames(rex)).sort()).toEqual(CALLS);
    await rex.reload();
    await rex.getByRole('group', { name: 'Which calls' }).waitFor();
    expect(await pressed(rex, /^All calls/)).toBe('true');
    await expect.poll(async () => (await shownNames(rex)).sort()).toEqual(CALLS);

    const sam = await signedIn('sam');
    await expect.poll(() => shownNames(sam)).toEqual(['call_001.wav']);
    for (const page of [lead, rex, sam]) await page.close();
  }, 240_000);
});
