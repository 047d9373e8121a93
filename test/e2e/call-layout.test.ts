import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// The call view and the library follow the window live, from 1024 px up.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-layout-'));
let app: AppUnderTest;
let browser: Browser;
let callId = '';

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'layout.sqlite'), { analyse: syntheticAnalyse() });
  const { jobId } = await app.services.handlers['analysis.start']!({ paths: ['call_000.wav', 'call_001.wav', 'call_002.wav'].map((name) => join(callsDir, name)) });
  await app.services.waitForJob(jobId);
  callId = (await app.services.handlers['recordings.list']!({})).find((call) => call.fileName === 'call_000.wav')!.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** The lanes end before the Regions panel starts and fill the space they have. */
async function lanesFit(page: Page): Promise<boolean> {
  const overlay = await box(page, '[data-testid="lanes-overlay"]');
  const lanes = await box(page, '.lanes');
  const list = await box(page, '.region-list');
  return overlay.x + overlay.width <= list.x + 0.5 && Math.abs(overlay.width - lanes.width) <= 2;
}

describe('live reflow of the call view', () => {
  it('shrinks from 1440 to 1024 px and grows back without a reload', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${app.server.url}#/call/${callId}`);
    await page.locator('[data-drawn="true"]').waitFor();
    await expect.poll(() => lanesFit(page)).toBe(true);
    const wide = (await box(page, '[data-testid="lanes-overlay"]')).width;
    await page.setViewportSize({ width: 1024, height: 800 });
    await expect.poll(() => lanesFit(page)).toBe(true);
    const narrow = (await box(page, '[data-testid="lanes-overlay"]')).width;
    expect(narrow).toBeLessThan(wide - 300);
    // The ruler and the emotion overview follow too; nothing scrolls sideways.
    expect((await box(page, '.ruler')).width).toBeCloseTo(narrow, -1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(async () => (await box(page, '[data-testid="lanes-overlay"]')).width).toBeCloseTo(wide, -1);
    await page.close();
  });

  for (const width of [1024, 1440]) {
    it(`centres a region jumped to when zoomed in (${width} px)`, async () => {
      const page = await newPage(browser, { viewport: { width, height: 900 } });
      await page.goto(`${app.server.url}#/call/${callId}`);
      await page.locator('[data-drawn="true"]').waitFor();
      for (let i = 0; i < 5; i += 1) await page.keyboard.press('+');
      const overlay = await box(page, '[data-testid="lanes-overlay"]');
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('.');
        await expect.poll(() => page.locator('.region-summary').count()).toBe(1);
        const summary = (await page.locator('.region-summary').textContent())!;
        const [, m, sec] = /(\d+):(\d+\.\d)–/.exec(summary)!;
        const start = Number(m) * 60 + Number(sec);
        // Where the region starts on screen, from the view the lanes were last drawn with.
        await expect.poll(async () => {
          const view = await page.getByTestId('lanes-overlay').evaluate((el) => ({ start: Number((el as HTMLElement).dataset.viewStart), pxPerSec: Number((el as HTMLElement).dataset.pxPerSec) }));
          const x = (start - view.start) * view.pxPerSec;
          // Near the call's start the view cannot scroll further left: there, in view is enough.
          return (x > overlay.width * 0.1 || view.start < 0.01) && x < overlay.width * 0.75 ? true : `x ${x.toFixed(0)} of ${overlay.width}, view from ${view.start}`;
        }).toBe(true);
      }
      await page.close();
    });
  }
});
