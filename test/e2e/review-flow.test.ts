import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { describeNeeding, itNeeding, needs } from '../helpers/requirements';
import { ensureRendererBuilt, launchChromium, startApp, type AppUnderTest } from './helpers/app-under-test';
import { runReviewFlow } from './helpers/review-flow';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

const model = needs.model();

let browser: Browser;
const temp = mkdtempSync(join(tmpdir(), 'emoqa-e2e-'));

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(temp, { recursive: true, force: true });
});

async function withApp(name: string, extra: Parameters<typeof startApp>[1], body: (app: AppUnderTest) => Promise<void>): Promise<void> {
  const app = await startApp(join(temp, `${name}.sqlite`), extra);
  try {
    await body(app);
  } finally {
    await app.close();
  }
}

describeNeeding([needs.calls()], 'reviewer flow in Chromium over browser mode', () => {
  itNeeding([model], 'with the real services and the shipped model', async () => {
    await withApp('real', {}, async (app) => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      await runReviewFlow(page, app, { analysisTimeoutMs: 600_000, screenshots: true });
    });
  }, 900_000);

  // The same UI flow where the classifier is not the point: real services and database, a synthetic
  // analyser that reads the WAV peaks and each call's ground-truth sidecar.
  it('with the real services and a synthetic analyser', async () => {
    await withApp('synthetic', { analyse: syntheticAnalyse() }, async (app) => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      await runReviewFlow(page, app, { analysisTimeoutMs: 60_000, screenshots: !model.ok });
    });
  }, 300_000);
});
