/**
 * Moving from call to call without going back to the library: the order is the library's own
 * (its filter and sort as last shown), so "next" means the next row the reviewer was looking at.
 */
export interface CallNeighbours {
  previous: string | null;
  next: string | null;
  /** The next call after this one (wrapping round) not yet marked reviewed. */
  nextUnreviewed: string | null;
}

export function callNeighbours(order: readonly string[], current: string, isReviewed: (id: string) => boolean): CallNeighbours {
  const index = order.indexOf(current);
  if (index < 0) return { previous: null, next: order[0] ?? null, nextUnreviewed: order.find((id) => !isReviewed(id)) ?? null };
  let nextUnreviewed: string | null = null;
  for (let step = 1; step < order.length; step += 1) {
    const id = order[(index + step) % order.length];
    if (!isReviewed(id)) {
      nextUnreviewed = id;
      break;
    }
  }
  return { previous: order[index - 1] ?? null, next: order[index + 1] ?? null, nextUnreviewed };
}

export function callHref(id: string): string {
  return `#/call/${encodeURIComponent(id)}`;
}
