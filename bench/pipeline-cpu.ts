/**
 * One analysis thread's CPU per call, in-process (no CLI, no workers, no database): each file is
 * decoded and analysed as a worker does it (analyseRecording), and the thread's CPU time, the
 * ffmpeg children's CPU time, the split between decode wait / features / model and a checksum of
 * the results (regions and probabilities) are printed. For before/after comparisons of the DSP
 * under load: CPU-seconds hold where wall time does not. Files are analysed twice; the second pass
 * is timed (JIT warm, model loaded).
 * Run: npx tsx bench/pipeline-cpu.ts [FILE_OR_FOLDER...] [--repeat N] [--json OUT]; without paths, the
 * first 10 calls of the folder bench (`npm run bench -- cpu`).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { analyseRecording, sharedClassifier } from '../electron/services/analysis/analyse-recording';
import type { AnalysisResult } from '../electron/services/analysis/analysis-types';

function files(args: string[]): string[] {
  return args.flatMap((a) => (statSync(a).isDirectory() ? readdirSync(a).filter((n) => n.endsWith('.wav')).sort().map((n) => join(a, n)) : [a]));
}

/** CPU seconds of this process and of its reaped children (ffmpeg), from /proc (clock ticks of 10 ms). */
const cpuS = (): { self: number; children: number } => {
  const u = process.resourceUsage();
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return { self: (u.userCPUTime + u.systemCPUTime) / 1e6, children: (Number(fields[13]) + Number(fields[14])) / 100 };
};

/** The thread's garbage collections (count, ms) by kind, while a pass runs. */
const gc = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.minor++;
      gc.minorMs += entry.duration;
    } else {
      gc.major++;
      gc.majorMs += entry.duration;
    }
  }
});

/** The folder bench's calls (bench/folder-bench.ts makes them). */
function defaultPaths(): string[] {
  const folder = join(import.meta.dirname, '..', '.cache', 'bench', 'folder-40x3-wav');
  if (!existsSync(folder)) throw new Error(`${folder} is missing: run \`npm run bench -- folder\` once to make the calls`);
  return files([folder]).slice(0, 10);
}

export async function runPipelineCpuBench(args: string[] = []): Promise<void> {
  const argv = [...args];
  gcObserver.observe({ entryTypes: ['gc'] });
  try {
    await run(argv);
  } finally {
    gcObserver.disconnect();
  }
}

async function run(argv: string[]): Promise<void> {
  const jsonAt = argv.indexOf('--json');
  const out = jsonAt >= 0 ? argv.splice(jsonAt, 2)[1] : undefined;
  const repeatAt = argv.indexOf('--repeat');
  const repeat = repeatAt >= 0 ? Number(argv.splice(repeatAt, 2)[1]) : 1;
  const paths = argv.length ? files(argv) : defaultPaths();
  const classifier = await sharedClassifier();
  const options = { roles: ['agent', 'customer'] as const };
  const results: Record<string, AnalysisResult> = {};
  for (const path of paths.slice(0, 2)) await analyseRecording(path, { ...options, roles: [...options.roles] }, { classifier });
  const audio = (): number => Object.values(results).reduce((s, r) => s + r.durationS, 0);
  for (let run = 0; run < repeat; run++) {
    Object.assign(gc, { minor: 0, minorMs: 0, major: 0, majorMs: 0 });
    const before = cpuS();
    const t0 = performance.now();
    for (const path of paths) results[path] = await analyseRecording(path, { ...options, roles: [...options.roles] }, { classifier });
    const wall = (performance.now() - t0) / 1000;
    const after = cpuS();
    report(paths.length, audio(), after.self - before.self, after.children - before.children, wall);
  }
  if (out) writeFileSync(out, JSON.stringify(results));
}

function report(files: number, audio: number, self: number, ffmpeg: number, wall: number): void {
  console.log(`${files} files, ${audio.toFixed(0)} s of audio: node CPU ${self.toFixed(2)} s, ffmpeg CPU ${ffmpeg.toFixed(2)} s (${(audio / (self + ffmpeg)).toFixed(0)}× per CPU-s), wall ${wall.toFixed(2)} s; `
    + `GC ${gc.minor} minor (${gc.minorMs.toFixed(0)} ms) + ${gc.major} major (${gc.majorMs.toFixed(0)} ms); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
}

if (process.argv[1]?.endsWith('pipeline-cpu.ts')) await runPipelineCpuBench(process.argv.slice(2));
