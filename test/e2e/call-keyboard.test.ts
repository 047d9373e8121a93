import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingSummary } from '../../electron/shared/domain';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// Keyboard first: Space plays wherever focus is, calls follow one another in the library's order,
// scrubbing can keep to one party, Ctrl+O opens a folder in the browser.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-keys-'));
let app: AppUnderTest;
let browser: Browser;
let calls: RecordingSummary[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'keys.sqlite'), { analyse: syntheticAnalyse() });
  const { jobId } = await app.services.handlers['analysis.start']!({ paths: ['call_000.wav', 'call_001.wav', 'call_002.wav'].map((name) => join(callsDir, name)) });
  await app.services.waitForJob(jobId);
  calls = await app.services.handlers['recordings.list']!({});
  // One call reviewed: "next unreviewed" must step over it.
  await app.services.handlers['settings.update']!({ reviewerName: 'Kim' });
  await app.services.handlers['review.set']!({ recordingId: calls.find((c) => c.fileName === 'call_001.wav')!.id, reviewed: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe.each([1024, 1440])('keyboard at %i px', (width) => {
  let page: Page;
  const title = () => page.locator('.call-header h2').textContent();
  beforeAll(async () => {
    page = await newPage(browser, { viewport: { width, height: 900 } });
  });
  afterAll(async () => page?.close());

  it('Ctrl+O opens the folder dialog in browser mode', async () => {
    await page.goto(app.server.url);
    await page.getByTestId('library-scroll').waitFor();
    await page.keyboard.press('Control+o');
    await page.getByRole('dialog', { name: 'Open folder' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('goes to the next / previous / next unreviewed call in the library’s filtered order', async () => {
    // Sorted by name and filtered to the unreviewed calls: 000, 002 (call_001 is reviewed).
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await page.getByLabel('Review filter').selectOption('unreviewed');
    await page.getByRole('link', { name: 'call_000.wav' }).click();
    await page.locator('[data-drawn="true"]').waitFor();
    await page.keyboard.press('Shift+N');
    await expect.poll(title).toBe('call_002.wav');
    await page.keyboard.press('Shift+P');
    await expect.poll(title).toBe('call_000.wav');
    await page.keyboard.press('u');
    await expect.poll(title).toBe('call_002.wav');
    expect(await page.getByRole('button', { name: 'Next call ▶' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Next unreviewed ▶▶' }).click();
    await expect.poll(title).toBe('call_000.wav');
    expect(await page.getByRole('button', { name: '◀ Previous call' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Next call ▶' }).click();
    await expect.poll(title).toBe('call_002.wav');
    // Back in the library, the filter is as it was.
    await page.getByRole('link', { name: '← Library' }).click();
    expect(await page.getByLabel('Review filter').inputValue()).toBe('unreviewed');
    await page.getByLabel('Review filter').selectOption('all');
    await page.getByRole('link', { name: 'call_002.wav' }).click();
  });

  it('plays with Space after a chip was clicked, without toggling the chip', async () => {
    await page.locator('[data-drawn="true"]').waitFor();
    const angry = page.getByRole('button', { name: /^Angry/ });
    await angry.click();
    expect(await angry.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    expect(await angry.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'All emotions' }).click();
  });

  it('scrubs one party only with ] and [', async () => {
    await page.getByRole('radio', { name: 'Customer', exact: true }).click();
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press(']');
      await expect.poll(() => page.locator('.region-summary strong').textContent()).toBe('Customer');
    }
    await page.keyboard.press('[');
    await expect.poll(() => page.locator('.region-summary strong').textContent()).toBe('Customer');
    // The list shows that party's regions only.
    const names = await page.locator('.region-list .region-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name.startsWith('Customer'))).toBe(true);
    await page.getByRole('radio', { name: 'Agent', exact: true }).click();
    await page.keyboard.press(']');
    await expect.poll(() => page.locator('.region-summary strong').textContent()).toBe('Agent');
  });
});
