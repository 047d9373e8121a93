/**
 * End-to-end analysis benchmark: synthetic two-party calls of 10 and 60 minutes (made once with
 * ../shared/tools/make_calls.py, cached under .cache/bench/) and a 2-hour file without speech, each
 * analysed through the worker pool in a fresh process, so that peak memory is that call's alone.
 * Prints wall time, × real time, the process's peak RSS (main thread + workers: threads share it)
 * and the peak RSS of the process tree (adds the ffmpeg decoders), sampled from /proc.
 * Run: npx tsx bench/analysis-bench.ts   (EMOQA_MODEL_DIR picks another model)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAnalysisPool } from '../electron/services/analysis/analysis-pool';
import { resolveFfmpeg } from '../ml/audio/ffmpeg-path';
import { makeCalls } from './python';

const root = resolve(import.meta.dirname, '..');
const cacheDir = join(root, '.cache', 'bench');
const shared = resolve(process.env.EMOQA_SHARED ?? join(root, '..', 'shared'));

export interface BenchRun {
  label: string;
  durationS: number;
  wallS: number;
  realTime: number;
  processPeakRssMB: number;
  treePeakRssMB: number | null;
  /** CPU seconds of the analysis: all threads of the process plus the ffmpeg decoders. */
  cpuS: number;
  speechS: number;
  regions: number;
}

export function ensureCall(minutes: number): string {
  const dir = join(cacheDir, `call-${minutes}min`);
  const wav = join(dir, 'call_000.wav');
  if (existsSync(wav)) return wav;
  mkdirSync(dir, { recursive: true });
  console.log(`making a ${minutes}-minute call in ${dir} …`);
  makeCalls(dir, { shared, calls: 1, minutes, show: true });
  return wav;
}

function ensureSilent(minutes: number): string {
  const path = join(cacheDir, `silent-${minutes}min.wav`);
  if (existsSync(path)) return path;
  mkdirSync(cacheDir, { recursive: true });
  // Faint line noise on both channels and not a word, stored like the calls (8 kHz μ-law).
  execFileSync(resolveFfmpeg().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `anoisesrc=r=8000:a=0.002:d=${minutes * 60}`,
    '-ac', '2', '-c:a', 'pcm_mulaw', path]);
  return path;
}

function rssKb(pid: string): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function childPids(): string[] {
  if (!existsSync('/proc/self/task')) return [];
  const pids: string[] = [];
  for (const task of readdirSync('/proc/self/task')) {
    try {
      pids.push(...readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
    } catch {
      // the thread ended meanwhile
    }
  }
  return pids;
}

/** CPU seconds used so far by a process (utime + stime, in clock ticks of 1/100 s). */
function cpuSeconds(pid: string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** RSS of this process plus its children (the ffmpeg decoders that the workers spawn). */
function treeRssKb(): number | null {
  if (!existsSync('/proc/self/status')) return null;
  return childPids().reduce((total, pid) => total + rssKb(pid), rssKb('self'));
}

/** Runs in the child process: one call through a fresh pool. */
async function measure(path: string, label: string): Promise<BenchRun> {
  const pool = createAnalysisPool();
  await pool.ready();
  let treePeak = treeRssKb();
  const childCpu = new Map<string, number>();
  const sampler = setInterval(() => {
    const now = treeRssKb();
    if (now !== null && treePeak !== null) treePeak = Math.max(treePeak, now);
    for (const pid of childPids()) childCpu.set(pid, Math.max(childCpu.get(pid) ?? 0, cpuSeconds(pid)));
  }, 50);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await pool.analyse(path, { roles: ['agent', 'customer'] });
    const wallS = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    let ffmpegCpu = 0;
    for (const seconds of childCpu.values()) ffmpegCpu += seconds;
    return {
      label,
      durationS: result.durationS,
      wallS,
      realTime: result.durationS / wallS,
      processPeakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
      treePeakRssMB: treePeak === null ? null : (treePeak * 1024) / 1e6,
      cpuS: (cpu.user + cpu.system) / 1e6 + ffmpegCpu,
      speechS: result.channels.reduce((s, c) => s + c.talkTimeS, 0),
      regions: result.channels.reduce((s, c) => s + c.regions.length, 0),
    };
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
}

function measureInChild(path: string, label: string): Promise<BenchRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', path, label], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`bench child failed (${code}): ${out}`));
      else resolvePromise(JSON.parse(line) as BenchRun);
    });
  });
}

export async function runAnalysisBench(): Promise<BenchRun[]> {
  const inputs: Array<[string, string]> = [
    [ensureCall(10), '10 min call'],
    [ensureCall(60), '60 min call'],
    [ensureSilent(120), '120 min, no speech'],
  ];
  console.log(`analysis bench — ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} (other work on the machine slows these figures)`);
  const runs: BenchRun[] = [];
  for (const [path, label] of inputs) runs.push(await measureInChild(path, label));
  const fmt = (v: number | null, d = 0): string => (v === null ? 'n/a' : v.toFixed(d));
  // On a shared machine the wall time reflects the others' load; CPU time does not, and
  // audio / (CPU / 2) is the speed two otherwise idle cores would give (the work runs in parallel).
  console.log(['input'.padEnd(20), 'audio s', 'wall s', '× real time', 'CPU s', '× RT on 2 idle cores', 'peak RSS MB', 'with ffmpeg MB', 'speech s', 'regions'].join('  '));
  for (const r of runs) {
    console.log([r.label.padEnd(20), fmt(r.durationS).padStart(7), fmt(r.wallS, 2).padStart(6), fmt(r.realTime).padStart(11),
      fmt(r.cpuS, 2).padStart(5), fmt(r.durationS / (r.cpuS / 2)).padStart(20),
      fmt(r.processPeakRssMB).padStart(11), fmt(r.treePeakRssMB).padStart(14), fmt(r.speechS).padStart(8), String(r.regions).padStart(7)].join('  '));
  }
  return runs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const job = args[0] === '--measure' ? measure(args[1], args[2]).then((run) => console.log(JSON.stringify(run))) : runAnalysisBench();
  job.catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
