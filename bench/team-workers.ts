/**
 * The workers half of `npm run bench:team`: `emoqa worker` processes (one analysis thread each) on a
 * pg-boss queue in a throwaway PostgreSQL database, analysing short realistic calls made with
 * ../shared/tools/make_calls.py (cached under .cache/bench/). Calls per minute come from pg-boss's
 * completion times (first to last completion, so the model's loading is left out of the rate).
 * Each worker's CPU is read from /proc before it stops, per thread: its analysis thread, its main
 * thread (pg-boss polling, ingest's hashing and probe, the SQLite write), V8's and libuv's helper
 * threads, and its reaped ffmpeg children. CPU-seconds per call hold under load where wall time does
 * not, and they bound the speed-up: two workers on 2 cores reach at most 2 × (one worker's wall per
 * call) / (its CPU per call). PostgreSQL's own CPU (the queue's fetch and complete, the heartbeats, the
 * library's writes) is counted beside it: on one machine it runs on the same cores as the workers.
 * BENCH_WORKER_NODE_ARGS (space-separated) adds node flags to the worker processes, for A/B runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ANALYSIS_QUEUE, openAnalysisQueue, queueSettings } from '../electron/services/team/analysis-queue';
import { makeTempDir, repoRoot, sharedDir } from '../test/helpers/fixtures';
import { makeCalls } from './python';
import { startPostgres, type PostgresCluster } from '../test/helpers/postgres';
import { describeCeiling, measureCpuCeiling } from './cpu-ceiling';

const bin = join(repoRoot, 'bin/emoqa.mjs');
const env = { ...process.env, EMOQA_QUEUE_POLL_S: '0.5' };
const workerNodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/**
 * `count` calls of `minutes` each, made once and kept. Made in a folder beside, and only the missing
 * ones moved in: the calls already there (the cache is shared, and some are links to the folder
 * bench's calls) stay what every earlier run measured, and a link is never written through.
 */
export function ensureBenchCalls(count: number, minutes: number): string[] {
  const dir = join(repoRoot, '.cache', 'bench', `team-calls-${minutes}min`);
  const wavs = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.wav')).sort() : []);
  if (wavs(dir).length < count) {
    mkdirSync(dir, { recursive: true });
    const making = mkdtempSync(`${dir}-making-`);
    try {
      process.stdout.write(`making ${count} realistic calls of ${minutes} min in ${dir} …\n`);
      makeCalls(making, { shared: sharedDir, scenario: 'realistic', calls: count, minutes, seed: 13 });
      for (const file of wavs(making)) if (!existsSync(join(dir, file))) renameSync(join(making, file), join(dir, file));
    } finally {
      rmSync(making, { recursive: true, force: true });
    }
  }
  return wavs(dir).slice(0, count).map((f) => join(dir, f));
}

export interface WorkerCpu {
  /** CPU seconds of the analysis thread (the busiest thread besides the main one). */
  analysisS: number;
  mainS: number;
  /** V8's platform threads (GC, compiler), libuv's pool. */
  helpersS: number;
  /** Reaped children: the ffmpeg decoders (and any ffprobe). */
  childrenS: number;
}

export interface WorkersRun {
  workers: number;
  calls: number;
  failed: number;
  callsPerMinute: number;
  wallS: number;
  /** Summed over the workers, from their start (model loading included). */
  cpu: WorkerCpu;
  /** The largest peak RSS (VmHWM) of the worker processes, MB. */
  peakRssMb: number;
  /** PostgreSQL's CPU-seconds over the same time (its backends, reaped or running, and the postmaster). */
  postgresS: number;
  /** Summed over the workers from the first completion seen to the end, and the calls completed in between. */
  steady: { cpu: WorkerCpu; postgresS: number; calls: number } | null;
}

const TICK_S = 0.01; // USER_HZ of /proc/*/stat

/** utime + stime (and the reaped children's cutime + cstime) of a /proc stat line. */
function statTimes(path: string): { own: number; children: number } {
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return { own: (Number(fields[11]) + Number(fields[12])) * TICK_S, children: (Number(fields[13]) + Number(fields[14])) * TICK_S };
}

/** The CPU of a running worker process, split by thread (see WorkerCpu). */
export function workerCpu(pid: number): WorkerCpu {
  const threads = readdirSync(`/proc/${pid}/task`).map((tid) => ({ tid: Number(tid), ...statTimes(`/proc/${pid}/task/${tid}/stat`) }));
  const main = threads.find((t) => t.tid === pid)?.own ?? 0;
  const others = threads.filter((t) => t.tid !== pid).sort((a, b) => b.own - a.own);
  const analysis = others[0]?.own ?? 0;
  const total = threads.reduce((sum, t) => sum + t.own, 0);
  return { analysisS: analysis, mainS: main, helpersS: total - main - analysis, childrenS: statTimes(`/proc/${pid}/stat`).children };
}

