/**
 * Where the time of an analysis goes, for `npm run bench` (EMOQA_TIMINGS=1 makes `emoqa analyze`
 * print the totals). Thread-milliseconds per stage: with two workers they add up to about twice
 * the wall time. Plain counters, so measuring costs nothing worth seeing.
 */
export const STAGES = ['ingest', 'plan', 'decodeWait', 'features', 'model', 'store'] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number>;

export function emptyStageTimes(): StageTimes {
  return { ingest: 0, plan: 0, decodeWait: 0, features: 0, model: 0, store: 0 };
}

const totals = emptyStageTimes();

/** Adds to this thread's totals. */
export function addStageTimes(times: Partial<StageTimes>): void {
  for (const stage of STAGES) totals[stage] += times[stage] ?? 0;
}

export function stageTimes(): StageTimes {
  return { ...totals };
}

/** Runs `work`, adding its wall time to `stage` of `into`. */
export async function timed<T>(into: StageTimes, stage: Stage, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    into[stage] += performance.now() - started;
  }
}
