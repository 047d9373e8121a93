/**
 * `emoqa server` as an operator starts it: a real process on a free port, accounts from
 * `emoqa users add`, behind a (simulated) TLS proxy: --public-origin and --trust-proxy.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, repoRoot } from '../../helpers/fixtures';
import { sendRaw } from '../../helpers/http-request';

const temp = makeTempDir('emoqa-server-cli-');
const emoqaBin = join(repoRoot, 'bin/emoqa.mjs');
const teamUrl = `sqlite:${join(temp.dir, 'team.sqlite')}`;
let child: ChildProcess | undefined;

afterAll(() => {
  // Its own process group: the signal reaches any child it started too.
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  temp.cleanup();
});

function started(args: string[]): Promise<string> {
  child = spawn(process.execPath, [emoqaBin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return new Promise((resolve, reject) => {
    let out = '';
    child?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/\(Ctrl\+C to stop\)/.test(out)) resolve(out);
    });
    child?.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child?.once('exit', (code) => reject(new Error(`emoqa server exited ${code}: ${out}`)));
  });
}

describe('emoqa server', () => {
  it('serves sign-in behind a proxy: the public origin only, a Secure cookie, a guessed name locked across forwarded addresses', async () => {
    const add = spawnSync(process.execPath, [emoqaBin, 'users', 'add', 'ana', '--role', 'admin', '--database-url', teamUrl], {
      cwd: repoRoot, input: 'a long admin password\n', encoding: 'utf8', timeout: 60_000,
    });
    expect(add.status, add.stderr).toBe(0);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const out = await started(['server', '--database-url', teamUrl, '--db', join(temp.dir, 'library.sqlite'), '--port', String(port),
      '--public-origin', 'https://qa.example.com', '--trust-proxy', '--static', join(temp.dir, 'no-renderer')]);
    expect(out).toContain('Open https://qa.example.com/');
    expect(out).toMatch(/library +.*library\.sqlite/);
    expect(out).toMatch(/accounts .*team\.sqlite \(sqlite\)/);

    const login = (origin: string, forwardedFor: string, password = 'a long admin password') =>
      sendRaw(port, '/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': forwardedFor, host: 'qa.example.com' },
        body: JSON.stringify({ name: 'ana', password }),
      });
    expect((await login('http://127.0.0.1:' + port, '203.0.113.9')).status).toBe(403);
    const ok = await login('https://qa.example.com', '203.0.113.9');
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/; Secure$/);
    // Five wrong passwords lock the name, whichever addresses they come from.
    for (let i = 0; i < 5; i += 1) expect((await login('https://qa.example.com', `198.51.100.${i}`, 'wrong password')).status).toBe(401);
    expect((await login('https://qa.example.com', '198.51.100.77')).status).toBe(429);
  }, 120_000);

  it('refuses to start without a team database', () => {
    const result = spawnSync(process.execPath, [emoqaBin, 'server', '--db', join(temp.dir, 'library.sqlite')], {
      cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, EMOQA_DATABASE_URL: '' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--database-url URL or \$EMOQA_DATABASE_URL/);
  }, 60_000);
});
