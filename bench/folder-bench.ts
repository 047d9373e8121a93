/**
 * What a user runs, timed from outside: `emoqa analyze` as a child process (start-up, workers,
 * ffmpeg and the database write included) on a folder of 40 realistic 3-minute calls, the 1-hour
 * call, a 2-second file, and `npx emoqa --help`. Prints wall time, × real time, CPU time of the
 * process tree, peak RSS of the tree (sampled from /proc: node with its worker threads + ffmpeg),
 * per-file overhead and where the time goes (EMOQA_TIMINGS=1: thread-seconds per stage).
 * Inputs are made once with ../shared/tools/make_calls.py under .cache/bench/ (git-ignored).
 * Run: npx tsx bench/folder-bench.ts   (or `npm run bench -- folder`)
 * EMOQA_BENCH_CLI_ROOT=<another checkout> times that checkout's CLI on the same inputs (before/after).
 * EMOQA_BENCH_FLAT=1 adds the folder's audio as 200 files of 36 s: memory flat in the number of files.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { resolveFfmpeg } from '../ml/audio/ffmpeg-path';
import { STAGES, type StageTimes } from '../electron/services/analysis/stage-timings';
import { ensureCall } from './analysis-bench';
import { makeCalls } from './python';

const root = resolve(import.meta.dirname, '..');
const cacheDir = join(root, '.cache', 'bench');
const shared = resolve(process.env.EMOQA_SHARED ?? join(root, '..', 'shared'));
const FOLDER_CALLS = 40;
const FOLDER_MINUTES = 3;

export interface FolderRun {
  label: string;
  files: number;
  audioS: number;
  wallS: number;
  cpuS: number;
  treePeakRssMB: number;
  /** Tree peak RSS in the first and the second half of the run: flat memory means these match. */
  halvesPeakRssMB: [number, number];
  /** The processes at the peak sample: what the peak is made of (node with its threads, each ffmpeg). */
  peakParts: string;
  times: (StageTimes & { nodeCpuMs: number }) | null;
}

/** The folder of calls: only the stereo .wav files (make_calls.py also writes a mono mp3 of each). */
function ensureFolder(): string {
  const raw = join(cacheDir, `folder-${FOLDER_CALLS}x${FOLDER_MINUTES}`);
  const calls = `${raw}-wav`;
  if (existsSync(calls) && readdirSync(calls).length === FOLDER_CALLS) return calls;
  const made = existsSync(raw) ? readdirSync(raw).filter((name) => name.endsWith('.wav')).length : 0;
  if (made < FOLDER_CALLS) {
    mkdirSync(raw, { recursive: true });
    console.log(`making ${FOLDER_CALLS} realistic ${FOLDER_MINUTES}-minute calls in ${raw} …`);
    makeCalls(raw, { shared, scenario: 'realistic', calls: FOLDER_CALLS, minutes: FOLDER_MINUTES, show: true });
  }
  rmSync(calls, { recursive: true, force: true });
  mkdirSync(calls);
  for (const name of readdirSync(raw).filter((n) => /^call_\d+\.wav$/.test(n))) linkSync(join(raw, name), join(calls, name));
  return calls;
}

/** EMOQA_BENCH_FLAT_FILES=1000: the 1,000 files (the 40 calls in 7.2-s pieces); a multiple of the 40 calls. */
const MANY_FILES = z.coerce.number().int().positive().multipleOf(FOLDER_CALLS).parse(process.env.EMOQA_BENCH_FLAT_FILES ?? 200);

/**
 * A stretch of a file, its samples copied. The seek is on the output side: the static ffmpeg 4.x
 * (ml/audio/ffmpeg-path.ts) given `-ss` before `-i` with `-c copy` wrote μ-law WAVs of one sample.
 */
