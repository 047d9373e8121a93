/**
 * `emoqa enqueue`, `worker` and `status` as users run them (the bin, real PostgreSQL, ffmpeg and the
 * model): files analysed once into the library, a bad file failed by name, a worker killed with -9
 * mid-job whose job another worker finishes after the (short) lease.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTeamDatabase } from '../../../electron/db/team-database';
import { createAppServices } from '../../../electron/services/app-services';
import { invokeHandler } from '../../../electron/services/invoke';
import { countEnqueued } from '../../../electron/cli/commands/server';
import { enqueuePaths, openAnalysisQueue, queueSettings } from '../../../electron/services/team/analysis-queue';
import { queueStatus } from '../../../electron/services/team/queue-status';
import { queueStatusSchema, type QueueStatus } from '../../../electron/shared/queue-status';
import { callsDir, ffmpegMake, makeTempDir, repoRoot } from '../../helpers/fixtures';
import { startPostgres, postgresNeed, type PostgresCluster } from '../../helpers/postgres';
import { describeNeeding, needs } from '../../helpers/requirements';

const env = { ...process.env, EMOQA_QUEUE_LEASE_S: '4', EMOQA_QUEUE_RETRIES: '1', EMOQA_QUEUE_POLL_S: '0.5' };
const bin = join(repoRoot, 'bin/emoqa.mjs');

function emoqa(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function startWorker(url: string, library: string): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [bin, 'worker', '--database-url', url, '--db', library], { cwd: repoRoot, env });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(child, { output: () => text });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

function status(url: string): QueueStatus {
  const result = emoqa(['status', '--json', '--database-url', url]);
  if (result.code !== 0) throw new Error(result.stderr);
  return queueStatusSchema.parse(JSON.parse(result.stdout));
}

/** The status read in this process (a CLI per poll is seconds on a busy machine: a short job could pass unseen). */
async function watch(url: string): Promise<{ status: () => Promise<QueueStatus>; close: () => Promise<void> }> {
  const team = await openTeamDatabase(url);
  const boss = await openAnalysisQueue(url, queueSettings(env));
  return {
    status: () => queueStatus(boss, team.db),
    close: async () => {
      await boss.stop({ graceful: false });
      await team.close();
    },
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function storedCalls(library: string): Array<{ path: string; status: string; n: number }> {
  const db = new Database(library, { readonly: true });
  try {
    return db
      .prepare(`SELECT r.path, r.status, (SELECT count(*) FROM model_regions s WHERE s.recording_id = r.id) AS n FROM recordings r ORDER BY r.path`)
      .all() as Array<{ path: string; status: string; n: number }>;
  } finally {
    db.close();
  }
}

describeNeeding([postgresNeed(), needs.calls(), needs.model()], 'the analysis queue (pg-boss)', () => {
  let cluster: PostgresCluster | undefined;
  const temp = makeTempDir('emoqa-queue-');
  const clip = (name: string, source: string, from: number, seconds: number) => {
    const path = join(temp.dir, name);
    ffmpegMake(['-ss', String(from), '-t', String(seconds), '-i', join(callsDir, source), '-c:a', 'pcm_s16le', path]);
    return path;
  };
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(() => {
    for (const w of workers) w.kill('SIGKILL');
    cluster?.stop();
    temp.cleanup();
  });

  it('analyses what was queued before it started, once; a bad file fails by name, the rest go on; a new worker takes later jobs', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase('queue_a');
    const library = join(temp.dir, 'a.sqlite');
    const calls = [clip('a1.wav', 'call_000.wav', 0, 12), clip('a2.wav', 'call_001.wav', 10, 12)];
    const bad = join(temp.dir, 'broken.wav');
    writeFileSync(bad, 'not audio at all');
    expect(emoqa(['enqueue', ...calls, bad, '--database-url', url])).toMatchObject({ code: 0, stdout: 'queued 3, already queued 0\n' });
    expect(emoqa(['enqueue', calls[0], '--database-url', url]).stdout).toBe('queued 0, already queued 1\n');
    expect(status(url).counts).toEqual({ queued: 3, active: 0, completed: 0, failed: 0 });

    const first = startWorker(url, library);
    workers.push(first);
    await until('the first jobs', () => {
      const { counts } = status(url);
      return counts.completed === 2 && counts.failed === 1;
    });
    const now = status(url);
    expect(now.recentFailures).toEqual([expect.objectContaining({ file: bad, error: expect.stringContaining(`${bad}: `) })]);
    expect(now.workers).toEqual([expect.objectContaining({ alive: true, done: 2, failed: 2, current: [] })]);
    expect(now.callsPerMinute).toBeGreaterThan(0);
    expect(now.etaS).toBe(0);
    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect(first.output()).toMatch(/emoqa worker stopped/);
    expect(status(url).workers).toEqual([]);

    // Queued while no worker runs: kept in PostgreSQL until the next worker starts.
    const later = clip('a3.wav', 'call_002.wav', 20, 12);
    expect(emoqa(['enqueue', temp.dir, '--database-url', url]).stdout).toBe('queued 4, already queued 0\n');
    const second = startWorker(url, library);
    workers.push(second);
    await until('the later jobs', () => status(url).counts.queued + status(url).counts.active === 0);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    const stored = storedCalls(library);
    // Each call stored once though a1 and a2 were queued again: ingest found them analysed.
    expect(stored.filter((r) => r.status === 'done').map((r) => r.path)).toEqual([...calls, later]);
    expect(stored.every((r) => r.status !== 'done' || r.n > 0)).toBe(true);
  }, 90_000);

  it('a worker killed with -9 mid-job: another finishes the job after the lease, stored once', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase('queue_b');
    const library = join(temp.dir, 'b.sqlite');
    // An hour and a half of calls: its analysis outlasts the 4 s lease (about 11 s on one thread of an idle
    // machine; half an hour took 3.6 s there once analysis got faster, too short to show a renewal).
    const long = join(temp.dir, 'b1.wav');
    const parts = Array.from({ length: 45 }, (_, i) => `call_00${i % 3}.wav`);
    ffmpegMake([...parts.flatMap((p) => ['-i', join(callsDir, p)]), '-filter_complex', `concat=n=${parts.length}:v=0:a=1`, '-c:a', 'pcm_s16le', long]);
    expect(emoqa(['enqueue', long, '--database-url', url]).code).toBe(0);
    const live = await watch(url);
    const doomed = startWorker(url, library);
    workers.push(doomed);
    await until('the job to start', async () => (await live.status()).workers.some((w) => w.current.some((c) => c.file === long)));
    await live.close();
    doomed.kill('SIGKILL');
    await exited(doomed);
    expect(status(url).counts).toMatchObject({ active: 1, completed: 0 });

    const rescuer = startWorker(url, library);
    workers.push(rescuer);
    await until('the retried job', () => status(url).counts.completed === 1, 120_000).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${JSON.stringify(status(url))}\n${doomed.output()}\n${rescuer.output()}`);
    });
    rescuer.kill('SIGTERM');
    expect(await exited(rescuer)).toBe(0);
    // Its analysis outlived the 4 s lease: renewed while it ran, so the job was not taken from it.
    const took = Number(/✓ \S+ \(([\d.]+) s\)/.exec(rescuer.output())?.[1]);
    expect(took).toBeGreaterThan(4);
    const stored = storedCalls(library);
    expect(stored.map((r) => [r.path, r.status])).toEqual([[long, 'done']]);
    expect(status(url).counts).toEqual({ queued: 0, active: 0, completed: 1, failed: 0 });
  }, 180_000);

  it('serves the same status through the contract (queue.status) and queues through it (queue.enqueue); neither without a queue; SQLite refused for one', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase('queue_c');
    const long = clip('c1.wav', 'call_000.wav', 30, 5);
    expect(emoqa(['enqueue', long, '--database-url', url]).code).toBe(0);
    const team = await openTeamDatabase(url);
    const boss = await openAnalysisQueue(url, queueSettings(env));
    const settings = queueSettings(env);
    const withQueue = await createAppServices({
      databasePath: join(temp.dir, 'c.sqlite'), appVersion: 'test', queueStatus: () => queueStatus(boss, team.db),
      queueEnqueue: (paths) => enqueuePaths(boss, paths, settings).then(countEnqueued),
    });
    const without = await createAppServices({ databasePath: join(temp.dir, 'c2.sqlite'), appVersion: 'test' });
    try {
      const served = await invokeHandler(withQueue.handlers, 'queue.status', {});
      expect(served).toEqual(status(url));
      expect(served?.counts).toEqual({ queued: 1, active: 0, completed: 0, failed: 0 });
      expect(served?.etaS).toBeNull(); // nothing finished yet: no rate to go by
      expect(await invokeHandler(without.handlers, 'queue.status', {})).toBeNull();
      // The CLI's enqueue, through the contract: the file the CLI queued waits once.
      expect(await invokeHandler(withQueue.handlers, 'queue.enqueue', { paths: [long] })).toEqual({ queued: 0, alreadyQueued: 1, problems: [] });
      expect((await invokeHandler(withQueue.handlers, 'queue.status', {}))?.counts.queued).toBe(1);
      await expect(invokeHandler(withQueue.handlers, 'queue.enqueue', { paths: ['relative/calls'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(invokeHandler(without.handlers, 'queue.enqueue', { paths: [long] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/no team queue here/) });
    } finally {
      await withQueue.close();
      await without.close();
      await boss.stop({ graceful: false });
      await team.close();
    }
    const sqlite = emoqa(['enqueue', long, '--database-url', `sqlite:${join(temp.dir, 'team.sqlite')}`]);
    expect(sqlite.code).toBe(1);
    expect(sqlite.stderr).toMatch(/analysis queue needs a PostgreSQL team database/);
  }, 60_000);
});
