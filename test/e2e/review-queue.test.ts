/**
 * The "Needs review" queue in Chromium over browser mode, with the real services and database and a
 * synthetic analyser (the shared calls' truth, confidences spread from 0.2 so some regions are
 * uncertain): the queue's order, the call view's uncertain marks, Q to the next uncertain region,
 * the "Uncertain" filter, and a correction or a review taking a call down or out of the queue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingSummary } from '../../electron/shared/domain';
import { reviewPriority } from '../../electron/shared/uncertainty';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

const CALLS = ['call_000', 'call_001', 'call_002'];
const temp = mkdtempSync(join(tmpdir(), 'emoqa-queue-'));
let app: AppUnderTest;
let browser: Browser;
let page: Page;

const list = async (): Promise<RecordingSummary[]> => app.services.handlers['recordings.list']!({});
/** File names of the library's rows, top to bottom. */
const shownNames = async (): Promise<string[]> => page.getByRole('table', { name: 'Calls' }).locator('.cell-name a').allTextContents();

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'queue.sqlite'), { analyse: syntheticAnalyse({ minConfidence: 0.2 }) });
  await app.services.waitForJob((await app.services.handlers['analysis.start']!({ paths: CALLS.map((name) => join(callsDir, `${name}.wav`)) })).jobId);
  await app.services.handlers['settings.update']!({ reviewerName: 'Quinn Queue' });
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(app.server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('the review queue', () => {
  it('orders unreviewed calls by uncertain regions and customer negative emotion, and the call view walks the uncertain ones', async () => {
    const recordings = await list();
    expect(recordings.map((r) => `${r.fileName}:${r.status}:${r.error ?? ''}`).filter((s) => !s.includes(':done:'))).toEqual([]);
    expect(recordings.some((r) => r.uncertainRegions > 0)).toBe(true);
    await expect.poll(() => page.getByRole('table', { name: 'Calls' }).locator('.cell-name a').count()).toBe(CALLS.length);

    await page.getByRole('button', { name: 'Needs review' }).click();
    expect(await page.getByRole('button', { name: 'Needs review' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('review-queue-note').waitFor();
    const expected = [...recordings].sort((a, b) => reviewPriority(b) - reviewPriority(a) || a.fileName.localeCompare(b.fileName, undefined, { numeric: true }));
    await expect.poll(shownNames).toEqual(expected.map((r) => r.fileName));

    // The top of the queue: its uncertain regions are marked, U selects the first, the chip filters to them.
    const top = expected[0];
    await page.getByRole('link', { name: top.fileName, exact: true }).click();
    await page.locator('[data-drawn="true"]').waitFor({ timeout: 10_000 });
    const uncertainRows = page.getByRole('button', { name: / \(uncertain\) / });
    await expect.poll(() => uncertainRows.count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^\? Uncertain/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Regions' }).locator('h3').textContent()).toBe(`Regions (${top.uncertainRegions})`);
    await page.keyboard.press('q');
    const selected = page.getByRole('region', { name: 'Regions' }).locator('button[aria-pressed="true"]');
    await expect.poll(() => selected.getAttribute('aria-label')).toMatch(/ \(uncertain\) /);

    // Correcting it settles it: the call has one uncertain region fewer, in the list as in the library.
    await page.keyboard.press('5');
    await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: neutral/);
    await expect.poll(async () => (await list()).find((r) => r.id === top.id)?.uncertainRegions).toBe(top.uncertainRegions - 1);
    await expect.poll(() => page.getByRole('region', { name: 'Regions' }).locator('h3').textContent()).toBe(`Regions (${top.uncertainRegions - 1})`);

    // Reviewed calls leave the queue.
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^✓ Reviewed/ }).count()).toBe(1);
    await page.getByRole('link', { name: '← Library' }).click();
    // Back in the library the queue is still on, without the call just reviewed.
    await expect.poll(shownNames).toEqual(expected.slice(1).map((r) => r.fileName));
    expect(await page.getByRole('button', { name: 'Needs review' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Needs review' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Calls' }).locator('.cell-name a').count()).toBe(CALLS.length);
  });
});
