/**
 * `npm start` where the Electron binary is missing (forced with electron's own
 * ELECTRON_OVERRIDE_DIST_PATH, so this runs the same on a machine that has the binary): one line
 * says so, then browser mode is built, served and its URL printed, and the URL serves the app.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, repoRoot } from '../../helpers/fixtures';

const temp = makeTempDir('emoqa-start-');
afterAll(() => temp.cleanup());

describe('npm start without the Electron binary', () => {
  it('says so in one line and starts browser mode: build, serve, print the URL', async () => {
    const noBinary = join(temp.dir, 'no-electron');
    mkdirSync(noBinary);
    const child = spawn('npm', ['start', '--', '--out-dir', join(temp.dir, 'out'), '--db', join(temp.dir, 'start.sqlite')], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noBinary, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let running = true;
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    void closed.then(() => (running = false));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          const open = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(stdout);
          if (open) resolve(open[1]);
        });
        child.on('close', (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${stdout}\n${stderr}`)));
      });
      const notice = stdout.split('\n').filter((line) => /Electron/.test(line));
      expect(notice).toEqual([expect.stringMatching(/^emoqa: the Electron binary is not installed .*; starting browser mode instead/)]);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
      expect((await fetch(new URL('/', url))).status).toBe(401);
    } finally {
      if (running && child.pid) process.kill(-child.pid, 'SIGTERM');
      await closed;
    }
  }, 300_000);
});
