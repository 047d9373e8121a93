import { describe, expect, it } from 'vitest';
import { formatTick, rulerTicks, stepDecimals, tickStep } from '../../../../renderer/src/waveform/ruler-ticks';

/** Seconds back from a label, to check it names its own tick. */
function parseTick(label: string): number {
  const parts = label.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

describe('time ruler', () => {
  it('never repeats or misorders labels, at any zoom from a whole hour to 2900×', () => {
    const width = 1096;
    for (const duration of [62, 600, 3600]) {
      const fit = width / duration;
      for (const zoom of [1, 1.6, 2.56, 6.6, 16.8, 42.9, 110, 400, 2903]) {
        const pxPerSec = fit * zoom;
        for (const start of [0, duration * 0.3, duration - width / pxPerSec]) {
          const labelled = rulerTicks({ start: Math.max(0, start), pxPerSec, width }).filter((tick) => tick.label !== null);
          const labels = labelled.map((tick) => tick.label!);
          expect(new Set(labels).size, `${duration} s at ${zoom}×: ${labels.join(' ')}`).toBe(labels.length);
          const step = tickStep(pxPerSec);
          labelled.forEach((tick, index) => {
            const time = Math.max(0, start) + (tick.x - 0.5) / pxPerSec;
            expect(Math.abs(parseTick(tick.label!) - time)).toBeLessThan(step / 2);
            if (index > 0) expect(parseTick(tick.label!)).toBeGreaterThan(parseTick(labels[index - 1]));
          });
        }
      }
    }
  });

  it('writes clock labels to the step’s precision', () => {
    expect(formatTick(0, 5)).toBe('0:00');
    expect(formatTick(0, 0.5)).toBe('0:00.0');
    expect(formatTick(0.9999999, 1)).toBe('0:01');
    expect(formatTick(1796.7, 0.01)).toBe('29:56.70');
    expect(formatTick(1796.71, 0.01)).toBe('29:56.71');
    expect(formatTick(3725, 60)).toBe('1:02:05');
    expect(formatTick(0.3, 0.1)).toBe('0:00.3');
    expect(stepDecimals(0.002)).toBe(3);
    expect(stepDecimals(15)).toBe(0);
  });

  it('chooses a step at least 80 px wide', () => {
    expect(tickStep(1.83)).toBe(60);
    expect(tickStep(30.7)).toBe(5);
    expect(tickStep(5300)).toBe(0.02);
  });
});
