/**
 * Two reviewers in two browser contexts label the same call on the team server (accounts on a
 * throwaway PostgreSQL): the second one's edit from a stale version is refused and shows the first
 * one's change; after it, the lead sees both reviewers' edits, each under its author's name.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PredictedRegion } from '../../electron/shared/domain';
import type { Role } from '../../electron/shared/team';
import { postgresNeed } from '../helpers/postgres';
import { describeNeeding, needs } from '../helpers/requirements';
import { callsDir } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';
import { signedInPage, startTeamApp, type TeamApp } from './helpers/team-app';

const PASSWORD = 'everyone has a long password';

describeNeeding([postgresNeed(), needs.calls()], 'two reviewers on one call in Chromium', () => {
  let app: TeamApp | undefined;
  let callId = '';
  let duration = 0;
  let agent: PredictedRegion[] = [];

  beforeAll(async () => {
    const accounts: Array<[string, Role]> = [['ann', 'reviewer'], ['bob', 'reviewer'], ['lea', 'lead']];
    app = await startTeamApp(accounts, PASSWORD, async (services) => {
      // The library's own reviewer name: in team mode nobody's edits may be filed under it.
      await services.handlers['settings.update']({ reviewerName: 'desk' });
      const { jobId } = await services.handlers['analysis.start']({ paths: [join(callsDir, 'call_000.wav')] });
      await services.waitForJob(jobId);
      const [call] = await services.handlers['recordings.list']({});
      callId = call.id;
      duration = call.durationS ?? 0;
      agent = (await services.handlers['recordings.regions']({ id: call.id })).predictions.filter((r) => r.channel === 0).sort((a, b) => a.start - b.start);
    }, { analyse: syntheticAnalyse() });
  }, 300_000);
  afterAll(async () => app?.close());

  /** A reviewer in a browser context of their own, signed in, on the call. */
  async function signedIn(name: string): Promise<Page> {
    const page = await signedInPage(app, name, PASSWORD, `#/call/${callId}`);
    await page.locator('[data-drawn="true"]').waitFor();
    return page;
  }

  async function select(page: Page, region: PredictedRegion): Promise<void> {
    const box = await page.getByTestId('lanes-overlay').boundingBox();
    if (!box) throw new Error('no lanes');
    await page.mouse.click(box.x + (((region.start + region.end) / 2) / duration) * box.width, box.y + 60);
  }

  const human = (page: Page) => page.getByTestId('human-label').textContent();
  const status = (page: Page) => page.getByTestId('edit-status').textContent();

  it('refuses the stale edit, shows the other reviewer\'s change, and the lead sees both', async () => {
    const [first, second] = [agent[3], agent[5]];
    const ann = await signedIn('ann');
    await select(ann, first);
    await ann.keyboard.press('1');
    await expect.poll(() => human(ann)).toBe('Reviewer: angry (ann)');

    // Bob opens the call now: he sees ann's label (version 1).
    const bob = await signedIn('bob');
    await select(bob, first);
    await expect.poll(() => human(bob)).toBe('Reviewer: angry (ann)');

    await select(ann, first);
    await ann.keyboard.press('6');
    await expect.poll(() => human(ann)).toBe('Reviewer: sad (ann)');

    // Bob's change is made from version 1: refused, and his view now shows ann's edit.
    await bob.keyboard.press('4');
    await expect.poll(() => status(bob)).toMatch(/^Not saved: label \d+ was changed by ann .*their version is shown now$/);
    await select(bob, first);
    await expect.poll(() => human(bob)).toBe('Reviewer: sad (ann)');
    await bob.keyboard.press('4');
    await expect.poll(() => human(bob)).toBe('Reviewer: happy (bob)');

    await select(ann, second);
    await ann.keyboard.press('3');
    await expect.poll(() => human(ann)).toBe('Reviewer: fear (ann)');

    const lead = await signedIn('lea');
    await select(lead, first);
    await expect.poll(() => human(lead)).toBe('Reviewer: happy (bob)');
    await select(lead, second);
    await expect.poll(() => human(lead)).toBe('Reviewer: fear (ann)');
    const actors = app?.services.db.prepare("SELECT actor FROM audit_log WHERE entity = 'label' ORDER BY id").all();
    expect(actors).toEqual([{ actor: 'ann' }, { actor: 'ann' }, { actor: 'bob' }, { actor: 'ann' }]);
    for (const page of [ann, bob, lead]) await page.close();
  }, 240_000);
});
