import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, callsDir, ensureRendererBuilt, resultsDir, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { longCallWav } from './helpers/long-call';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// The spectrogram lanes: toggled by key and button, drawn from the services for the visible range
// only, aligned with the waveform at every zoom and scroll, never under the Regions panel.
const temp = mkdtempSync(join(tmpdir(), 'emoqa-spectrogram-'));
let app: AppUnderTest;
let browser: Browser;
let callId = '';
let duration = 0;
let longId = '';

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'spectrogram.sqlite'), { analyse: syntheticAnalyse() });
  // A 15-minute call too: longer than one spectrogram request may cover.
  const { jobId } = await app.services.handlers['analysis.start']!({ paths: [join(callsDir, 'call_000.wav'), longCallWav(900)] });
  await app.services.waitForJob(jobId);
  const calls = await app.services.handlers['recordings.list']!({});
  const call = calls.find((row) => row.fileName === 'call_000.wav')!;
  callId = call.id;
  duration = call.durationS!;
  longId = calls.find((row) => row.fileName !== 'call_000.wav')!.id;
  browser = await launchChromium();
  mkdirSync(resultsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** The lane's state, the range it drew and the range the waveform shows now. */
function laneState(page: Page, role: string) {
  return page.evaluate(([testId]) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${testId}"]`);
    const overlay = document.querySelector<HTMLCanvasElement>('[data-testid="lanes-overlay"]')!;
    const start = Number(overlay.dataset.viewStart);
    const end = start + overlay.getBoundingClientRect().width / Number(overlay.dataset.pxPerSec);
    return { state: canvas?.dataset.state ?? null, range: canvas?.dataset.range ?? '', requests: Number(canvas?.dataset.requests ?? 0), view: { start, end } };
  }, [`spectrogram-${role}`]);
}

