/**
 * The Agents page and the call scorecard in Chromium over browser mode, against the real services
 * and a real database: calls of two agents over three weeks (stored through the real results
 * writer, so the measures cache is the product's), metadata from a CSV, notes through the contract.
 * Also `emoqa scorecard` writing a PDF with the same page.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMetadata } from '../../electron/services/calls/call-metadata';
import { libraryDb } from '../../electron/db/library-database';
import { fakeResult, region, seedRecording } from '../unit/electron/services/store-helpers';
import { ensureRendererBuilt, launchChromium, newPage, repoRoot, resultsDir, startApp, type AppUnderTest } from './helpers/app-under-test';

const temp = mkdtempSync(join(tmpdir(), 'emoqa-agents-'));
const dbPath = join(temp, 'agents.sqlite');
let app: AppUnderTest;
let browser: Browser;
let page: Page;
let angryCall = '';
let monoCall = '';

/** An angry customer (8–20 s) the agent answers calmly, ending calm; or one the agent answers angrily, ending angry. */
function call(deescalates: boolean) {
  const agent = [region(0, 8, 'neutral'), region(10, 25, deescalates ? 'neutral' : 'angry'), region(40, 50, 'happy')];
  const customer = [region(8, 20, 'angry'), region(26, 38, 'neutral'), region(50, 60, deescalates ? 'happy' : 'angry')];
  return fakeResult(60, [agent, customer]);
}

