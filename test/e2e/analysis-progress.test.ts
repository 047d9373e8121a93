import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// Slow synthetic analysis (4 s a call), so progress and cancel can be watched.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-progress-'));
let app: AppUnderTest;
let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'progress.sqlite'), { analyse: syntheticAnalyse({ delayMs: 4000 }) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Opens the folder dialog on `dir` and waits until its listing is shown (never acts on the previous one). */
async function openFolder(page: Page, dir: string): Promise<void> {
  await page.getByRole('button', { name: 'Open folder…' }).click();
  const field = page.getByLabel('Folder path');
  await expect.poll(() => field.inputValue()).not.toBe(''); // the initial listing has answered
  await field.fill(dir);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect.poll(() => listedFiles(page)).toContain('call_000.wav');
}

const listedFiles = async (page: Page): Promise<string[]> =>
  (await page.getByRole('list', { name: 'Folders and audio files' }).getByRole('listitem').allTextContents()).map((text) => text.replace(/^♪\s*/, '').trim());

describe('analysis progress', () => {
  it('shows the folder asked for even when an earlier listing answers last', async () => {
    const page = await newPage(browser);
    // Hold the dialog's first listing (the default folder) until the typed folder has been listed.
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let listings = 0;
    let heldUrl = '';
    await page.route('**/rpc/files.list*', async (route) => {
      if (++listings > 1) return route.continue();
      heldUrl = route.request().url();
      const response = await route.fetch();
      await firstHeld;
      await route.fulfill({ response });
    });
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByLabel('Folder path').fill(callsDir);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => listedFiles(page)).toContain('call_000.wav');
    expect(listings).toBe(2);
    const firstAnswered = page.waitForResponse((response) => response.url() === heldUrl);
    releaseFirst();
    await firstAnswered;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.getByLabel('Folder path').inputValue()).toBe(callsDir);
    expect(await listedFiles(page)).toContain('call_000.wav');
    await page.close();
  }, 60_000);

  it('shows overall and current-file progress with an ETA, and cancels', async () => {
    const page = await newPage(browser);
    await page.goto(app.server.url);
    await openFolder(page, callsDir);
    await page.getByRole('button', { name: /^Analyse [1-9]\d* calls?$/ }).click();
    const panel = page.getByRole('region', { name: 'Analysis progress' });
    await panel.getByRole('progressbar', { name: 'Current file progress' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.getByRole('progressbar', { name: 'Overall analysis progress' }).getAttribute('aria-valuenow'), { timeout: 20_000 }).not.toBe('0');
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toMatch(/left|almost done/);
    // A row being analysed shows its own progress bar (named "Analysing <file>"); the rest say Queued.
    const busyRows = async (): Promise<number> =>
      (await page.getByRole('row').filter({ hasText: 'Queued' }).count()) + (await page.getByRole('row').getByRole('progressbar', { name: /^Analysing / }).count());
    await expect.poll(busyRows).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Cancel analysis' }).click();
    await panel.getByText('Analysis cancelled').waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => panel.count()).toBe(0);
  }, 90_000);
});
