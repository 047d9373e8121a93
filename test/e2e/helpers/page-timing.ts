import type { Page } from 'playwright-core';

export interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames that took longer than two vsyncs (33 ms): visible stutter. */
  over33Ms: number;
  /** Time spent synchronously in the input handler per event (the app's own work). */
  handlerMedianMs: number;
  handlerMaxMs: number;
}

export function frameStats(intervals: number[], handler: number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  const handlers = [...handler].sort((a, b) => a - b);
  const at = (list: number[], q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
  return {
    frames: intervals.length,
    medianMs: at(sorted, 0.5),
    p95Ms: at(sorted, 0.95),
    maxMs: sorted.at(-1) ?? 0,
    over33Ms: intervals.filter((value) => value > 33.4).length,
    handlerMedianMs: at(handlers, 0.5),
    handlerMaxMs: handlers.at(-1) ?? 0,
  };
}

/** Opens a call from the library (hash change) and returns ms until its lanes and regions are drawn. */
export async function timeCallOpen(page: Page, recordingId: string): Promise<number> {
  await page.evaluate(() => {
    window.location.hash = '#/';
  });
  await page.getByRole('table', { name: 'Calls' }).waitFor();
  return page.evaluate(async (id) => {
    performance.clearMarks('emoqa:call-drawn');
    const start = performance.now();
    window.location.hash = `#/call/${encodeURIComponent(id)}`;
    await new Promise<void>((resolve) => {
      const check = () => (performance.getEntriesByName('emoqa:call-drawn').length > 0 ? resolve() : requestAnimationFrame(check));
      check();
    });
    return performance.getEntriesByName('emoqa:call-drawn')[0].startTime - start;
  }, recordingId);
}

/**
 * Sends one wheel event per frame to the lanes (ctrl+wheel zooms in then out; plain wheel scrolls)
 * and records the interval between frames and the time spent in the handler.
 */
export async function wheelFrames(page: Page, mode: 'zoom' | 'scroll', frames: number): Promise<FrameStats> {
  const { intervals, handler } = await page.evaluate(
    async ({ mode: kind, frames: count }) => {
      const overlay = document.querySelector('[data-testid="lanes-overlay"]') as HTMLCanvasElement;
      const rect = overlay.getBoundingClientRect();
      const intervals: number[] = [];
      const handler: number[] = [];
      await new Promise((resolve) => requestAnimationFrame(resolve));
      let last = performance.now();
      for (let i = 0; i < count; i += 1) {
        const init: WheelEventInit =
          kind === 'zoom'
            ? { ctrlKey: true, deltaY: i < count / 2 ? -80 : 80, clientX: rect.left + rect.width * 0.4, clientY: rect.top + 30, bubbles: true, cancelable: true }
            : { deltaX: 240, clientX: rect.left + rect.width / 2, clientY: rect.top + 30, bubbles: true, cancelable: true };
        const before = performance.now();
        overlay.dispatchEvent(new WheelEvent('wheel', init));
        handler.push(performance.now() - before);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        intervals.push(now - last);
        last = now;
      }
      return { intervals, handler };
    },
    { mode, frames },
  );
  return frameStats(intervals, handler);
}
