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

async function until(what: string, check: () => boolean, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
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
    const long = clip('b1.wav', 'call_001.wav', 0, 40);
    expect(emoqa(['enqueue', long, '--database-url', url]).code).toBe(0);
    const doomed = startWorker(url, library);
    workers.push(doomed);
    await until('the job to start', () => status(url).workers.some((w) => w.current.some((c) => c.file === long)));
    doomed.kill('SIGKILL');
    await exited(doomed);
    expect(status(url).counts).toMatchObject({ active: 1, completed: 0 });

    const rescuer = startWorker(url, library);
    workers.push(rescuer);
    await until('the retried job', () => status(url).counts.completed === 1).catch((error: unknown) => {
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
  }, 90_000);
});
