import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictedRegion } from '../../electron/shared/domain';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// What a reviewer makes must come back out: agreement apart from correction, "not speech", split
// halves with their own bounds in the segments CSV. At the narrowest supported window and a wide one.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-review-labels-'));
let app: AppUnderTest;
let browser: Browser;
const calls: Array<{ id: string; duration: number; agent: PredictedRegion[] }> = [];

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'labels.sqlite'), { analyse: syntheticAnalyse() });
  const { jobId } = await app.services.handlers['analysis.start']!({ paths: ['call_000.wav', 'call_001.wav'].map((name) => join(callsDir, name)) });
  await app.services.waitForJob(jobId);
  for (const call of (await app.services.handlers['recordings.list']!({})).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const agent = (await app.services.handlers['recordings.regions']!({ id: call.id })).predictions.filter((r) => r.channel === 0).sort((a, b) => a.start - b.start);
    calls.push({ id: call.id, duration: call.durationS!, agent });
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

function segmentsOf(csv: string, recordingId: string): Array<Record<string, string>> {
  return (parse(csv, { columns: true, bom: true }) as Array<Record<string, string>>).filter((row) => row.recording_id === recordingId);
}

describe.each([
  { width: 1024, call: 0 },
  { width: 1440, call: 1 },
])('reviewer labels at $width px', ({ width, call: index }) => {
  let page: Page;
  const call = () => calls[index];
  const status = () => page.getByTestId('edit-status').textContent();
  /** Page coordinates of a time on the agent lane, with the whole call in view. */
  async function at(time: number): Promise<{ x: number; y: number }> {
    const box = (await page.getByTestId('lanes-overlay').boundingBox())!;
    return { x: box.x + (time / call().duration) * box.width, y: box.y + 60 };
  }
  async function clickRegion(region: PredictedRegion, share = 0.5): Promise<void> {
    const point = await at(region.start + (region.end - region.start) * share);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.getByTestId('model-label').textContent()).toContain(`Model: ${region.emotion}`);
  }

  beforeAll(async () => {
    page = await newPage(browser, { viewport: { width, height: 900 } });
    await page.goto(`${app.server.url}#/call/${call().id}`);
    await page.locator('[data-drawn="true"]').waitFor();
  });
  afterAll(async () => page?.close());

  it('stores pressing the model’s own label as agreement, not a correction', async () => {
    const region = call().agent[2];
    await clickRegion(region);
    await page.keyboard.press(String(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprised'].indexOf(region.emotion) + 1));
    await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(new RegExp(`^Reviewer: ${region.emotion}, agrees`));
    await expect.poll(() => page.getByTestId('call-counts').textContent()).toMatch(/0 corrections · 1 agreement$/);
    expect(await page.getByRole('button', { name: new RegExp(`${region.emotion} \\(agreed, model said ${region.emotion}`) }).count()).toBe(1);
  });

  it('marks a false positive "not speech" (key 8), and the region panel offers it as a button', async () => {
    const region = call().agent[4];
    await clickRegion(region);
    await page.keyboard.press('8');
    await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: not speech/);
    await clickRegion(call().agent[6]);
    await page.getByRole('button', { name: 'Relabel as unsure' }).click();
    await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: unsure/);
    await expect.poll(() => page.getByTestId('call-counts').textContent()).toMatch(/2 corrections · 1 agreement$/);
    // The marks get their own scrub chips once the call has them.
    expect(await page.getByRole('button', { name: /^Not speech 1$/ }).count()).toBe(1);
  });

  it('exports both halves of a split region with their own corrected bounds', async () => {
    const region = call().agent[8];
    await clickRegion(region, 0.45);
    await page.keyboard.press('s');
    await expect.poll(status).toBe('Split region: saved.');
    const { segmentsCsv, callsCsv } = await app.services.handlers['export.report']!({ recordingIds: [call().id] });
    const rows = segmentsOf(segmentsCsv, call().id).filter((row) => Number(row.start_s) === Number(region.start.toFixed(3)));
    expect(rows).toHaveLength(2);
    const [left, right] = rows;
    expect(left.corrected_start_s).toBe(region.start.toFixed(3));
    expect(left.corrected_end_s).toBe(right.corrected_start_s);
    expect(right.corrected_end_s).toBe(region.end.toFixed(3));
    expect(Number(left.corrected_end_s)).toBeGreaterThan(region.start);
    expect(Number(left.corrected_end_s)).toBeLessThan(region.end);
    const reviewed = segmentsOf(segmentsCsv, call().id).filter((row) => row.review).map((row) => `${row.corrected_emotion}:${row.review}`);
    expect(reviewed).toEqual(expect.arrayContaining([`${call().agent[2].emotion}:agreement`, 'not_speech:correction', 'unsure:correction']));
    expect(parse(callsCsv, { columns: true, bom: true })[0]).toMatchObject({ corrections: '4', agreements: '1' });
  });

  it('counts corrections and agreements apart in the library and on the Models page', async () => {
    await page.goto(`${app.server.url}#/`);
    const cell = page.getByRole('row').filter({ hasText: index === 0 ? 'call_000.wav' : 'call_001.wav' }).locator('.cell-corrections');
    await expect.poll(() => cell.textContent()).toBe('4 · ✓1');
    expect(await cell.locator('[title]').getAttribute('title')).toBe('4 corrections, 1 agreement');
    await page.goto(`${app.server.url}#/models`);
    await expect.poll(() => page.getByTestId('retrain-counts').textContent()).toMatch(/agreements? on \d calls?$/);
  });
});