function cutCopy(source: string, startS: number, durationS: number, out: string): void {
  execFileSync(resolveFfmpeg().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', source, '-ss', String(startS), '-t', String(durationS), '-c', 'copy', out]);
  if (statSync(out).size < 1000 + durationS * 1000) throw new Error(`${out}: ffmpeg cut ${statSync(out).size} bytes for ${durationS} s`);
}

/**
 * 200 distinct files with the folder's audio (each call cut into five 36-second pieces): the same
 * hours in five times the files, for EMOQA_BENCH_FLAT=1. Hard links of the 40 calls would not do:
 * a copy is the same content hash, identified at ingest and analysed once.
 */
function ensureManyFolder(calls: readonly string[]): string {
  const dir = join(cacheDir, `folder-${MANY_FILES}-pieces`);
  if (existsSync(dir) && readdirSync(dir).length === MANY_FILES) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pieces = MANY_FILES / calls.length;
  const pieceS = (FOLDER_MINUTES * 60) / pieces;
  calls.forEach((call, c) => {
    for (let p = 0; p < pieces; p++) {
      const out = join(dir, `piece_${String(c * pieces + p).padStart(3, '0')}.wav`);
      cutCopy(call, p * pieceS, pieceS, out);
    }
  });
  return dir;
}

function ensureShort(source: string): string {
  const path = join(cacheDir, 'short-2s.wav');
  if (!existsSync(path)) cutCopy(source, 10, 2, path);
  return path;
}

function audioSeconds(paths: string[]): number {
  const { ffprobe } = resolveFfmpeg();
  let total = 0;
  for (const path of paths) {
    total += Number(execFileSync(ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).toString().trim());
  }
  return total;
}

function statusKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function cmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return null;
  }
}

/**
 * The pid and all its descendants, through /proc/<pid>/task/<tid>/children; without children that
 * are still a fork of their parent (same command line: node forks, then the child execs ffmpeg).
 * Such a child shares the parent's pages copy-on-write, and its VmRSS would count the parent's
 * memory a second time: under load a sample often lands in that gap (seen as a second `node` of
 * ~110 MB beside the real one).
 */
function tree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    const own = cmdline(out[i]);
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
        out.push(...children.filter((child) => cmdline(child) !== own));
      } catch {
        // ended meanwhile
      }
    }
  }
  return out;
}

