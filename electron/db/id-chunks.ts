/**
 * Ids per `IN (…)` or per multi-row insert: well under SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters, even at a few parameters per row. The one place this bound is set.
 */
export const IDS_PER_STATEMENT = 1000;

/** The items in runs of IDS_PER_STATEMENT, in order. */
export function idChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_STATEMENT) out.push(items.slice(i, i + IDS_PER_STATEMENT));
  return out;
}