/** The postmaster's CPU and its children's: the running backends' own, the exited ones' reaped. */
export function postgresCpu(postmaster: number): number {
  const ppid = (pid: string): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (Number(pid) !== postmaster && ppid(pid) !== postmaster) continue;
      const t = statTimes(`/proc/${pid}/stat`);
      sum += t.own + t.children;
    } catch {
      // exited while we looked: its time is in the postmaster's reaped children now
    }
  }
  return sum;
}

function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

function addCpu(a: WorkerCpu, b: WorkerCpu): WorkerCpu {
  return { analysisS: a.analysisS + b.analysisS, mainS: a.mainS + b.mainS, helpersS: a.helpersS + b.helpersS, childrenS: a.childrenS + b.childrenS };
}

function subCpu(a: WorkerCpu, b: WorkerCpu): WorkerCpu {
  return { analysisS: a.analysisS - b.analysisS, mainS: a.mainS - b.mainS, helpersS: a.helpersS - b.helpersS, childrenS: a.childrenS - b.childrenS };
}

const NO_CPU: WorkerCpu = { analysisS: 0, mainS: 0, helpersS: 0, childrenS: 0 };

function totalCpu(children: ChildProcess[]): WorkerCpu {
  return children.reduce((sum, c) => (c.pid && c.exitCode === null ? addCpu(sum, workerCpu(c.pid)) : sum), NO_CPU);
}

async function completionTimes(url: string): Promise<{ done: Date[]; failed: number; left: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; completed_on: Date | null }>(`SELECT state::text AS state, completed_on FROM pgboss.job WHERE name = $1`, [ANALYSIS_QUEUE]);
    return {
      done: rows.filter((r) => r.state === 'completed' && r.completed_on).map((r) => r.completed_on as Date).sort((a, b) => a.getTime() - b.getTime()),
      failed: rows.filter((r) => r.state === 'failed').length,
      left: rows.filter((r) => !['completed', 'failed', 'cancelled'].includes(r.state)).length,
    };
  } finally {
    await client.end();
  }
}

