import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// The library at the narrowest supported window and a wide one: no column cut off, the keyboard
// walks the rows through one Tab stop, and texts are not clipped.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-library-layout-'));
let app: AppUnderTest;
let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'library.sqlite'), { analyse: syntheticAnalyse() });
  const paths = ['call_000.wav', 'call_001.wav', 'call_002.mono.mp3'].map((name) => join(callsDir, name));
  const { jobId } = await app.services.handlers['analysis.start']!({ paths });
  await app.services.waitForJob(jobId);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Header cells whose box reaches past the table's visible frame, or whose label is clipped. */
async function clippedHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('.table-frame')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.table-head [role="columnheader"]')]
      .filter((cell) => cell.getBoundingClientRect().right > frame.right + 0.5 || cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent ?? '?');
  });
}

describe.each([1024, 1440])('library at %i px', (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage(browser, { viewport: { width, height: 800 } });
    await page.goto(app.server.url);
    await page.getByRole('row').filter({ hasText: 'call_002.mono.mp3' }).waitFor();
  });
  afterAll(async () => page?.close());

  it('shows whole columns only, dropping the least needed first', async () => {
    await expect.poll(() => clippedHeaders(page)).toEqual([]);
    const headers = (await page.locator('.table-head [role="columnheader"]').allTextContents()).map((text) => text.replace(/[▲▼]/g, '').trim());
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Status', 'Agent', 'Customer', 'Corrections', 'Reviewed']));
    if (width === 1440) expect(headers).toEqual(expect.arrayContaining(['Imported', 'Negative', 'Duration']));
    else expect(headers).not.toContain('Imported');
  });

  it('says which calls are mono and which stereo', async () => {
    expect(await page.getByRole('row').filter({ hasText: 'call_000.wav' }).locator('.badge').textContent()).toBe('Stereo');
    expect(await page.getByRole('row').filter({ hasText: 'call_002.mono.mp3' }).locator('.badge').textContent()).toBe('Mono');
  });

  it('walks the rows with the arrow keys through one Tab stop, and Enter opens the call', async () => {
    const body = page.getByTestId('library-scroll');
    await body.focus();
    // Links and checkboxes inside rows are not Tab stops of their own.
    expect(await page.locator('.table-body a[tabindex="-1"]').count()).toBe(3);
    expect(await page.locator('.table-body input[type="checkbox"]:not([tabindex="-1"])').count()).toBe(0);
    const active = () => body.evaluate((el) => document.getElementById(el.getAttribute('aria-activedescendant') ?? '')?.querySelector('.cell-name a')?.textContent ?? null);
    const first = await active();
    await page.keyboard.press('ArrowDown');
    const second = await active();
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await active()).toBe(first);
    await page.keyboard.press('End');
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.row-selected').count()).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.row-selected').count()).toBe(0);
    await page.keyboard.press('Home');
    const name = await active();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.call-header h2').textContent()).toBe(name);
    await page.goBack();
    await page.getByTestId('library-scroll').waitFor();
  });

  it('shows the empty message at the top of the table, not at its bottom', async () => {
    await page.getByLabel('Search calls by name').fill('no call is named like this');
    const empty = page.locator('.empty');
    await empty.waitFor();
    const [message, head] = [await empty.boundingBox(), await page.locator('.table-head').boundingBox()];
    expect(message!.y - (head!.y + head!.height)).toBeLessThan(40);
    await page.getByLabel('Search calls by name').fill('');
  });
});
