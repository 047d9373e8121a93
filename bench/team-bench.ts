/**
 * `npm run bench:team`: simulated reviewers saving labels through the team server, loopback only,
 * bounded in time. Accounts on a throwaway PostgreSQL, the library in SQLite, real HTTP with
 * sessions and CSRF tokens. Each reviewer relabels its own labels and, one save in four, one of a
 * few labels everyone shares (so versions conflict); a refused save re-reads and retries, as the
 * call view does. Prints saves per second, p50/p95 save latency, conflicts, and lost edits (saves
 * answered OK whose change no version accounts for: must be 0). Clients and server share this
 * process's event loop, so latencies include the clients' own work.
 * Meanwhile `emoqa worker` processes analyse calls from the pg-boss queue (bench/team-workers.ts):
 * one worker, then two, one analysis thread each; calls per minute of each and the save latency
 * while the two run. Reviewers save until the workers are done and at least --seconds have passed.
 * Options: --seconds N (default 60; the issue's run is 300), --reviewers N (default 20),
 * --calls N (two workers, default 50), --single-calls N (one worker, default 20),
 * --minutes M (length of each call, default 0.5), --no-workers.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openTeamDatabase } from '../electron/db/team-database';
import { startTeamServer } from '../electron/http/team/team-server';
import { createAppServices } from '../electron/services/app-services';
import { UsersService } from '../electron/services/team/users-service';
import { EMOTIONS, type HumanLabel } from '../electron/shared/domain';
import { makeTempDir } from '../test/helpers/fixtures';
import { startPostgres } from '../test/helpers/postgres';
import { fakeResult, region, seedRecording } from '../test/unit/electron/services/store-helpers';
import { ensureBenchCalls, queueThroughput, runWorkers, type WorkersRun } from './team-workers';
import { describeCeiling, measureCpuCeiling } from './cpu-ceiling';

const PASSWORD = 'bench reviewer password';
const P95_TARGET_MS = 50;
const SPEEDUP_TARGET = 1.8;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

interface Answer {
  status: number;
  /** The saved label (labels.create / labels.update). */
  label: HumanLabel | null;
  /** The call's labels (recordings.regions). */
  labels: HumanLabel[];
}

type Call = (method: string, args: object) => Promise<Answer>;

/** Requests that got no answer at all (counted among the failures). */
let resets = 0;

async function signIn(origin: string, name: string): Promise<Call> {
  const login = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method, args) => {
    const response = await fetch(`${origin}/rpc/${method}`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-emoqa-csrf': csrfToken }, body: JSON.stringify(args),
    }).catch((error: unknown) => {
      // A reset kept-alive socket (the client reusing one the server just closed): a failed save, counted.
      resets += 1;
      console.error(`bench: ${method}: ${(error as Error).message}`);
      return null;
    });
    if (!response) return { status: 0, label: null, labels: [] };
    const body = (await response.json()) as { ok: boolean; result?: HumanLabel | { labels: HumanLabel[] } };
    const result = body.ok ? body.result : undefined;
    return {
      status: response.status,
      label: result && 'version' in result ? result : null,
      labels: result && 'labels' in result ? result.labels : [],
    };
  };
}