/** Runs a command under bash, whose `times` gives the CPU time of the whole reaped tree. */
function measure(label: string, command: string[], files: number, audioS: number): Promise<FolderRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', '"$@"; code=$?; times >&2; exit $code', 'bash', ...command], {
      cwd: cliRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, EMOQA_TIMINGS: '1', NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
    let peakKb = 0;
    let peakParts = '';
    const samples: Array<[number, number]> = [];
    const sample = (): void => {
      if (!child.pid) return;
      const parts = tree(child.pid).slice(1).map((pid) => [pid, statusKb(pid)] as const);
      const kb = parts.reduce((sum, [, k]) => sum + k, 0);
      if (kb > peakKb) {
        peakKb = kb;
        const name = (pid: number): string => (cmdline(pid) ?? '?').split('\0')[0].split('/').pop() ?? '?';
        peakParts = parts.filter(([, k]) => k > 0).map(([pid, k]) => `${name(pid)} ${((k * 1024) / 1e6).toFixed(0)}`).join(' + ');
      }
      samples.push([performance.now() - started, kb]);
    };
    const sampler = setInterval(sample, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const wallS = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${label} failed (${code}): ${stderr.slice(-2000)}`));
      // `times`: shell's own user/sys, then its children's (the whole reaped tree), as 0m1.234s.
      const seconds = (text: string): number => {
        const m = /(\d+)m([\d.]+)s/.exec(text);
        return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
      };
      const childLine = stderr.trim().split('\n').at(-1) ?? '';
      const cpuS = childLine.split(/\s+/).reduce((sum, part) => sum + seconds(part), 0);
      const timings = /emoqa timings: (\{.*\})/.exec(stderr);
      const halfMs = (wallS * 1000) / 2;
      const half = (first: boolean): number => (Math.max(0, ...samples.filter(([t]) => (t < halfMs) === first).map(([, kb]) => kb)) * 1024) / 1e6;
      resolvePromise({ label, files, audioS, wallS, cpuS, treePeakRssMB: (peakKb * 1024) / 1e6, halvesPeakRssMB: [half(true), half(false)], peakParts, times: timings ? JSON.parse(timings[1]) : null });
    });
  });
}

const cliRoot = resolve(process.env.EMOQA_BENCH_CLI_ROOT ?? root);

function analyze(paths: string[], db: string): string[] {
  return [process.execPath, join(cliRoot, 'bin', 'emoqa.mjs'), 'analyze', '--db', db, ...paths];
}

export async function runFolderBench(): Promise<FolderRun[]> {
  const folder = ensureFolder();
  const wavs = readdirSync(folder).map((n) => join(folder, n));
  const hour = ensureCall(60);
  const short = ensureShort(wavs[0]);
  const scratch = mkdtempSync(join(tmpdir(), 'emoqa-folder-bench-'));
  console.log(`folder bench of ${cliRoot} — ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (others' load slows wall time; CPU time does not)`);
  try {
    const runs: FolderRun[] = [];
    // EMOQA_BENCH_ONLY=hour,folder (of help, short, hour, folder, flat) times only those: A/B runs in the same minute.
    const only = process.env.EMOQA_BENCH_ONLY?.split(',');
    const want = (name: string): boolean => !only || only.includes(name);
    if (want('help')) runs.push(await measure('emoqa --help (npx)', ['npx', '--no-install', 'emoqa', '--help'], 0, 0));
    if (want('short')) runs.push(await measure('2-second file', analyze([short], join(scratch, 'short.db')), 1, audioSeconds([short])));
    if (want('hour')) runs.push(await measure('1-hour stereo call', analyze([hour], join(scratch, 'hour.db')), 1, audioSeconds([hour])));
    if (process.env.EMOQA_BENCH_FLAT === '1' || (only?.includes('flat') ?? false)) {
      // Memory flat in the number of files: the same audio in 5× the files peaks no higher.
      const many = ensureManyFolder(wavs);
      const pieces = readdirSync(many).map((n) => join(many, n));
      runs.push(await measure(`folder ${MANY_FILES} × ${(FOLDER_MINUTES * 60 * FOLDER_CALLS) / MANY_FILES} s`, analyze([many], join(scratch, 'many.db')), pieces.length, audioSeconds(pieces)));
    }
    if (want('folder')) runs.push(await measure(`folder ${FOLDER_CALLS} × ${FOLDER_MINUTES} min`, analyze([folder], join(scratch, 'folder.db')), wavs.length, audioSeconds(wavs)));
    printRuns(runs);
    return runs;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function printRuns(runs: FolderRun[]): void {
  const f = (v: number, d = 0): string => v.toFixed(d);
  console.log(['work'.padEnd(22), 'audio s', 'wall s', '× RT', 'CPU s', '× RT per CPU-s/2', 'tree peak RSS MB', '1st/2nd half MB', 'per file s'].join('  '));
  for (const r of runs) {
    const perFile = r.files > 1 ? f(r.wallS / r.files, 3) : '';
    console.log([r.label.padEnd(22), f(r.audioS).padStart(7), f(r.wallS, 2).padStart(6), (r.audioS ? f(r.audioS / r.wallS) : '').padStart(5),
      f(r.cpuS, 2).padStart(5), (r.audioS ? f(r.audioS / (r.cpuS / 2)) : '').padStart(16), f(r.treePeakRssMB).padStart(16), `${f(r.halvesPeakRssMB[0])}/${f(r.halvesPeakRssMB[1])}`.padStart(15), perFile.padStart(10)].join('  '));
  }
  console.log('\nthe peak sample, process by process (MB): node holds the main thread and the analysis workers');
  for (const r of runs) console.log(`${r.label.padEnd(22)}  ${r.peakParts}`);
  console.log('\nwhere the time goes (thread-seconds; ingest runs 2 files at once, decode/features/model run in the workers)');
  console.log(['work'.padEnd(22), ...STAGES.map((s) => s.padStart(10)), 'node CPU s'.padStart(11), 'ffmpeg+npx CPU s'.padStart(17)].join(''));
  for (const r of runs) {
    if (!r.times) continue;
    const t = r.times;
    console.log([r.label.padEnd(22), ...STAGES.map((s) => f(t[s] / 1000, 2).padStart(10)), f(t.nodeCpuMs / 1000, 2).padStart(11),
      f(r.cpuS - t.nodeCpuMs / 1000, 2).padStart(17)].join(''));
  }
  const folder = runs.at(-1);
  if (folder && folder.files > 1) {
    // Hours of audio per hour of one 2-core worker: measured wall (this machine's load), and the
    // CPU-bound figure two idle cores would give (the work keeps both busy).
    const byWall = folder.audioS / folder.wallS;
    const byCpu = folder.audioS / (folder.cpuS / 2);
    const need = (rate: number, hours: number): string => f(Math.ceil(6000 / (rate * hours)));
    console.log(`\nscale (1,000 agents × 6 h/day = 6,000 h of audio a day): ${f(byCpu)} h of audio per hour of one idle 2-core worker `
      + `(CPU-bound), ${f(byWall)} h at this load → ${need(byCpu, 24)} worker(s) running 24 h or ${need(byCpu, 8)} in an 8-hour night `
      + `(at this load: ${need(byWall, 24)} / ${need(byWall, 8)})`);
  }
}

if (process.argv[1]?.endsWith('folder-bench.ts')) {
  runFolderBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
