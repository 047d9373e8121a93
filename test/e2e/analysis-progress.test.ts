import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
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

describe('analysis progress', () => {
  it('shows overall and current-file progress with an ETA, and cancels', async () => {
    const page = await newPage(browser);
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByLabel('Folder path').fill(callsDir);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByRole('button', { name: /^Analyse \d+ calls?$/ }).click();
    const panel = page.getByRole('region', { name: 'Analysis progress' });
    await panel.getByRole('progressbar', { name: 'Current file progress' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.getByRole('progressbar', { name: 'Overall analysis progress' }).getAttribute('aria-valuenow'), { timeout: 20_000 }).not.toBe('0');
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toMatch(/left|almost done/);
    await expect.poll(() => page.getByRole('row').filter({ hasText: /Analysing|Queued/ }).count()).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Cancel analysis' }).click();
    await panel.getByText('Analysis cancelled').waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => panel.count()).toBe(0);
  }, 90_000);
});
