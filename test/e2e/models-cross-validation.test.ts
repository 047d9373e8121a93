import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../electron/shared/domain';
import { writeStubModel } from '../unit/electron/services/analysis/stub-model';
import { ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';

// The shipped model's cross-validation as the Models page shows it, from a fixture metadata.json
// in the shape the training writes: metrics[condition].confusion, a 7×7 count matrix, rows the true
// class and columns the predicted one, both in the order of metadata.classes.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-models-cv-'));
let app: AppUnderTest;
let browser: Browser;
const matrix = (hits: number) => EMOTIONS.map((_, i) => EMOTIONS.map((__, j) => (i === j ? hits : 2)));

beforeAll(async () => {
  ensureRendererBuilt();
  const dir = await writeStubModel(join(temp, 'model'));
  const file = join(dir, 'metadata.json');
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, unknown> };
  metadata.metrics = {
    'speaker-cv/ravdess/telephone': { n: 7 * (30 + 12), accuracy: 30 / 42, macroF1: 0.7, recall: {}, confusion: matrix(30) },
    'speaker-cv/tess/wideband': { n: 7 * (20 + 12), accuracy: 20 / 32, macroF1: 0.6, recall: {}, confusion: matrix(20) },
    // A condition without a matrix is left out, not shown as empty.
    'speaker-cv/tess/telephone': { n: 10, accuracy: 0.5, macroF1: 0.5, recall: {} },
  };
  writeFileSync(file, JSON.stringify(metadata));
  app = await startApp(join(temp, 'cv.sqlite'), { modelDir: dir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe.each([1024, 1440])('the shipped model’s confusion matrices at %i px', (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage(browser, { viewport: { width, height: 900 } });
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Models', exact: true }).click();
  });
  afterAll(async () => page?.close());

  it('shows one matrix per condition that recorded one, first open, counts in class order', async () => {
    const first = page.getByRole('table', { name: 'Confusion matrix of stub-0 (speaker-cv/ravdess/telephone)' });
    await first.waitFor();
    expect(await first.getByRole('row').count()).toBe(1 + EMOTIONS.length);
    expect(await page.getByTestId('confusion-missing').count()).toBe(0);
    const summaries = await page.locator('.cv-matrices summary').allTextContents();
    expect(summaries).toEqual([expect.stringMatching(/^RAVDESS voices unseen in training, telephone band: 71\.4% of 294/), expect.stringMatching(/^TESS voices unseen in training, wideband: 62\.5% of 224/)]);
    // The diagonal holds the hits of each true class (row header, then the cells in class order).
    const angry = first.getByRole('row').nth(1);
    expect((await angry.locator('td').first().textContent()) ?? '').toMatch(/30/);
    await page.locator('.cv-matrices summary').nth(1).click();
    await page.getByRole('table', { name: 'Confusion matrix of stub-0 (speaker-cv/tess/wideband)' }).waitFor();
    // Nothing spills sideways at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
