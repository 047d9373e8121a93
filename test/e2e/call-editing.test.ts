import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictedRegion } from '../../electron/shared/domain';
import { callsDir, ensureRendererBuilt, launchChromium, newPage, startApp, type AppUnderTest } from './helpers/app-under-test';
import { syntheticAnalyse } from './helpers/synthetic-analysis';

// Every editing gesture of the call view, on one call analysed synthetically (the UI is the subject).
const temp = mkdtempSync(join(tmpdir(), 'emoqa-edit-'));
let app: AppUnderTest;
let browser: Browser;
let page: Page;
let duration = 0;
let agent: PredictedRegion[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  app = await startApp(join(temp, 'edit.sqlite'), { analyse: syntheticAnalyse() });
  const { jobId } = await app.services.handlers['analysis.start']!({ paths: [join(callsDir, 'call_000.wav')] });
  await app.services.waitForJob(jobId);
  const [call] = await app.services.handlers['recordings.list']!({});
  duration = call.durationS!;
  agent = (await app.services.handlers['recordings.regions']!({ id: call.id })).predictions.filter((r) => r.channel === 0).sort((a, b) => a.start - b.start);
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(`${app.server.url}#/call/${call.id}`);
  await page.locator('[data-drawn="true"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Page coordinates of a time on the agent lane, with the whole call in view (fit zoom). */
async function at(time: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('lanes-overlay').boundingBox())!;
  return { x: box.x + (time / duration) * box.width, y: box.y + 60 };
}

const status = () => page.getByTestId('edit-status').textContent();
const regionCount = async () => Number((await page.locator('.region-list h3 .muted').textContent())!.replace(/\D/g, ''));

describe('editing a call', () => {
  it('selects by click, splits at the playhead, merges back, and undoes both', async () => {
    const total = await regionCount();
    const region = agent[3];
    const inside = await at(region.start + (region.end - region.start) * 0.45);
    await page.mouse.click(inside.x, inside.y);
    await expect.poll(() => page.getByTestId('model-label').textContent()).toContain(region.emotion);
    await page.keyboard.press('s');
    await expect.poll(status).toBe('Split region: saved.');
    expect(await regionCount()).toBe(total + 1);
    await page.keyboard.press('m');
    await expect.poll(status).toBe('Merge with next region: saved.');
    expect(await regionCount()).toBe(total);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(regionCount).toBe(total + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(regionCount).toBe(total);
    await expect.poll(() => page.getByTestId('human-label').textContent()).toBe('Reviewer: not corrected');
  });

  it('drags a selected edge, draws a region on empty waveform and deletes it', async () => {
    const region = agent[5];
    const middle = await at((region.start + region.end) / 2);
    await page.mouse.click(middle.x, middle.y);
    const edge = await at(region.end);
    await page.mouse.move(edge.x - 1, edge.y);
    await page.mouse.down();
    await page.mouse.move(edge.x + 15, edge.y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(status).toBe('Move region edges: saved.');
    expect(await page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: /);

    // The widest gap between two agent regions is empty waveform.
    let gap = { start: 0, end: 0 };
    for (let i = 1; i < agent.length; i += 1) if (agent[i].start - agent[i - 1].end > gap.end - gap.start) gap = { start: agent[i - 1].end, end: agent[i].start };
    const total = await regionCount();
    const from = await at(gap.start + 0.3);
    const to = await at(gap.end - 0.3);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(status).toBe('Draw region: saved.');
    expect(await regionCount()).toBe(total + 1);
    await expect.poll(() => page.getByTestId('human-label').textContent()).toMatch(/^Reviewer: neutral/);
    await page.keyboard.press('Delete');
    await expect.poll(status).toBe('Delete label: saved.');
    expect(await regionCount()).toBe(total);
  });

  it('zooms with keys and ctrl+wheel, and fits back', async () => {
    const level = page.getByTestId('zoom-level');
    expect(await level.textContent()).toBe('whole call');
    await page.keyboard.press('+');
    await expect.poll(() => level.textContent()).toBe('1.6×');
    const box = (await page.getByTestId('lanes-overlay').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(async () => Number.parseFloat((await level.textContent()) ?? '0')).toBeGreaterThan(2);
    await page.keyboard.press('0');
    await expect.poll(() => level.textContent()).toBe('whole call');
  });

  it('plays one region, one party alone, at another speed', async () => {
    await page.getByRole('radio', { name: 'Customer only' }).click();
    expect(await page.getByRole('radio', { name: 'Customer only' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('1.5');
    await page.getByRole('button', { name: 'Next region of the chosen emotions' }).click();
    await page.keyboard.press('r');
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    // It stops by itself at the region's end.
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await page.keyboard.press('b');
    expect(await page.getByRole('radio', { name: 'Both parties' }).getAttribute('aria-checked')).toBe('true');
  });

  it('lists every shortcut in the help overlay', async () => {
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const text of ['Split the selected region at the playhead', 'Merge the selected region with the next', 'Undo', 'Next region of the chosen emotions']) {
      expect(await help.getByText(text, { exact: true }).count()).toBe(1);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
  });
});
