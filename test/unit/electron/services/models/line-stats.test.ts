import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { estimateLine, LINE_MIN_CALLS, LINE_REFRESH_MS, lineCache, lineDue, lineInfo, lineStatsInUse } from '../../../../../electron/services/models/line-stats';
import { versionedEngine } from '../../../../../electron/services/models/versioned-engine';
import { writeAnalysisResult } from '../../../../../electron/services/library/results-writer';
import { summariseWindows, windowsKindOf } from '../../../../../ml/model/channel-stats';
import type { ModelMetadata } from '../../../../../ml/model/metadata';
import { mulberry32 } from '../../../../../ml/train/random';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, seedRecordingIn } from '../store-helpers';

const DIM = 12;
/** Just what the estimate reads of a model: its input and the party head's training statistics. */
const metadata = {
  featureSpec: { version: 'spec-1' }, input: { pooling: 'stats-t', dim: DIM },
  decision: { global: { mean: Array.from({ length: DIM }, () => 0), std: Array.from({ length: DIM }, () => 1) } },
} as unknown as ModelMetadata;
const kind = windowsKindOf(metadata)!;

/** An analysed stereo call whose parties' windows have the first `moved` features `by` SD off the training mean. */
function call(moved: number, by: number, seed: number) {
  const random = mulberry32(seed);
  const windows = (): Float32Array[] => Array.from({ length: 40 }, () => Float32Array.from({ length: DIM }, (_, d) => 2 * (random() - 0.5) + (d < moved ? by : 0)));
  return { ...fakeResult(60, [[], []]), windowSummaries: [0, 1].map((channel) => ({ channel, kind, ...summariseWindows(windows()) })) };
}

describeOnBothDatabases("the library's line statistics", (fresh) => {
  let handle: LibraryHandle;
  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
  });
  afterEach(async () => handle?.close());

  it('are stored per analysed party, need 3 calls, keep the training statistics on a line like it and apply where 2 or more features moved far', async () => {
    const { db } = handle;
    for (let i = 0; i < LINE_MIN_CALLS - 1; i++) await seedRecordingIn(db, call(11, 6, i));
    expect(await db.selectFrom('window_stats').select(['channel', 'windows', 'dim', 'kind']).orderBy('channel').execute()).toEqual(
      [0, 0, 1, 1].map((channel) => ({ channel, windows: 40, dim: DIM, kind })),
    );
    const few = await estimateLine(db, metadata);
    expect(few).toMatchObject({ calls: 2, estimate: null });
    expect(few.reason).toMatch(/needs 3/);
    expect(lineStatsInUse(few)).toBeUndefined();

    const cached = lineCache(db);
    expect((await cached('m', metadata)).calls).toBe(2);
    const id = await seedRecordingIn(db, call(11, 6, 7));
    const moved = await cached('m', metadata); // a new summary: estimated again
    expect(moved).toMatchObject({ calls: 3, reason: null, estimate: { applied: true, shifted: 11, windows: 240 } });
    // 240 windows against a pseudo-count of 100 towards the training mean 0.
    expect(lineStatsInUse(moved)!.mean[0]).toBeCloseTo((240 / 340) * 6, 0);
    expect(lineInfo('v', moved)).toMatchObject({ version: 'v', applied: true, calls: 3, windows: 240, shifted: 11, features: DIM, minShifted: 2, minCalls: 3, reason: null });

    // Analysed again, a call's summaries are replaced (here by none: a model that reads none); a deleted call's go with it.
    await writeAnalysisResult(db, id, fakeResult(60, [[], []]));
    expect(await db.selectFrom('window_stats').select('recording_id').where('recording_id', '=', id).execute()).toEqual([]);
    await writeAnalysisResult(db, id, call(11, 6, 7));
    for (const seed of [8, 9, 10]) await seedRecordingIn(db, call(1, 6, seed));
    await db.deleteFrom('recordings').where('id', '=', id).execute();
    const known = await estimateLine(db, metadata);
    expect(known.calls).toBe(5);
    expect(known.estimate).toMatchObject({ applied: false, shifted: 1 });
    expect(known.reason).toMatch(/like the training data \(1 of 12 features/);
    expect(lineStatsInUse(known)).toBeUndefined();
  });

  it('are pooled again only when the parties moved by a tenth, calls were deleted, or the estimate is old (a folder of 1,000 files was quadratic)', async () => {
    const { db } = handle;
    for (let i = 0; i < 20; i++) await seedRecordingIn(db, call(11, 6, 100 + i));
    let now = 0;
    const cached = lineCache(db, () => now);
    expect((await cached('m', metadata)).calls).toBe(20); // 40 parties: pooled again from 44 on
    await seedRecordingIn(db, call(11, 6, 200));
    expect((await cached('m', metadata)).calls).toBe(20);
    const last = await seedRecordingIn(db, call(11, 6, 201));
    expect((await cached('m', metadata)).calls).toBe(22);
    await db.deleteFrom('recordings').where('id', '=', last).execute();
    expect((await cached('m', metadata)).calls).toBe(21);
    await seedRecordingIn(db, call(11, 6, 202));
    expect((await cached('m', metadata)).calls).toBe(21);
    now += LINE_REFRESH_MS;
    expect((await cached('m', metadata)).calls).toBe(22);
  });

  it('are not read by a model of other features, and a frame-sequence or older model reads none', async () => {
    for (let i = 0; i < 3; i++) await seedRecordingIn(handle.db, call(11, 6, i));
    const other = { ...metadata, input: { ...metadata.input, pooling: 'stats-u' } } as ModelMetadata;
    expect(await estimateLine(handle.db, other)).toMatchObject({ calls: 0, estimate: null });
    const sequence = { ...metadata, decision: { ...metadata.decision, sequence: { steps: 1, stride: 1, channels: 1 } } } as ModelMetadata;
    expect((await estimateLine(handle.db, sequence)).reason).toMatch(/reads no library statistics/);
  });
});

it('the engine passes the library line of the active folder to every analysis', async () => {
  const seen: unknown[] = [];
  const line = { mean: Float32Array.of(1), std: Float32Array.of(2), count: 300 };
  const engine = versionedEngine({
    activeDir: async () => '/m', lineStats: async (dir) => (dir === '/m' ? line : undefined),
    createPool: async () => ({ analyse: async (_path, options) => (seen.push(options.lineStats), fakeResult(1, [[]])), close: () => undefined }),
  });
  await (await engine.getAnalyse())('/c.wav', { roles: ['agent', 'customer'] });
  expect(seen).toEqual([line]);
  await engine.close();
});

it('a line estimate is due on any change while few parties stand behind it, on a tenth of them after', () => {
  const used = { parties: 400, newest: 't1', at: 0 };
  expect(lineDue(used, { parties: 400, newest: 't1' }, LINE_REFRESH_MS * 2)).toBe(false);
  expect(lineDue(used, { parties: 439, newest: 't2' }, 0)).toBe(false);
  expect(lineDue(used, { parties: 440, newest: 't2' }, 0)).toBe(true);
  expect(lineDue({ ...used, parties: 5000 }, { parties: 5039, newest: 't2' }, 0)).toBe(false);
  expect(lineDue({ ...used, parties: 5000 }, { parties: 5040, newest: 't2' }, 0)).toBe(true);
  expect(lineDue({ ...used, parties: 4 }, { parties: 5, newest: 't2' }, 0)).toBe(true);
  expect(lineDue(used, { parties: 398, newest: 't1' }, 0)).toBe(true);
  expect(lineDue(used, { parties: 400, newest: 't2' }, LINE_REFRESH_MS)).toBe(true);
});