async function printFailures(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ error: string }>(`SELECT output->>'message' AS error FROM pgboss.job WHERE name = $1 AND state = 'failed' LIMIT 5`, [ANALYSIS_QUEUE]);
    for (const row of rows) process.stderr.write(`  failed: ${row.error}\n`);
  } finally {
    await client.end();
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Queues `calls` on a fresh queue database and runs `workers` worker processes into `library` (the
 * server's, as in a team: its label saves share the file) until every job is done.
 */
export async function runWorkers(cluster: PostgresCluster, library: string, calls: string[], workers: number): Promise<WorkersRun> {
  const url = await cluster.createDatabase(`workers_${workers}_${Date.now()}`);
  const enqueue = spawnSync(process.execPath, [bin, 'enqueue', ...calls, '--database-url', url], { cwd: repoRoot, env, encoding: 'utf8' });
  if (enqueue.status !== 0) throw new Error(`emoqa enqueue failed: ${enqueue.stderr}`);
  const started = performance.now();
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [...workerNodeArgs, bin, 'worker', '--database-url', url, '--db', library, '--concurrency', '1'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const postgresAtStart = postgresCpu(cluster.pid());
  let first: { cpu: WorkerCpu; postgresS: number; done: number } | null = null;
  try {
    for (;;) {
      const times = await completionTimes(url);
      // Start-up (bundle, model) left out: CPU from the first completion seen, per call completed since.
      if (!first && times.done.length > 0 && times.left > 0) first = { cpu: totalCpu(children), postgresS: postgresCpu(cluster.pid()), done: times.done.length };
      if (times.left === 0) {
        if (times.failed > 0) await printFailures(url);
        const span = (times.done.at(-1)?.getTime() ?? 0) - (times.done[0]?.getTime() ?? 0);
        const callsPerMinute = times.done.length > 1 && span > 0 ? ((times.done.length - 1) * 60_000) / span : Number.NaN;
        const cpu = totalCpu(children);
        const postgresS = postgresCpu(cluster.pid());
        const steady = first && times.done.length > first.done
          ? { cpu: subCpu(cpu, first.cpu), postgresS: postgresS - first.postgresS, calls: times.done.length - first.done } : null;
        const peak = Math.max(...children.map((c) => (c.pid && c.exitCode === null ? peakRssMb(c.pid) : 0)));
        return { workers, calls: times.done.length, failed: times.failed, callsPerMinute, wallS: (performance.now() - started) / 1000, cpu, peakRssMb: peak, postgresS: postgresS - postgresAtStart, steady };
      }
      if (children.every((c) => c.exitCode !== null)) throw new Error('every worker exited before the queue was empty');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await Promise.all(children.map(stop));
  }
}

export interface QueueThroughput {
  jobs: number;
  enqueuePerS: number;
  fetchCompletePerS: number;
}

/**
 * pg-boss's own cost, without analysis: `jobs` sends (one at a time, keyed as `emoqa enqueue` does),
 * then fetch + complete one at a time, as a worker slot does. Far above calls per minute either way.
 */
export async function queueThroughput(cluster: PostgresCluster, jobs = 2000): Promise<QueueThroughput> {
  const url = await cluster.createDatabase(`throughput_${Date.now()}`);
  const settings = queueSettings({});
  const boss = await openAnalysisQueue(url, settings);
  try {
    let started = performance.now();
    for (let i = 0; i < jobs; i++) await boss.send(ANALYSIS_QUEUE, { path: `/calls/${i}.wav` }, { singletonKey: `/calls/${i}.wav`, expireInSeconds: settings.leaseS });
    const enqueueS = (performance.now() - started) / 1000;
    started = performance.now();
    for (;;) {
      const [job] = await boss.fetch(ANALYSIS_QUEUE, { batchSize: 1 });
      if (!job) break;
      await boss.complete(ANALYSIS_QUEUE, job.id, { recordingId: 'x' });
    }
    const drainS = (performance.now() - started) / 1000;
    return { jobs, enqueuePerS: jobs / enqueueS, fetchCompletePerS: jobs / drainS };
  } finally {
    await boss.stop({ graceful: false });
  }
}

/** CPU-seconds per call by where they are spent, and the speed-up two workers could reach on 2 cores. */
export function printCpu(run: WorkersRun): void {
  const line = (what: string, cpu: WorkerCpu, postgresS: number, calls: number): number => {
    const per = (v: number): string => (v / calls).toFixed(3);
    const total = cpu.analysisS + cpu.mainS + cpu.helpersS + cpu.childrenS;
    process.stdout.write(`  ${run.workers} worker(s), CPU-s per call ${what}: analysis thread ${per(cpu.analysisS)}, main thread ${per(cpu.mainS)}, `
      + `V8/libuv helpers ${per(cpu.helpersS)}, ffmpeg ${per(cpu.childrenS)}; total ${per(total)} (outside the analysis thread ${((100 * (total - cpu.analysisS)) / total).toFixed(0)}%); `
      + `PostgreSQL ${per(postgresS)}\n`);
    return (total + postgresS) / calls;
  };
  line(`(${run.calls} calls, start and model load included; peak RSS ${run.peakRssMb.toFixed(0)} MB)`, run.cpu, run.postgresS, run.calls);
  if (!run.steady) return;
  const perCall = line(`(${run.steady.calls} calls after the first completion)`, run.steady.cpu, run.steady.postgresS, run.steady.calls);
  if (run.workers === 1) {
    const wallPerCall = 60 / run.callsPerMinute;
    const busy = perCall / wallPerCall;
    process.stdout.write(`  one worker: ${wallPerCall.toFixed(3)} s wall per call, ${busy.toFixed(2)} cores busy (PostgreSQL included); on 2 idle cores two workers `
      + `reach at most 2 / max(1, ${busy.toFixed(2)}) = ${(2 / Math.max(1, busy)).toFixed(2)}× (at this load one worker's wall time is stretched, so the bound is loose)\n`);
  }
}

/**
 * `npx tsx bench/team-workers.ts [CALLS] [MINUTES] [--one]`: 1 worker on CALLS calls of MINUTES each
 * (default 20, 0.5), then 2 workers on CALLS calls each, no reviewers. Each worker does the same
 * number of calls in both phases: a worker's first calls run slower while V8 compiles the analysis
 * (the first three 30-second calls take ~2-4x the later ones), and with the same calls shared by two
 * workers that warm-up would weigh twice as much in the two-worker rate as in the one-worker rate,
 * although a worker that runs all night pays it once. `--one`: the one-worker phase only (for A/B runs).
 */
async function main(): Promise<void> {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const count = Number(positional[0] ?? 20);
  const minutes = Number(positional[1] ?? 0.5);
  const onlyOne = process.argv.includes('--one');
  const calls = ensureBenchCalls(onlyOne ? count : count * 3, minutes);
  const cluster = await startPostgres();
  const temp = makeTempDir('emoqa-workers-bench-');
  try {
    const library = join(temp.dir, 'library.sqlite');
    const one = await runWorkers(cluster, library, calls.slice(0, count), 1);
    printCpu(one);
    if (onlyOne) {
      process.stdout.write(`1 worker ${one.callsPerMinute.toFixed(1)} calls/min (${count} calls of ${minutes} min, failed ${one.failed}); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores\n`);
      return;
    }
    const two = await runWorkers(cluster, library, calls.slice(count, count * 3), 2);
    printCpu(two);
    process.stdout.write(
      `workers bench (no reviewers): 1 worker ${one.callsPerMinute.toFixed(1)} calls/min, 2 workers ${two.callsPerMinute.toFixed(1)} calls/min: ` +
        `${(two.callsPerMinute / one.callsPerMinute).toFixed(2)}× (${count} calls of ${minutes} min per worker, failed ${one.failed}+${two.failed}); ` +
        `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores\n`,
    );
    process.stdout.write(`  ${describeCeiling(await measureCpuCeiling())}\n`);
  } finally {
    cluster.stop();
    temp.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
