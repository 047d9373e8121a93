/** Share of the view kept as context on each side of a region jumped to. */
export const REVEAL_MARGIN = 0.15;

/**
 * Where to scroll (seconds at the left edge) so that [start, end] shows with context: centred when
 * it fits, else starting a margin in from the left. Null when it already sits well inside the view
 * (a region at the very edge counts as not shown: a jump there must move the view).
 */
export function revealStart(view: { start: number; pxPerSec: number; width: number }, start: number, end: number, duration: number): number | null {
  const span = view.width / view.pxPerSec;
  if (span >= duration) return null;
  const margin = span * REVEAL_MARGIN;
  const length = end - start;
  const inside = start >= view.start + margin && end <= view.start + span - margin;
  // A region longer than the inner view is shown from its start when its start is well inside.
  const longShown = length > span - 2 * margin && start >= view.start + margin && start <= view.start + span / 2;
  if (inside || longShown) return null;
  const left = length <= span - 2 * margin ? (start + end) / 2 - span / 2 : start - margin;
  return Math.max(0, Math.min(duration - span, left));
}
