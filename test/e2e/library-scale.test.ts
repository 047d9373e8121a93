import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusOutline, unnamedControls } from './helpers/accessibility';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { seedLibrary } from './helpers/seed-library';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

const temp = mkdtempSync(join(tmpdir(), 'emoqa-scale-'));
let app: AppUnderTest;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'scale.sqlite'), { analyse: syntheticAnalyse() });
  const { jobId } = await app.services.handlers['analysis.start']!({ paths: [join(callsDir, 'call_001.wav')] });
  await app.services.waitForJob(jobId);
  seedLibrary(app.services.db, 10_000);
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(app.server.url);
  await page.getByText('10001 calls').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

const count = () => page.locator('.count').textContent();

describe('a library of ten thousand calls', () => {
  it('keeps only the rows in view in the DOM and reaches the last row by scrolling', async () => {
    expect(await page.getByRole('row').count()).toBeLessThan(60);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await page.getByTestId('library-scroll').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.getByRole('link', { name: 'call-09999.wav', exact: true }).waitFor();
    expect(await page.getByRole('row').count()).toBeLessThan(60);
  });

  it('searches, filters by status and by a party emotion share, and sorts', async () => {
    await page.getByRole('searchbox').fill('call-0999');
    await expect.poll(count).toBe('10 of 10001 calls');
    await page.getByRole('searchbox').fill('');
    await page.getByRole('combobox', { name: 'Status filter' }).selectOption('error');
    await expect.poll(count).toBe('103 of 10001 calls');
    await page.getByRole('combobox', { name: 'Status filter' }).selectOption('all');
    await page.getByLabel('Party for emotion share').selectOption('customer');
    await page.getByLabel('Emotion for emotion share').selectOption('angry');
    await page.getByLabel('Minimum emotion share in percent').fill('40');
    const filtered = Number((await count())?.split(' ')[0]);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(10_001);
    await page.getByLabel('Emotion for emotion share').selectOption('');
    await expect.poll(count).toBe('10001 calls');
    const sortByDuration = page.getByRole('button', { name: 'Sort by Duration' });
    await sortByDuration.click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Sort by Duration' }).getAttribute('aria-sort')).toBe('descending');
  });

  it('names every control and shows a focus ring, in the library and the call view', async () => {
    await page.goto(app.server.url);
    await page.getByText('10001 calls').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    expect(await focusOutline(page)).toMatch(/^solid [1-9]/);
    await page.getByRole('searchbox').fill('call_001');
    await page.getByRole('link', { name: 'call_001.wav', exact: true }).click();
    await page.locator('[data-drawn="true"]').waitFor();
    await page.keyboard.press('.');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await unnamedControls(page)).toEqual([]);
  });
});