/** Distinct colours drawn (a blank or one-colour canvas has at most a few). */
function colours(page: Page, role: string): Promise<number> {
  return page.getByTestId(`spectrogram-${role}`).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

/** Drawn for exactly what the waveform shows (within one column's worth either end). */
async function drawnForView(page: Page, role: string): Promise<true | string> {
  const { state, range, view } = await laneState(page, role);
  const [from, to] = range.split('-').map(Number);
  const end = Math.min(duration, view.end);
  const slack = (end - view.start) / 500;
  return state === 'drawn' && Math.abs(from - Math.max(0, view.start)) <= slack && Math.abs(to - end) <= slack ? true : `${state} ${range} for view ${view.start}-${end}`;
}

/** Lanes and spectrogram share their x extent, and end before the Regions panel. */
async function aligned(page: Page): Promise<true | string> {
  const overlay = await box(page, '[data-testid="lanes-overlay"]');
  const list = await box(page, '.region-list');
  for (const role of ['agent', 'customer']) {
    const lane = await box(page, `[data-testid="spectrogram-${role}"]`);
    if (Math.abs(lane.x - overlay.x) > 1 || Math.abs(lane.width - overlay.width) > 1) return `${role} at ${lane.x}+${lane.width}, lanes at ${overlay.x}+${overlay.width}`;
    if (lane.x + lane.width > list.x + 0.5) return `${role} runs under the Regions panel`;
  }
  return true;
}

describe.each([1024, 1440])('spectrogram lanes at %i px', (width) => {
  let page: Page;
  const toggle = () => page.getByRole('button', { name: /Spectrogram/ });
  beforeAll(async () => {
    page = await newPage(browser, { viewport: { width, height: 900 } });
    await page.goto(`${app.server.url}#/call/${callId}`);
    await page.locator('[data-drawn="true"]').waitFor();
  });
  afterAll(async () => page?.close());

  it('turns on with V, drawn per party for the visible range, aligned with the lanes', async () => {
    expect(await page.getByTestId('spectrogram').count()).toBe(0);
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('v');
    await page.getByTestId('spectrogram').waitFor();
    expect(await toggle().getAttribute('aria-pressed')).toBe('true');
    for (const role of ['agent', 'customer']) {
      await expect.poll(() => drawnForView(page, role)).toBe(true);
      expect(await colours(page, role)).toBeGreaterThan(20);
    }
    await expect.poll(() => aligned(page)).toBe(true);
    await page.screenshot({ path: join(resultsDir, `spectrogram-${width}.png`) });
    // The frequency axis of a telephone call, and the shortcut in the help.
    expect(await page.getByRole('list', { name: 'Spectrogram lanes, 0 to 4 kHz' }).textContent()).toMatch(/4k3k2k1k0/);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).textContent()).toContain('Show / hide the spectrogram lanes');
    await page.keyboard.press('Escape');
  });

  it('follows zoom and scroll: the range asked for is the one on screen', async () => {
    const before = await laneState(page, 'agent');
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('+');
    await expect.poll(async () => (await laneState(page, 'agent')).range).not.toBe(before.range);
    await expect.poll(() => drawnForView(page, 'agent')).toBe(true);
    await expect.poll(() => drawnForView(page, 'customer')).toBe(true);
    const zoomed = await laneState(page, 'agent');
    expect(zoomed.requests).toBeGreaterThan(before.requests);
    const [from, to] = zoomed.range.split('-').map(Number);
    expect(to - from).toBeLessThan(duration / 5);
    await expect.poll(() => aligned(page)).toBe(true);
    await page.screenshot({ path: join(resultsDir, `spectrogram-${width}-zoomed.png`) });
    // Scroll along the call with the wheel: a later range, drawn again.
    const overlay = await box(page, '[data-testid="lanes-overlay"]');
    await page.mouse.move(overlay.x + overlay.width / 2, overlay.y + overlay.height / 2);
    await page.mouse.wheel(0, 600);
    await expect.poll(async () => Number((await laneState(page, 'agent')).range.split('-')[0])).toBeGreaterThan(from + 0.5);
    await expect.poll(() => drawnForView(page, 'agent')).toBe(true);
    expect(await colours(page, 'agent')).toBeGreaterThan(10);
    await page.keyboard.press('0');
    await expect.poll(() => drawnForView(page, 'agent')).toBe(true);
  });

  it('turns off and on with the button, and off with V', async () => {
    await toggle().click();
    await expect.poll(() => page.getByTestId('spectrogram').count()).toBe(0);
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    await toggle().click();
    await expect.poll(() => drawnForView(page, 'customer')).toBe(true);
    // Focus on the button does not swallow the key.
    await page.keyboard.press('v');
    await expect.poll(() => page.getByTestId('spectrogram').count()).toBe(0);
  });
});

describe('spectrogram lanes reflow', () => {
  it('follow the window from 1440 to 1024 px and back without a reload', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${app.server.url}#/call/${callId}`);
    await page.locator('[data-drawn="true"]').waitFor();
    await page.keyboard.press('v');
    await expect.poll(() => drawnForView(page, 'agent')).toBe(true);
    const wide = (await box(page, '[data-testid="spectrogram-agent"]')).width;
    await page.setViewportSize({ width: 1024, height: 800 });
    await expect.poll(() => aligned(page)).toBe(true);
    expect((await box(page, '[data-testid="spectrogram-agent"]')).width).toBeLessThan(wide - 300);
    await expect.poll(() => drawnForView(page, 'agent')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => aligned(page)).toBe(true);
    await page.close();
  });
});

describe('spectrogram lanes on a call longer than one request', () => {
  it('say to zoom in while the whole 15 minutes show, and draw once zoomed in', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${app.server.url}#/call/${longId}`);
    await page.locator('[data-drawn="true"]').waitFor();
    await page.keyboard.press('v');
    await expect.poll(async () => (await laneState(page, 'agent')).state).toBe('too-long');
    expect((await laneState(page, 'agent')).requests).toBe(0);
    expect(await colours(page, 'agent')).toBeGreaterThan(1);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('+');
    await expect.poll(async () => (await laneState(page, 'agent')).state).toBe('drawn');
    const [from, to] = (await laneState(page, 'agent')).range.split('-').map(Number);
    expect(to - from).toBeLessThanOrEqual(600);
    await page.close();
  });
});
