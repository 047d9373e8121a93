/**
 * UI figures for long calls and big libraries, in Chromium over browser mode against the real services
 * and a real SQLite file: time until a 1-hour call with 2,000 regions is drawn, frame times while
 * zooming and scrolling it, and filter/sort/scroll of a 10,000-call library.
 * A script that prints figures, not a timed test. Run: `npx tsx bench/ui-bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt, launchChromium, newPage, startApp } from '../test/e2e/helpers/app-under-test';
import { longCallWav } from '../test/e2e/helpers/long-call';
import { frameStats, timeCallOpen, wheelFrames, type FrameStats } from '../test/e2e/helpers/page-timing';
import { seedLibrary } from '../test/e2e/helpers/seed-library';
import { syntheticAnalyse } from '../test/e2e/helpers/synthetic-analysis';

export interface UiBenchResult {
  callSeconds: number;
  regions: number;
  /** Full page load straight onto the call (JS parse included), until lanes and regions are drawn. */
  coldOpenMs: number;
  /** From the library (hash change) until drawn; median of runs. */
  warmOpenMs: number[];
  zoom: FrameStats;
  scroll: FrameStats;
  library: { rows: number; firstRowsMs: number; filterMs: number; sortMs: number; scroll: FrameStats };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runUiBench(): Promise<UiBenchResult> {
  ensureRendererBuilt();
  const wav = longCallWav(3600);
  const temp = mkdtempSync(join(tmpdir(), 'emoqa-ui-bench-'));
  const app = await startApp(join(temp, 'bench.sqlite'), { analyse: syntheticAnalyse({ regionsPerChannel: 1000 }) });
  const browser = await launchChromium();
  try {
    const { jobId } = await app.services.handlers['analysis.start']!({ paths: [wav] });
    await app.services.waitForJob(jobId);
    const [call] = await app.services.handlers['recordings.list']!({});
    const { predictions } = await app.services.handlers['recordings.regions']!({ id: call.id });
    const page = await newPage(browser);

    await page.goto(`${app.server.url}#/call/${call.id}`);
    await page.locator('[data-drawn="true"]').waitFor({ timeout: 30_000 });
    const coldOpenMs = await page.evaluate(() => performance.getEntriesByName('emoqa:call-drawn')[0].startTime);
    const warmOpenMs: number[] = [];
    for (let run = 0; run < 5; run += 1) warmOpenMs.push(await timeCallOpen(page, call.id));

    const zoom = await wheelFrames(page, 'zoom', 120);
    for (let step = 0; step < 12; step += 1) await page.keyboard.press('+');
    const scroll = await wheelFrames(page, 'scroll', 120);

    // The library: 10,000 calls seeded through the database layer.
    seedLibrary(app.services.db, 10_000);
    const library = await newPage(browser);
    const opened = Date.now();
    await library.goto(app.server.url);
    await library.getByRole('link', { name: /^call-\d{5}\.wav$/ }).first().waitFor();
    const firstRowsMs = Date.now() - opened;
    const filterMs = await library.evaluate(async () => {
      const input = document.querySelector('input[type="search"]') as HTMLInputElement;
      const count = document.querySelector('.count') as HTMLElement;
      const before = count.textContent;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const start = performance.now();
      setValue.call(input, 'call-07');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((resolve) => {
        const check = () => (count.textContent !== before ? resolve() : requestAnimationFrame(check));
        check();
      });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    });
    await library.getByRole('searchbox').fill('');
    const sortMs = await library.evaluate(async () => {
      const button = document.querySelector('button[aria-label="Sort by Negative"]') as HTMLButtonElement;
      const header = button.parentElement as HTMLElement;
      const start = performance.now();
      button.click();
      await new Promise<void>((resolve) => {
        const check = () => (header.getAttribute('aria-sort') !== 'none' ? resolve() : requestAnimationFrame(check));
        check();
      });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    });
    const scrolled = await library.evaluate(async () => {
      const body = document.querySelector('[data-testid="library-scroll"]') as HTMLElement;
      const intervals: number[] = [];
      const handler: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i += 1) {
        const before = performance.now();
        body.scrollTop += 600;
        handler.push(performance.now() - before);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        intervals.push(now - last);
        last = now;
      }
      return { intervals, handler };
    });
    return {
      callSeconds: call.durationS ?? 0,
      regions: predictions.length,
      coldOpenMs,
      warmOpenMs,
      zoom,
      scroll,
      library: { rows: 10_000, firstRowsMs, filterMs, sortMs, scroll: frameStats(scrolled.intervals, scrolled.handler) },
    };
  } finally {
    await browser.close();
    await app.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

function printFrames(label: string, stats: FrameStats): void {
  console.log(
    `${label.padEnd(26)} frames ${stats.frames}: median ${stats.medianMs.toFixed(1)} ms, p95 ${stats.p95Ms.toFixed(1)} ms, max ${stats.maxMs.toFixed(1)} ms, ` +
      `>33 ms: ${stats.over33Ms}; handler median ${stats.handlerMedianMs.toFixed(2)} ms, max ${stats.handlerMaxMs.toFixed(1)} ms`,
  );
}

/** Prints what runUiBench measured (`npm run bench` and the standalone script both print it). */
export function printUiBench(result: UiBenchResult): void {
  console.log(`UI bench (Chromium headless, --disable-gpu): ${(result.callSeconds / 60).toFixed(0)}-minute call, ${result.regions} regions`);
  console.log(`Open call, cold page load → drawn: ${result.coldOpenMs.toFixed(0)} ms`);
  console.log(`Open call from library → drawn: median ${median(result.warmOpenMs).toFixed(0)} ms (runs: ${result.warmOpenMs.map((v) => v.toFixed(0)).join(', ')})`);
  printFrames('Zoom (ctrl+wheel)', result.zoom);
  printFrames('Scroll (wheel, zoomed in)', result.scroll);
  const lib = result.library;
  console.log(`Library ${lib.rows} calls: first rows ${lib.firstRowsMs} ms (page load incl.), filter ${lib.filterMs.toFixed(0)} ms, sort ${lib.sortMs.toFixed(0)} ms`);
  printFrames('Library scroll', lib.scroll);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printUiBench(await runUiBench());
}