function shot(name: string): string {
  mkdirSync(resultsDir, { recursive: true });
  return join(resultsDir, name);
}

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(dbPath);
  const plan = [
    ['alice-1.wav', true, '2025-03-03T09:00:00Z'], ['alice-2.wav', true, '2025-03-11T09:00:00Z'], ['alice-3.wav', false, '2025-03-18T09:00:00Z'],
    ['bob-1.wav', false, '2025-03-04T09:00:00Z'], ['bob-2.wav', false, '2025-03-12T09:00:00Z'], ['bob-3.wav', true, '2025-03-19T09:00:00Z'],
  ] as const;
  const ids: string[] = [];
  for (const [name, calm] of plan) ids.push(await seedRecording(app.services.db, call(calm), name));
  angryCall = ids[3];
  // A mono call separated into two parties (the analysis with "separate mono calls" on stores this shape).
  monoCall = await seedRecording(app.services.db, { ...call(true), sourceChannels: 1 }, 'mono-separated.mp3');
  const csv = ['file,agent,team,started_at', ...plan.map(([name, , at]) => `${name},${name.startsWith('alice') ? 'Alice' : 'Bob'},${name.startsWith('alice') ? 'North' : 'South'},${at}`)].join('\n');
  expect(await importMetadata(libraryDb(app.services.db), csv)).toMatchObject({ matched: 6 });
  await app.services.handlers['review.set']!({ recordingId: ids[0], reviewed: true });
  await app.services.handlers['notes.setCall']!({ recordingId: angryCall, text: 'Answered anger with anger; coach on acknowledging first.' });
  await app.services.handlers['notes.setRegion']!({ recordingId: angryCall, channel: 0, start: 10, end: 25, text: 'Raised voice here' });
  browser = await launchChromium();
  page = await newPage(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('Agents page', () => {
  it('lists one row per agent, sorts, charts a measure over weeks and opens the agent\'s calls', async () => {
    await page.goto(`${app.server.url}#/agents`);
    const table = page.getByRole('table', { name: 'Agents table' });
    await table.waitFor();
    const firstCells = async () => (await table.locator('tbody tr').allTextContents()).map((t) => t.slice(0, 5));
    expect(await firstCells()).toEqual(['Alice', 'BobSo']);
    const alice = table.locator('tbody tr').first();
    expect(await alice.locator('[data-column="calls"]').textContent()).toBe('3');
    expect(await alice.locator('[data-column="deescalationRate"]').textContent()).toBe('67%');
    expect(await alice.locator('[data-column="reviewedShare"]').textContent()).toBe('33%');

    await page.getByRole('button', { name: 'Sort agents by De-escalation rate' }).click();
    expect(await firstCells()).toEqual(['Alice', 'BobSo']);
    await page.getByRole('button', { name: 'Sort agents by De-escalation rate' }).click();
    expect(await firstCells()).toEqual(['BobSo', 'Alice']);

    // recharts draws one line per agent, one point per week.
    const chart = page.getByTestId('agents-chart');
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(2);
    await page.getByLabel('Measure to chart').selectOption('deescalationRate');
    await expect.poll(() => chart.locator('.recharts-line-dot').count()).toBe(6);
    const ticks = await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks.filter((t) => /^\d{4}-/.test(t))).toEqual(['2025-03-03', '2025-03-10', '2025-03-17']);
    await page.screenshot({ path: shot('agents.png') });

    await page.getByRole('button', { name: 'Calls of Bob' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Calls' }).locator('.table-body .table-row').count()).toBe(3);
    expect(await page.getByLabel('Agent filter').inputValue()).toBe('Bob');
    expect(await page.getByRole('table', { name: 'Calls' }).locator('.table-body .cell-staff').first().textContent()).toContain('South');
    await page.getByLabel('De-escalation filter').selectOption('no');
    await expect.poll(() => page.getByRole('table', { name: 'Calls' }).locator('.table-body .table-row').count()).toBe(2);
  });
});

describe('a mono call separated into agent and customer', () => {
  it('shows two lanes, marked as separated from mono', async () => {
    await page.goto(`${app.server.url}#/call/${monoCall}`);
    await page.getByTestId('separated-from-mono').waitFor();
    expect(await page.getByTestId('separated-from-mono').textContent()).toBe('Agent and customer separated from mono');
    expect(await page.getByRole('list', { name: 'Parties' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Agent'), expect.stringContaining('Customer')]);
    await page.goto(`${app.server.url}#/call/${angryCall}`);
    await page.getByRole('list', { name: 'Parties' }).waitFor();
    expect(await page.getByTestId('separated-from-mono').count()).toBe(0);
  });
});

describe('call scorecard', () => {
  it('shows both parties, the episode and the response, the notes, and prints', async () => {
    await page.goto(`${app.server.url}#/scorecard/${angryCall}`);
    // The browser's print dialog cannot be driven headless: count the calls instead.
    await page.evaluate(() => {
      window.print = () => {
        const w = window as unknown as { __printed?: number };
        w.__printed = (w.__printed ?? 0) + 1;
      };
    });
    const card = page.locator('[data-scorecard-ready="true"]');
    await card.waitFor();
    expect(await page.getByTestId('scorecard-agent').textContent()).toBe('Bob');
    expect(await card.getByRole('img', { name: /emotions over the call/ }).count()).toBe(2);
    const episodes = await card.locator('.scorecard-table tbody tr').allTextContents();
    expect(episodes).toHaveLength(2);
    expect(episodes[0]).toContain('0:08–0:20');
    expect(episodes[0]).toContain('100%'); // the agent spoke 15 s in 8–38 s, all angry
    expect(await page.getByTestId('scorecard-call-note').textContent()).toContain('coach on acknowledging');
    expect(await card.textContent()).toContain('Raised voice here');
    await page.getByRole('button', { name: 'Print…' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed?: number }).__printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    await page.screenshot({ path: shot('scorecard.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    if (process.env.EMOQA_UPDATE_SCREENSHOTS === '1') {
      for (const name of ['agents.png', 'scorecard.png']) copyFileSync(shot(name), join(repoRoot, 'docs/screenshots', name));
    }
  });

  it('is exported as PDF from the CLI (emoqa scorecard)', () => {
    const out = join(temp, 'card.pdf');
    execFileSync(process.execPath, [join(repoRoot, 'bin/emoqa.mjs'), 'scorecard', angryCall, '--out', out, '--db', dbPath], { cwd: repoRoot, stdio: 'pipe', timeout: 90_000 });
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    writeFileSync(shot('scorecard.pdf'), pdf);
  }, 120_000);
});
