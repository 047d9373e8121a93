/**
 * The analysis queue from the UI, in Chromium: a lead queues a server-side folder from Open folder
 * (`queue.enqueue`, role-checked by the server: a reviewer gets 403), and a real `emoqa worker`
 * process (the shipped model, real ffmpeg, the same PostgreSQL and library file) analyses the
 * calls while the queue panel shows them queued, running (which worker, which file), an ETA, and done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ffmpegMake, makeTempDir } from '../helpers/fixtures';
import { postgresNeed } from '../helpers/postgres';
import { describeNeeding, needs } from '../helpers/requirements';
import { callsDir, repoRoot, resultsDir } from './helpers/app-under-test';
import { signedInPage, startTeamApp, type TeamApp } from './helpers/team-app';

const PASSWORD = 'the team has long passwords';
const env = { ...process.env, EMOQA_QUEUE_LEASE_S: '30', EMOQA_QUEUE_RETRIES: '1', EMOQA_QUEUE_POLL_S: '0.5' };
// Half an hour each (a shared two-minute call looped 15 times), so each stays 'analysing' across a few
// polls of the panel (1.5 s) even on a fast idle machine, where half an hour takes about 3.6 s.
const FILES = [['lines-a.wav', 'call_000.wav'], ['lines-b.wav', 'call_001.wav'], ['lines-c.wav', 'call_002.wav']] as const;

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describeNeeding([postgresNeed(), needs.calls(), needs.model()], 'the analysis queue panel with a real worker, in Chromium', () => {
  const temp = makeTempDir('emoqa-queue-panel-');
  const incoming = join(temp.dir, 'incoming');
  let app: TeamApp | undefined;
  let worker: (ChildProcess & { output: () => string }) | undefined;

  beforeAll(async () => {
    mkdirSync(incoming);
    for (const [name, source] of FILES) ffmpegMake(['-stream_loop', '14', '-i', join(callsDir, source), '-c:a', 'pcm_s16le', join(incoming, name)]);
    app = await startTeamApp([['lea', 'lead'], ['rex', 'reviewer']], PASSWORD, () => undefined, {}, { queue: env });
  }, 300_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGKILL');
      await exited(worker);
    }
    await app?.close();
    temp.cleanup();
  });

  /** Every distinct text the panel shows until `done` holds (the DOM is read far more often than the panel polls). */
  async function watchPanel(page: Page, done: (counts: string) => boolean, timeoutMs: number): Promise<{ counts: string[]; workers: string[] }> {
    const seen = { counts: [] as string[], workers: [] as string[] };
    const end = Date.now() + timeoutMs;
    for (;;) {
      const counts = (await page.getByTestId('queue-counts').textContent({ timeout: 1000 }).catch(() => null)) ?? '';
      const workers = await page.getByTestId('queue-worker').allTextContents();
      if (counts && seen.counts.at(-1) !== counts) seen.counts.push(counts);
      for (const line of workers) if (seen.workers.at(-1) !== line) seen.workers.push(line);
      if (done(counts)) return seen;
      if (Date.now() > end) throw new Error(`the queue did not finish; the panel showed ${JSON.stringify(seen)}; worker: ${worker?.output() ?? 'none'}`);
      await page.waitForTimeout(200);
    }
  }

  it('a reviewer may not queue files (403 from the server)', async () => {
    const page = await signedInPage(app, 'rex', PASSWORD);
    await page.getByText('rex · reviewer').waitFor();
    const status = await page.evaluate(async (dir) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/rpc/queue.enqueue', { method: 'POST', headers: { 'content-type': 'application/json', 'x-emoqa-csrf': session.csrfToken }, body: JSON.stringify({ paths: [dir] }) });
      return response.status;
    }, incoming);
    expect(status).toBe(403);
    await page.context().close();
  }, 120_000);

  it('a lead queues a folder; the panel shows it queued, each file running on the worker with an ETA, then done', async () => {
    if (!app) throw new Error('setup failed');
    const page = await signedInPage(app, 'lea', PASSWORD);
    await page.getByText('lea · lead').waitFor();
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByLabel('Folder path').fill(incoming);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByText('lines-c.wav').waitFor();
    await page.getByRole('button', { name: 'Queue 3 calls for the workers' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued 3 files' }).waitFor();
    await expect.poll(() => page.getByTestId('queue-counts').textContent()).toBe('3 queued · 0 analysing · 0 done · 0 failed · estimating…');
    await page.screenshot({ path: join(resultsDir, 'team-queue-queued.png') });

    const child = spawn(process.execPath, [join(repoRoot, 'bin/emoqa.mjs'), 'worker', '--database-url', app.databaseUrl, '--db', app.libraryPath], { cwd: repoRoot, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker = Object.assign(child, { output: () => output });
    const seen = await watchPanel(page, (counts) => counts.startsWith('0 queued · 0 analysing · 3 done'), 240_000);
    await page.screenshot({ path: join(resultsDir, 'team-queue-done.png') });

    expect(seen.counts.at(-1)).toBe('0 queued · 0 analysing · 3 done · 0 failed');
    // Running: one file at a time (concurrency 1), the others waiting, an ETA once the first is done.
    expect(seen.counts.some((text) => /^[12] queued · 1 analysing · [01] done · 0 failed · /.test(text))).toBe(true);
    expect(seen.counts.some((text) => /· 1 analysing · [12] done · 0 failed · (about \d+:\d\d left|almost done)$/.test(text))).toBe(true);
    const pid = String(child.pid);
    const running = seen.workers.filter((line) => line.includes(`:${pid} — lines-`) && line.includes(' since '));
    expect(new Set(running.map((line) => /lines-[abc]\.wav/.exec(line)?.[0])).size).toBeGreaterThanOrEqual(2);
    expect(seen.workers.at(-1)).toMatch(new RegExp(`:${pid} — idle · 3 done$`));

    // The worker stored the calls in the server's library.
    await page.reload();
    await page.getByText('lea · lead').waitFor();
    await page.getByRole('button', { name: /^All calls/ }).click();
    for (const [name] of FILES) await page.getByRole('link', { name, exact: true }).waitFor();
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    await page.context().close();
  }, 400_000);
});
