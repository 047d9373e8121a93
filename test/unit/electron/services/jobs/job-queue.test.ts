import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { JobQueue, type AnalyseFn } from '../../../../../electron/services/jobs/job-queue';
import type { JobProgress } from '../../../../../electron/shared/domain';
import { ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';
import { tempDatabase } from '../store-helpers';
import { fakeAnalyse } from './fake-analyse';

const calls = makeTempDir('emoqa-queue-');

function makeQueue(store: ReturnType<typeof tempDatabase>, analyse: AnalyseFn | (() => Promise<AnalyseFn>), events = new EventBus()) {
  const getAnalyse = typeof analyse === 'function' && analyse.length === 0 ? (analyse as () => Promise<AnalyseFn>) : async () => analyse as AnalyseFn;
  return new JobQueue({ db: store.lib, events, getAnalyse, defaultRoles: () => ['agent', 'customer'] });
}

function statuses(store: ReturnType<typeof tempDatabase>): Record<string, string> {
  const rows = store.db.prepare('SELECT file_name, status, error_code FROM recordings').all() as Array<{ file_name: string; status: string; error_code: string | null }>;
  return Object.fromEntries(rows.map((r) => [r.file_name, r.error_code ? `${r.status}:${r.error_code}` : r.status]));
}

describe('job queue', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeAll(() => {
    mkdirSync(join(calls.dir, 'calls'));
    for (const [i, channels] of [[1, 2], [2, 1], [3, 2]] as const) {
      ffmpegMake(['-f', 'lavfi', '-i', `sine=frequency=${200 * i}:sample_rate=8000:duration=${i}`, '-ac', String(channels), join(calls.dir, 'calls', `call-${i}.wav`)]);
    }
    copyFileSync(join(calls.dir, 'calls', 'call-1.wav'), join(calls.dir, 'calls', 'copy-of-1.wav'));
  });
  afterAll(() => calls.cleanup());
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());

  it('analyses a folder once, reporting progress, and skips it the second time', async () => {
    const events = new EventBus();
    const progress: JobProgress[] = [];
    const done: string[] = [];
    events.on('analysis.progress', (p) => progress.push(p));
    events.on('analysis.fileDone', (_job, file, id, error) => done.push(`${file.split('/').pop()}:${id ? 'id' : '-'}:${error?.code ?? 'ok'}`));
    const fake = fakeAnalyse();
    const queue = makeQueue(store, fake.analyse, events);
    const jobId = queue.start([join(calls.dir, 'calls')], null);
    const report = await queue.wait(jobId);
    expect(report.state).toBe('done');
    expect(done.sort()).toEqual(['call-1.wav:id:ok', 'call-2.wav:id:ok', 'call-3.wav:id:ok', 'copy-of-1.wav:id:ok']);
    // The copy has the same content: analysed once.
    expect(fake.calls).toHaveLength(3);
    const last = progress.at(-1);
    expect(last).toMatchObject({ jobId, state: 'done', filesDone: 4, filesTotal: 4, etaS: 0, currentFile: null });
    expect(last?.audioSecondsTotal).toBeCloseTo(6, 1);
    expect(last?.audioSecondsDone).toBeCloseTo(6, 1);
    expect(progress.some((p) => p.state === 'running' && p.audioSecondsDone > 0 && p.etaS !== null)).toBe(true);
    expect(store.db.prepare('SELECT count(*) AS n FROM model_regions').get()).toEqual({ n: 5 });

    const again = queue.start([join(calls.dir, 'calls')], null);
    expect((await queue.wait(again)).files.every((f) => f.outcome === 'done')).toBe(true);
    expect(fake.calls).toHaveLength(3);
    expect((await queue.list()).map((j) => j.state)).toEqual(['done', 'done']);
    expect(store.db.prepare('SELECT state, files_done, files_total FROM jobs WHERE id = ?').get(jobId)).toEqual({ state: 'done', files_done: 4, files_total: 4 });
  });

  it('cancels: unfinished recordings end as CANCELLED, finished ones stay done', async () => {
    const fake = fakeAnalyse({ stepMs: 40, steps: 5 });
    const events = new EventBus();
    const queue = makeQueue(store, fake.analyse, events);
    const jobId = queue.start([join(calls.dir, 'calls')], null);
    await new Promise<void>((resolve) => events.on('analysis.fileDone', () => resolve()));
    expect(queue.cancel(jobId)).toBe(true);
    const report = await queue.wait(jobId);
    expect(report.state).toBe('cancelled');
    const values = Object.values(statuses(store));
    expect(values).toContain('done');
    expect(values).toContain('error:CANCELLED');
    expect(values.every((s) => s === 'done' || s === 'error:CANCELLED')).toBe(true);
    expect(queue.cancel(jobId)).toBe(false);
  });

  it('leaves recordings queued when closing, and resumes them (and only them) on the next start', async () => {
    const slow = fakeAnalyse({ stepMs: 50, steps: 10 });
    const first = makeQueue(store, slow.analyse);
    first.start([join(calls.dir, 'calls', 'call-3.wav'), join(calls.dir, 'calls', 'call-2.wav')], ['customer', 'agent']);
    await slow.firstProgress;
    await first.close();
    expect(Object.values(statuses(store))).toContain('queued');
    expect(Object.values(statuses(store))).not.toContain('analysing');

    const fake = fakeAnalyse();
    const second = makeQueue(store, fake.analyse);
    const jobId = await second.resumeInterrupted();
    expect(jobId).not.toBeNull();
    await second.wait(jobId ?? '');
    expect(statuses(store)).toEqual({ 'call-2.wav': 'done', 'call-3.wav': 'done' });
    expect(store.db.prepare(`SELECT count(*) AS n FROM parties`).get()).toEqual({ n: 3 });
    expect(store.db.prepare(`SELECT roles FROM recordings WHERE file_name = 'call-3.wav'`).get()).toEqual({ roles: '["customer","agent"]' });
  });

  it('leaves a job another live process is running alone, and resumes it once that owner is gone', async () => {
    // Two queues on one database stand for `emoqa analyze` and `emoqa serve` started beside it.
    const slow = fakeAnalyse({ stepMs: 50, steps: 20 });
    const cli = makeQueue(store, slow.analyse);
    const cliJob = cli.start([join(calls.dir, 'calls', 'call-3.wav'), join(calls.dir, 'calls', 'call-2.wav')], null);
    await expect.poll(() => Object.values(statuses(store))).toContain('analysing');

    const fake = fakeAnalyse();
    const serve = makeQueue(store, fake.analyse);
    expect(await serve.resumeInterrupted()).toBeNull();
    expect(store.db.prepare('SELECT state FROM jobs WHERE id = ?').get(cliJob)).toEqual({ state: 'running' });
    expect(fake.calls).toHaveLength(0);
    expect((await cli.wait(cliJob)).state).toBe('done');
    expect(statuses(store)).toEqual({ 'call-2.wav': 'done', 'call-3.wav': 'done' });
    // Each call analysed once, by its owner.
    expect(slow.calls).toHaveLength(2);
    await serve.close();
    await cli.close();

    // An owner that died: its lease stops being renewed and runs out; then the job is resumed.
    const dying = makeQueue(store, fakeAnalyse({ stepMs: 50, steps: 20 }).analyse);
    store.db.exec(`DELETE FROM recordings`);
    const dead = dying.start([join(calls.dir, 'calls', 'call-1.wav')], null);
    await expect.poll(() => Object.values(statuses(store))).toContain('analysing');
    store.db.prepare('UPDATE jobs SET lease_until = ? WHERE id = ?').run(Date.now() - 1, dead);
    const heir = makeQueue(store, fake.analyse);
    const resumed = await heir.resumeInterrupted();
    expect(resumed).not.toBeNull();
    expect(store.db.prepare('SELECT state FROM jobs WHERE id = ?').get(dead)).toEqual({ state: 'failed' });
    await heir.wait(resumed ?? '');
    expect(fake.calls).toHaveLength(1);
    await dying.close();
    await heir.close();
  });

  it('renews the lease of a running job while it works', async () => {
    const slow = fakeAnalyse({ stepMs: 50, steps: 10 });
    const queue = new JobQueue({ db: store.lib, events: new EventBus(), getAnalyse: async () => slow.analyse, defaultRoles: () => ['agent', 'customer'], leaseMs: 60 });
    const jobId = queue.start([join(calls.dir, 'calls', 'call-3.wav')], null);
    const lease = () => (store.db.prepare('SELECT lease_until FROM jobs WHERE id = ?').get(jobId) as { lease_until: number } | undefined)?.lease_until ?? 0;
    // The job's row is written as its run begins.
    await expect.poll(lease).toBeGreaterThan(0);
    const first = lease();
    await expect.poll(lease).toBeGreaterThan(first);
    await queue.wait(jobId);
    await queue.close();
  });

  it('records an engine failure per file and a model that cannot load as MODEL_UNAVAILABLE', async () => {
    const fake = fakeAnalyse({ failOn: /call-2/ });
    const queue = makeQueue(store, fake.analyse);
    await queue.wait(queue.start([join(calls.dir, 'calls')], null));
    expect(statuses(store)['call-2.wav']).toBe('error:INTERNAL');
    expect(statuses(store)['call-3.wav']).toBe('done');

    store.db.exec('DELETE FROM recordings');
    const broken = makeQueue(store, () => Promise.reject(new Error('model.json missing')));
    const report = await broken.wait(broken.start([join(calls.dir, 'calls', 'call-1.wav')], null));
    expect(report.files[0].error).toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
