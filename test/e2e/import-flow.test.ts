import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// Import as a reviewer meets it: a folder of calls with sidecar files beside them, single files,
// a re-import, and progress that moves per call.
let browser: Browser;
const temp = mkdtempSync(join(tmpdir(), 'emoqa-import-'));
const folder = join(temp, 'calls');

beforeAll(async () => {
  ensureRendererBuilt();
  mkdirSync(folder);
  for (const name of ['call_000', 'call_001']) {
    copyFileSync(join(callsDir, `${name}.wav`), join(folder, `${name}.wav`));
    copyFileSync(join(callsDir, `${name}.json`), join(folder, `${name}.json`));
  }
  writeFileSync(join(folder, 'notes.txt'), 'not a call');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe.each([1024, 1440])('importing at %i px', (width) => {
  let app: AppUnderTest;
  let page: Page;
  beforeAll(async () => {
    app = await startApp(join(temp, `import-${width}.sqlite`), { analyse: syntheticAnalyse({ delayMs: 3000 }) });
    page = await newPage(browser, { viewport: { width, height: 900 } });
    await page.goto(app.server.url);
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  async function openFolder(): Promise<void> {
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByLabel('Folder path').fill(folder);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByLabel('Choose call_000.wav').waitFor();
  }

  it('analyses one chosen file, its row’s progress moving, then says a re-import was already analysed', async () => {
    await openFolder();
    await page.getByLabel('Choose call_000.wav').check();
    await page.getByRole('button', { name: 'Analyse 1 chosen call' }).click();
    const panel = page.getByRole('region', { name: 'Analysis progress' });
    // The row shows a share between 0% and 100% while the call is analysed.
    const status = page.getByRole('row').filter({ hasText: 'call_000.wav' }).locator('.status-analysing');
    await expect.poll(async () => Number.parseInt((await status.textContent().catch(() => '')) ?? '', 10), { timeout: 20_000 }).toBeGreaterThan(0);
    await panel.getByText('Analysis finished').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('job-count').textContent()).toBe('1 of 1 call');
    // The finished notice goes by itself and is kept in the recent list.
    await expect.poll(() => panel.count(), { timeout: 15_000 }).toBe(0);
    await page.getByText('Recent analyses (1)').click();
    await expect.poll(() => page.locator('.recent-jobs li').first().textContent()).toMatch(/Analysis finished · 1 of 1 call/);

    await openFolder();
    await page.getByLabel('Choose call_000.wav').check();
    await page.getByRole('button', { name: 'Analyse 1 chosen call' }).click();
    await expect.poll(() => panel.getByTestId('job-count').last().textContent(), { timeout: 20_000 }).toBe('Nothing new: 1 call already analysed');
  });

  it('counts the audio in a folder, not its sidecar and notes files', async () => {
    await openFolder();
    await page.getByRole('button', { name: 'Analyse 2 calls' }).click();
    const panel = page.getByRole('region', { name: 'Analysis progress' });
    const counts: string[] = [];
    await expect.poll(async () => {
      counts.push((await panel.getByTestId('job-count').last().textContent().catch(() => '')) ?? '');
      return panel.locator('.job').last().getByText('Analysis finished').count();
    }, { timeout: 30_000 }).toBe(1);
    // Two calls in the folder, one of them already analysed: never "of 5" (the sidecars and notes).
    expect(counts.filter((text) => / of \d/.test(text)).every((text) => / of [12] calls?\b/.test(text))).toBe(true);
    // The count can arrive a render after the finished state (separate events): wait for it.
    await expect.poll(() => panel.getByTestId('job-count').last().textContent()).toBe('1 of 1 call · 1 call already analysed');
  });
});

// The start folder's listing can answer after the reviewer clicked into the path field (on a loaded
// machine it did, between Playwright's select-all and its typing): the field must not be rewritten
// under the caret, or what they type lands after the answer's folder ("/root" + "/tmp/…/calls").
describe('a start listing that answers while the reviewer is in the path field', () => {
  let app: AppUnderTest;
  let page: Page;
  beforeAll(async () => {
    app = await startApp(join(temp, 'late-listing.sqlite'), { analyse: syntheticAnalyse() });
    page = await newPage(browser);
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  it('keeps what they type', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let first = true;
    await page.route('**/rpc/files.list', async (route) => {
      const response = await route.fetch();
      if (first) {
        first = false;
        await held;
      }
      await route.fulfill({ response });
    });
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Open folder…' }).click();
    const field = page.getByLabel('Folder path');
    await field.click();
    const answered = page.waitForResponse('**/rpc/files.list');
    release();
    await answered;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
    expect(await field.inputValue()).toBe('');
    await page.keyboard.type(folder);
    expect(await field.inputValue()).toBe(folder);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByLabel('Choose call_000.wav').waitFor();
    expect(await field.inputValue()).toBe(folder);
    await page.unroute('**/rpc/files.list');
  });

  it('names the listed folder in the field once the reviewer leaves it untouched', async () => {
    await page.getByRole('button', { name: 'Up one folder' }).click();
    const field = page.getByLabel('Folder path');
    await expect.poll(() => field.inputValue()).toBe(temp);
    // In the field, nothing typed, and a listing lands (the folder list's own button): left alone while
    // the reviewer is in it, then named as they leave.
    await field.click();
    await page.getByRole('button', { name: 'calls', exact: true }).dispatchEvent('click');
    await page.getByLabel('Choose call_000.wav').waitFor();
    expect(await field.inputValue()).toBe(temp);
    await page.getByRole('button', { name: 'Go', exact: true }).focus();
    expect(await field.inputValue()).toBe(folder);
  });
});

// The first settings answer can come late on a busy machine (it did in CI): it must neither list the
// start folder again over the folder the reviewer went to, nor undo settings saved meanwhile.
describe('settings that answer late', () => {
  let app: AppUnderTest;
  let page: Page;
  let releaseSettings: () => void = () => undefined;
  beforeAll(async () => {
    app = await startApp(join(temp, 'late-settings.sqlite'), { analyse: syntheticAnalyse() });
    page = await newPage(browser);
    const held = new Promise<void>((resolve) => { releaseSettings = resolve; });
    // Answered by the server at once, handed to the page only when released.
    await page.route('**/rpc/settings.get', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  it('keeps the folder the reviewer went to when the answer lands', async () => {
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByLabel('Folder path').fill(folder);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByLabel('Choose call_000.wav').waitFor();
    const answered = page.waitForResponse('**/rpc/settings.get');
    releaseSettings();
    await answered;
    // A render later the dialog still lists the folder, and its path field still names it.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
    expect(await page.getByLabel('Folder path').inputValue()).toBe(folder);
    expect(await page.getByRole('button', { name: 'Analyse 2 calls' }).isEnabled()).toBe(true);
  });

  it('keeps settings saved while the first answer was on its way', async () => {
    const second = await newPage(browser);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await second.route('**/rpc/settings.get', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    try {
      await second.goto(app.server.url);
      await second.getByRole('button', { name: 'Settings' }).click();
      await second.getByLabel('Reviewer name').fill('Late Larry');
      await second.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => second.getByText('Reviewer: Late Larry').count()).toBe(1);
      // The held answer was asked before the save, so it carries the old (empty) name.
      const answered = second.waitForResponse('**/rpc/settings.get');
      release();
      await answered;
      await second.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
      expect(await second.getByText('Reviewer: Late Larry').count()).toBe(1);
    } finally {
      await second.close();
    }
  });
});
