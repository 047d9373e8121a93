/**
 * The time ruler's ticks: a step chosen from the zoom so labels stay apart, and labels written to
 * the step's precision, so no two ticks ever read the same ("0:01 0:01" at 16×, "29:56.7" twice
 * at 2900×) and every label is a clock ("0:00", never "0").
 */

/** Steps a reader counts in: sub-second decimals, then seconds, minutes, hours. */
export const TICK_STEPS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
] as const;

/** Minor ticks between two labelled ones. */
export const MINOR_PER_MAJOR = 5;

/** The smallest step whose labels lie at least `minPx` apart. */
export function tickStep(pxPerSec: number, minPx = 80): number {
  return TICK_STEPS.find((step) => step * pxPerSec >= minPx) ?? TICK_STEPS[TICK_STEPS.length - 1];
}

/** Decimals a step needs: 0 for whole seconds, 1 for 0.1 or 0.5 s, 3 for 1 ms. */
export function stepDecimals(step: number): number {
  let decimals = 0;
  while (decimals < 3 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-9) decimals += 1;
  return decimals;
}

/** `m:ss`, `h:mm:ss`, with the step's decimals (`29:56.70`); rounded to the step first. */
export function formatTick(seconds: number, step: number): string {
  const decimals = stepDecimals(step);
  const scale = 10 ** decimals;
  // Integer arithmetic in units of the last digit: 0.1 * 3 never reads 0.30000000000000004.
  const units = Math.max(0, Math.round(seconds * scale));
  const whole = Math.floor(units / scale);
  const fraction = units - whole * scale;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const clock = `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m)}:${String(s).padStart(2, '0')}`;
  return decimals > 0 ? `${clock}.${String(fraction).padStart(decimals, '0')}` : clock;
}

export interface Tick {
  x: number;
  major: boolean;
  label: string | null;
}

/** Ticks over the visible window, counted by integer index so they never drift or repeat. */
export function rulerTicks(view: { start: number; pxPerSec: number; width: number }, minPx = 80): Tick[] {
  const step = tickStep(view.pxPerSec, minPx);
  const minor = step / MINOR_PER_MAJOR;
  const end = view.start + view.width / view.pxPerSec;
  const ticks: Tick[] = [];
  for (let index = Math.max(0, Math.floor(view.start / minor)); index * minor <= end + 1e-9; index += 1) {
    const time = index * minor;
    const major = index % MINOR_PER_MAJOR === 0;
    ticks.push({ x: Math.round((time - view.start) * view.pxPerSec) + 0.5, major, label: major ? formatTick(time, step) : null });
  }
  return ticks;
}
