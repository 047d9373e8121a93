/**
 * The team as its operator runs it, every piece a separate process of the CLI on one PostgreSQL
 * database: an account from `emoqa users add`, `emoqa server`, a call queued with `emoqa enqueue` and
 * analysed by `emoqa worker`. A signed-in reviewer gets the queue's status from the server
 * (`queue.status`, the same figures `emoqa status` prints; without a session, 401), then the call the
 * worker stored in the server's library (`recordings.list`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queueStatusSchema, type QueueStatus } from '../../../electron/shared/queue-status';
import type { RecordingSummary } from '../../../electron/shared/domain';
import { callsDir, ffmpegMake, makeTempDir, repoRoot } from '../../helpers/fixtures';
import { sendRaw } from '../../helpers/http-request';
import { startPostgres, postgresNeed, type PostgresCluster } from '../../helpers/postgres';
import { describeNeeding, needs } from '../../helpers/requirements';

const bin = join(repoRoot, 'bin/emoqa.mjs');
const env = { ...process.env, EMOQA_QUEUE_POLL_S: '0.5' };

function emoqa(args: string[], input = '') {
  return spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, input, encoding: 'utf8', timeout: 60_000, env });
}

/** A CLI process in its own group (the signal reaches what it started too), resolved once `ready` shows in its output. */
function started(args: string[], ready: RegExp): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const isReady = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`emoqa ${args[0]} exited ${code}: ${out}`)));
  });
  return { child, ready: isReady, output: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describeNeeding([postgresNeed(), needs.calls(), needs.model()], 'emoqa server, users, enqueue and worker on one PostgreSQL database', () => {
  const temp = makeTempDir('emoqa-queue-server-');
  let cluster: PostgresCluster | undefined;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(() => {
    for (const child of children) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    cluster?.stop();
    temp.cleanup();
  });

  it('a reviewer signs in to the server, sees the queue as emoqa status does, then the call a worker analysed', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase('queue_server');
    // One short call keeps it cheap: 8 s of a shared stereo call.
    const call = join(temp.dir, 'call.wav');
    ffmpegMake(['-t', '8', '-i', join(callsDir, 'call_000.wav'), '-c:a', 'pcm_s16le', call]);
    expect(emoqa(['users', 'add', 'rex', '--role', 'reviewer', '--database-url', url], 'a long reviewer password\n').status).toBe(0);
    expect(emoqa(['enqueue', call, '--database-url', url]).stdout).toBe('queued 1, already queued 0\n');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = started(['server', '--database-url', url, '--db', join(temp.dir, 'library.sqlite'), '--port', String(port), '--static', join(temp.dir, 'none')], /Ctrl\+C to stop/);
    children.push(server.child);
    await server.ready;

    const origin = `http://127.0.0.1:${port}`;
    const rpc = (method: string, headers: Record<string, string>) =>
      sendRaw(port, `/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, ...headers }, body: '{}' });
    expect((await rpc('queue.status', {})).status).toBe(401);
    expect((await rpc('recordings.list', {})).status).toBe(401);
    const login = await sendRaw(port, '/api/session', {
      method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ name: 'rex', password: 'a long reviewer password' }),
    });
    expect(login.status).toBe(200);
    const session = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-emoqa-csrf': (JSON.parse(login.body.toString()) as { csrfToken: string }).csrfToken };
    const result = async <T>(method: string): Promise<T> => {
      const answer = await rpc(method, session);
      expect(answer.status, answer.body.toString()).toBe(200);
      return (JSON.parse(answer.body.toString()) as { result: T }).result;
    };
    const served = queueStatusSchema.parse(await result<QueueStatus>('queue.status'));
    expect(served.counts).toEqual({ queued: 1, active: 0, completed: 0, failed: 0 });
    const printed = queueStatusSchema.parse(JSON.parse(emoqa(['status', '--json', '--database-url', url]).stdout));
    expect(served).toEqual(printed);
    expect(await result<RecordingSummary[]>('recordings.list')).toEqual([]);

    const worker = started(['worker', '--database-url', url, '--db', join(temp.dir, 'worker.sqlite')], /emoqa worker .* on /);
    children.push(worker.child);
    await worker.ready;
    const end = Date.now() + 60_000;
    let status = served;
    while (status.counts.completed + status.counts.failed === 0) {
      if (Date.now() > end) throw new Error(`the worker did not finish the call: ${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = queueStatusSchema.parse(await result<QueueStatus>('queue.status'));
    }
    expect(status.counts, worker.output()).toEqual({ queued: 0, active: 0, completed: 1, failed: 0 });
    const listed = await result<RecordingSummary[]>('recordings.list');
    expect(listed).toEqual([expect.objectContaining({ path: call, fileName: 'call.wav', status: 'done' })]);
    expect(listed[0].durationS).toBeCloseTo(8, 1);
    expect(listed[0].parties.length).toBe(2);

    worker.child.kill('SIGTERM');
    expect(await exited(worker.child)).toBe(0);
    expect(worker.output()).toMatch(/✓ .*call\.wav/);
  }, 120_000);
});
