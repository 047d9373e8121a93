/**
 * `emoqa server` on a PostgreSQL team database serves the analysis queue's status to a signed-in
 * reviewer (`queue.status`), the same figures `emoqa status` prints; without a session, 401.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queueStatusSchema } from '../../../electron/shared/queue-status';
import { makeTempDir, repoRoot } from '../../helpers/fixtures';
import { sendRaw } from '../../helpers/http-request';
import { startPostgres, postgresNeed, type PostgresCluster } from '../../helpers/postgres';
import { describeNeeding } from '../../helpers/requirements';

const bin = join(repoRoot, 'bin/emoqa.mjs');

function emoqa(args: string[], input = '') {
  return spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, input, encoding: 'utf8', timeout: 60_000 });
}

describeNeeding([postgresNeed()], 'emoqa server with the analysis queue', () => {
  const temp = makeTempDir('emoqa-queue-server-');
  let cluster: PostgresCluster | undefined;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(() => {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    cluster?.stop();
    temp.cleanup();
  });

  it('answers queue.status to a reviewer with the queue as emoqa status sees it', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase('queue_server');
    const call = join(temp.dir, 'call.wav');
    writeFileSync(call, 'queued, not yet analysed');
    expect(emoqa(['users', 'add', 'rex', '--role', 'reviewer', '--database-url', url], 'a long reviewer password\n').status).toBe(0);
    expect(emoqa(['enqueue', call, '--database-url', url]).stdout).toBe('queued 1, already queued 0\n');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    child = spawn(process.execPath, [bin, 'server', '--database-url', url, '--db', join(temp.dir, 'library.sqlite'), '--port', String(port), '--static', join(temp.dir, 'none')], {
      cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child?.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/Ctrl\+C to stop/.test(out)) resolve();
      });
      child?.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child?.once('exit', (code) => reject(new Error(`emoqa server exited ${code}: ${out}`)));
    });
    const origin = `http://127.0.0.1:${port}`;
    const rpc = (headers: Record<string, string>) => sendRaw(port, '/rpc/queue.status', { method: 'POST', headers: { 'content-type': 'application/json', origin, ...headers }, body: '{}' });
    expect((await rpc({})).status).toBe(401);
    const login = await sendRaw(port, '/api/session', {
      method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ name: 'rex', password: 'a long reviewer password' }),
    });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const { csrfToken } = JSON.parse(login.body.toString()) as { csrfToken: string };
    const answer = await rpc({ cookie, 'x-emoqa-csrf': csrfToken });
    expect(answer.status).toBe(200);
    const served = queueStatusSchema.parse((JSON.parse(answer.body.toString()) as { result: unknown }).result);
    expect(served.counts).toEqual({ queued: 1, active: 0, completed: 0, failed: 0 });
    const printed = queueStatusSchema.parse(JSON.parse(emoqa(['status', '--json', '--database-url', url]).stdout));
    expect(served).toEqual(printed);
  }, 90_000);
});
