import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { callsDir, repoRoot, resultsDir, type AppUnderTest } from './app-under-test';

const REVIEWER = 'Rita Reviewer';

/** Picks the first analysed call with an angry region on some party (the model decides which). */
async function callWithAngryRegion(app: AppUnderTest): Promise<string> {
  const { handlers } = app.services;
  for (const recording of await handlers['recordings.list']!({})) {
    // The flow checks an agent and a customer lane: a stereo call, whichever order the list has.
    if (recording.status !== 'done' || recording.channels !== 2 || recording.downmixed) continue;
    const regions = await handlers['recordings.regions']!({ id: recording.id });
    if (regions.predictions.some((region) => region.emotion === 'angry')) return recording.fileName;
  }
  throw new Error('no analysed stereo call has an angry region');
}

function shot(name: string): string {
  mkdirSync(resultsDir, { recursive: true });
  return join(resultsDir, name);
}

/**
 * The reviewer's whole day in one pass, through the real renderer in Chromium: open the shared calls
 * folder, wait for analysis, open a call, jump to an angry region, relabel, undo/redo, reload, mark
 * reviewed, export and read the CSVs back.
 */
export async function runReviewFlow(page: Page, app: AppUnderTest, options: { analysisTimeoutMs: number; screenshots: boolean }): Promise<void> {
  await page.goto(app.server.url);
  await expect.poll(() => page.getByRole('table', { name: 'Calls' }).count()).toBe(1);

  // Reviewer name first: reviews are signed with it.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Reviewer name').fill(REVIEWER);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(() => page.getByText(`Reviewer: ${REVIEWER}`).count()).toBe(1);

  // Open the folder through the in-browser folder field, and analyse it.
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await page.getByLabel('Folder path').fill(callsDir);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await page.getByRole('button', { name: /^Analyse \d+ calls?$/ }).click();
  await page.getByRole('region', { name: 'Analysis progress' }).waitFor();
  await page.getByText('Analysis finished').waitFor({ timeout: options.analysisTimeoutMs });
  // The library refetches on recordings.changed, which may land after the job's last progress event.
  const doneRows = page.getByRole('row').filter({ hasText: 'Done' });
  await expect.poll(() => doneRows.count()).toBeGreaterThanOrEqual(3);

  // Open a call with an angry region; both parties' lanes and regions are drawn.
  const fileName = await callWithAngryRegion(app);
  await page.getByRole('link', { name: fileName, exact: true }).click();
  await page.locator('[data-drawn="true"]').waitFor({ timeout: 10_000 });
  for (const party of ['Agent', 'Customer']) {
    await expect.poll(() => page.getByTestId(`lane-${party.toLowerCase()}`).count()).toBe(1);
    expect(await page.getByRole('button', { name: new RegExp(`^${party} `) }).count()).toBeGreaterThan(0);
  }

  // Scrub to the next angry region and relabel it with a key.
  await page.getByRole('button', { name: /^Angry/ }).click();
  await page.keyboard.press(']');
  await expect.poll(() => page.getByTestId('model-label').textContent()).toMatch(/Model: angry/);
  await expect.poll(() => page.getByTestId('human-label').textContent()).toBe('Reviewer: not corrected');
  await page.keyboard.press('6');
  await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: sad/);

  // Undo and redo travel through the contract too.
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.getByTestId('human-label').textContent()).toBe('Reviewer: not corrected');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: sad/);

  // A reload finds the correction kept, beside the model's label.
  await page.reload();
  await page.locator('[data-drawn="true"]').waitFor({ timeout: 10_000 });
  const corrected = page.getByRole('button', { name: /sad \(corrected, model said angry/ });
  await expect.poll(() => corrected.count()).toBe(1);
  await corrected.click();
  await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: sad/);

  await page.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect.poll(() => page.getByRole('button', { name: `✓ Reviewed by ${REVIEWER}` }).count()).toBe(1);
  // The spectrogram lanes (V) for the view on screen, in the README's picture of the call view.
  await page.keyboard.press('v');
  for (const party of ['agent', 'customer']) await expect.poll(() => page.getByTestId(`spectrogram-${party}`).getAttribute('data-state')).toBe('drawn');
  if (options.screenshots) await page.screenshot({ path: shot('call-view.png') });
  await page.keyboard.press('v');

  // Export and read the two CSVs back.
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('row').filter({ hasText: REVIEWER }).waitFor();
  if (options.screenshots) await page.screenshot({ path: shot('library.png') });
  await page.getByRole('button', { name: 'Export report…' }).click();
  await page.getByRole('radio', { name: /^All calls/ }).check();
  const downloads: string[] = [];
  page.on('download', (download) => void download.path().then((path) => path && downloads.push(readFileSync(path, 'utf8'))));
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(2);
  const tables = downloads.map((text) => parse(text, { columns: true, bom: true }) as Array<Record<string, string>>);
  const calls = tables.find((rows) => 'duration_s' in rows[0])!;
  const segments = tables.find((rows) => 'corrected_emotion' in rows[0])!;
  expect(calls.find((row) => row.file === fileName)).toMatchObject({ reviewed: 'yes', reviewer: REVIEWER, corrections: '1' });
  expect(segments.filter((row) => row.file === fileName && row.predicted_emotion === 'angry' && row.corrected_emotion === 'sad')).toHaveLength(1);

  // Artifacts always land in test-results/; the README's copies change only when asked for.
  if (options.screenshots && process.env.EMOQA_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(repoRoot, 'docs/screenshots'), { recursive: true });
    for (const name of ['library.png', 'call-view.png']) copyFileSync(shot(name), join(repoRoot, 'docs/screenshots', name));
  }
}
