import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { queueReanalysis } from '../../../../../electron/services/models/corrections';
import { ModelRegistry } from '../../../../../electron/services/models/model-registry';
import type { RetrainReport } from '../../../../../electron/shared/contract';
import { writeStubModel } from '../analysis/stub-model';
import { makeTempDir } from '../../../../helpers/fixtures';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

const score = { accuracy: 0.5, macroF1: 0.5, n: 10 };
function report(version: string): RetrainReport {
  return {
    version, parent: 'stub-0', before: { corrections: score, base: score }, after: { corrections: { ...score, accuracy: 0.7 }, base: score },
    data: { corrections: 50, trainCalls: 3, heldOutCalls: 1, trainWindows: 60, heldOutWindows: 20, baseRows: 100, baseSource: 'bank', correctionWeight: 4, validationSpeakers: ['A09'] },
    baseReference: { kind: 'current', score }, thresholds: { minCorrectionGain: 0, maxBaseDrop: 0.02 }, accepted: true, reasons: [], epochs: 8, seconds: 3,
  };
}

describeOnBothDatabases('model registry', (fresh) => {
  let handle: LibraryHandle;
  let temp: ReturnType<typeof makeTempDir>;
  let shipped = '';
  let registry: ModelRegistry;

  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
    temp = makeTempDir('emoqa-models-');
    shipped = await writeStubModel(join(temp.dir, 'shipped'));
    // Retrained versions live beside the database path (for PostgreSQL: beside the path the host names).
    registry = new ModelRegistry(handle.db, { databasePath: join(temp.dir, 'library.sqlite'), shippedDir: shipped });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await handle.close();
    temp.cleanup();
  });

  /** A retrained version as the runner leaves it: a model folder beside the database and its row. */
  async function addRetrained(version: string): Promise<void> {
    cpSync(shipped, join(registry.modelsDir, version), { recursive: true });
    await registry.registerRetrained(report(version), [[1]]);
  }

  it('registers the shipped model as the active version, with its folder', async () => {
    expect(await registry.shippedVersion()).toBe('stub-0');
    expect(await registry.list()).toEqual([expect.objectContaining({ version: 'stub-0', source: 'shipped', active: true, report: null, metrics: { 'stub.accuracy': 0, 'stub.macroF1': 0, 'stub.n': 0 } })]);
    expect((await registry.active())?.activatedAt).not.toBeNull();
    expect(await registry.activeDir()).toBe(shipped);
    expect(join(temp.dir, 'models')).toBe(registry.modelsDir);
  });

  it('activates any version and rolls back to the one active before', async () => {
    await registry.shippedVersion();
    await addRetrained('retrained-1');
    await addRetrained('retrained-2');
    expect(await registry.get('retrained-1')).toMatchObject({ active: false, source: 'retrained', confusion: [[1]], report: { accepted: true }, metrics: { 'corrections.accuracy': 0.7 } });
    await registry.activate('retrained-1');
    // The next activation is a second later (the order is by time): a fake clock, no sleep.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1000 });
    await registry.activate('retrained-2');
    expect(await registry.activeDir()).toBe(join(registry.modelsDir, 'retrained-2'));
    expect((await registry.previous()).version).toBe('retrained-1');
    await registry.activate((await registry.previous()).version);
    expect((await registry.active())?.version).toBe('retrained-1');
    expect((await registry.list()).filter((v) => v.active)).toHaveLength(1);
  });

  it('reports an active version whose files are gone instead of analysing with another model', async () => {
    await registry.shippedVersion();
    await addRetrained('retrained-1');
    await registry.activate('retrained-1');
    rmSync(join(registry.modelsDir, 'retrained-1'), { recursive: true });
    await expect(registry.activate('retrained-1')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    await expect(registry.activate('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(registry.activeDir()).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/files of model retrained-1 are missing.*roll back/) });
    // Rolling back is the way out.
    expect((await registry.previous()).version).toBe('stub-0');
    await registry.activate((await registry.previous()).version);
    expect(await registry.activeDir()).toBe(shipped);
  });

  it('says there is nothing to roll back to on a fresh install', async () => {
    await registry.shippedVersion();
    await expect(registry.previous()).rejects.toThrow(/no earlier model version/);
  });

  it('moves an active older shipped model to the one this build ships, but keeps a retrained choice', async () => {
    await handle.db.insertInto('model_versions').values({ version: 'stub-old', created_at: '2020-01-01', active: 1, activated_at: '2020-01-01', source: 'shipped' }).execute();
    await registry.shippedVersion();
    expect((await registry.active())?.version).toBe('stub-0');
    await expect(registry.activate('stub-old')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });

  it('queues the calls another version analysed for re-analysis and leaves labels alone', async () => {
    const a = await seedRecordingIn(handle.db, fakeResult(10, [[region(0, 4, 'sad')]], 'old'));
    const b = await seedRecordingIn(handle.db, fakeResult(10, [[region(0, 4, 'sad')]], 'new'));
    await handle.db.insertInto('labels').values({ recording_id: a, channel: 0, start_s: 1, end_s: 2, emotion: 'angry', reviewer: 'ann', created_at: 'x', updated_at: 'x' }).execute();
    const started: string[][] = [];
    expect(await queueReanalysis(handle.db, 'new', (paths) => (started.push(paths), 'job-1'))).toBe('job-1');
    expect(started).toEqual([[expect.stringMatching(/call-\d+\.wav$/)]]);
    const status = async (id: string) => (await handle.db.selectFrom('recordings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect([await status(a), await status(b)]).toEqual(['queued', 'done']);
    expect(await handle.db.selectFrom('labels').select('emotion').execute()).toEqual([{ emotion: 'angry' }]);
    expect(await queueReanalysis(handle.db, 'new', () => 'never')).toBeNull();
  });
});