export async function runTeamBench(seconds = option('seconds', 60), reviewers = option('reviewers', 20)): Promise<void> {
  const temp = makeTempDir('emoqa-team-bench-');
  const cluster = await startPostgres();
  const team = await openTeamDatabase(await cluster.createDatabase('team_bench'));
  const libraryPath = join(temp.dir, 'library.sqlite');
  const services = await createAppServices({ databasePath: libraryPath, appVersion: 'bench' });
  const server = await startTeamServer({ handlers: services.handlers, events: services.events, team });
  try {
    // Calls are made before anyone signs in: a client left idle while they are made (tens of seconds)
    // finds its keep-alive socket closed by the server, and its first save fails without an answer.
    let workersRunning = process.argv.includes('--no-workers') ? false : true;
    const calls2 = option('calls', 50);
    const calls1 = option('single-calls', 20);
    const benchCalls = workersRunning ? ensureBenchCalls(calls1 + calls2, option('minutes', 0.5)) : [];
    const names = Array.from({ length: reviewers }, (_, i) => `reviewer${i + 1}`);
    const users = new UsersService(team.db);
    for (const name of names) await users.add(name, 'reviewer', PASSWORD);
    const calls = await Promise.all(Array.from({ length: 5 }, () => seedRecording(services.db, fakeResult(600, [[region(0, 600, 'neutral')], [region(0, 600, 'neutral')]]))));
    const clients = await Promise.all(names.map((name) => signIn(server.origin, name)));
    const create = async (call: Call, recordingId: string, start: number) => (await call('labels.create', { recordingId, channel: 0, start, end: start + 2, emotion: 'sad' })).label;
    const shared = await Promise.all([0, 1, 2].map((k) => create(clients[0], calls[0], 500 + k * 5)));
    const own = await Promise.all(clients.map((call, i) => Promise.all([0, 1, 2].map((k) => create(call, calls[i % calls.length], i * 20 + k * 5)))));
    // What each reviewer's open call shows: the versions it loaded, then those of its own saves.
    const seed = new Map<number, number>();
    for (const label of [...shared, ...own.flat()]) if (label) seed.set(label.id, label.version);

    const latencies: Array<{ at: number; ms: number }> = [];
    let saves = 0;
    let conflicts = 0;
    let failures = 0;
    let overwritten = 0;
    const deadline = performance.now() + seconds * 1000;
    const reviewer = async (call: Call, mine: Array<HumanLabel | null>) => {
      const known = new Map(seed);
      while (performance.now() < deadline || workersRunning) {
        const target = Math.random() < 0.25 ? shared[Math.floor(Math.random() * shared.length)] : mine[Math.floor(Math.random() * mine.length)];
        if (!target) throw new Error('a seed label was not created');
        const emotion = EMOTIONS[Math.floor(Math.random() * EMOTIONS.length)];
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const started = performance.now();
          const from = known.get(target.id) ?? 1;
          const answer = await call('labels.update', { id: target.id, version: from, emotion });
          latencies.push({ at: started, ms: performance.now() - started });
          if (answer.label) {
            saves += 1;
            // Accepted over a version this reviewer never saw: someone's edit was overwritten unseen.
            if (answer.label.version !== from + 1) overwritten += 1;
            known.set(target.id, answer.label.version);
            break;
          }
          if (answer.status !== 409) {
            failures += 1;
            break;
          }
          conflicts += 1;
          // As the call view does: re-read the call's labels, then save from the version shown.
          const fresh = (await call('recordings.regions', { id: calls[0] })).labels.find((label) => label.id === target.id);
          if (fresh) known.set(target.id, fresh.version);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
      }
    };
    const startedAt = performance.now();
    const load = Promise.all(clients.map((call, i) => reviewer(call, own[i])));
    let single: WorkersRun | null = null;
    const queue = workersRunning ? await queueThroughput(cluster) : null;
    let pair: WorkersRun | null = null;
    let pairWindow: [number, number] = [0, 0];
    try {
      if (workersRunning) {
        // Different calls for each run: the library would find the first run's calls analysed already.
        single = await runWorkers(cluster, libraryPath, benchCalls.slice(0, calls1), 1);
        const from = performance.now();
        pair = await runWorkers(cluster, libraryPath, benchCalls.slice(calls1, calls1 + calls2), 2);
        pairWindow = [from, performance.now()];
      }
    } finally {
      workersRunning = false;
    }
    await load;
    const elapsedS = (performance.now() - startedAt) / 1000;
    // After the load: what these 2 cores give two busy processes, the ceiling the workers' speed-up lives under.
    const ceiling = single && pair ? await measureCpuCeiling() : null;
    // Lost: saves accepted over an unseen edit, plus accepted saves the store does not account for
    // (every label started at version 1, each accepted save adds one and one audited update).
    const versions = services.db.prepare('SELECT COALESCE(SUM(version), 0) AS total, COUNT(*) AS n FROM labels').get() as { total: number; n: number };
    const audited = services.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update'").get() as { n: number };
    const lost = overwritten + Math.abs(saves - (versions.total - versions.n)) + Math.abs(saves - audited.n);
    const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
    const p95 = quantile(sorted, 0.95);
    const during = latencies.filter((l) => l.at >= pairWindow[0] && l.at < pairWindow[1]).map((l) => l.ms).sort((a, b) => a - b);
    const run = (r: WorkersRun) => `${r.callsPerMinute.toFixed(1)} calls/min (${r.calls} calls, ${r.failed} failed, ${r.wallS.toFixed(0)} s with model loading)`;
    const speedup = single && pair ? pair.callsPerMinute / single.callsPerMinute : Number.NaN;
    const workerLines = single && pair
      ? `  1 worker             ${run(single)}\n` +
        `  2 workers            ${run(pair)}: ${speedup.toFixed(2)}× (target ≥ ${SPEEDUP_TARGET}×: ${speedup >= SPEEDUP_TARGET ? 'met' : 'NOT met'})\n` +
        `  saves during 2       p50 ${quantile(during, 0.5).toFixed(1)} ms, p95 ${quantile(during, 0.95).toFixed(1)} ms (${during.length} saves)\n` +
        (ceiling ? `  ${describeCeiling(ceiling)}\n` : '')
      : '  workers              not run (--no-workers)\n';
    const queueLine = queue
      ? `  pg-boss alone        ${queue.enqueuePerS.toFixed(0)} enqueues/s, ${queue.fetchCompletePerS.toFixed(0)} fetch+complete/s (${queue.jobs} jobs, one at a time)\n`
      : '';
    process.stdout.write(
      `team bench: ${reviewers} reviewers, ${elapsedS.toFixed(0)} s, loopback, accounts on PostgreSQL, library on SQLite\n` +
        `  labels saved         ${saves} (${(saves / elapsedS).toFixed(1)} per second)\n` +
        `  save latency         p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target p95 ≤ ${P95_TARGET_MS} ms: ${p95 <= P95_TARGET_MS ? 'met' : 'NOT met'})\n` +
        `  conflicts            ${conflicts} refused as stale, re-read and retried; other failures ${failures} (${resets} without an answer)\n` +
        `  lost edits           ${lost} (must be 0)\n` +
        queueLine +
        workerLines +
        `  load average         ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; ${cpus().length} cores)\n`,
    );
  } finally {
    await server.close();
    await services.close();
    await team.close();
    cluster.stop();
    temp.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runTeamBench();
