/** Shared by the pipeline tests: the model the real pool loads, and the CLI as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/fixtures';
import { needOrNull, needs } from '../../helpers/requirements';
import { writeStubModel } from '../../unit/electron/services/analysis/stub-model';

/**
 * The shipped model; outside CI, where a checkout may lack it, a tiny untrained one in the shipped
 * format: the pool, decoder, speech detection, features and storage are all real either way.
 */
export async function pipelineModelDir(scratch: string): Promise<string> {
  const shipped = needOrNull(needs.model(), () => join(repoRoot, 'resources', 'model'));
  if (shipped) return shipped;
  const dir = join(scratch, 'stub-model');
  mkdirSync(dir, { recursive: true });
  return writeStubModel(dir);
}

/** `npx tsx electron/cli/main.ts …`, in its own process group so a kill reaches tsx's child too. */
export function spawnCli(args: string[]): ChildProcess {
  return spawn('npx', ['tsx', 'electron/cli/main.ts', ...args], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runCli(args: string[]): Promise<CliRun> {
  return finished(spawnCli(args));
}

/** SIGKILL to the whole group: npx, tsx and the node process running emoqa (with its workers). */
export function killGroup(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, 'SIGKILL');
}

/** `analyze --json` output: a JSON array, one entry per file. */
export interface JsonEntry {
  file: string;
  recordingId?: string;
  durationS?: number;
  channels?: number;
  segments?: Array<{ start: number; end: number; channel: number; party: string; emotion: string; confidence: number }>;
  error?: { code: string; message: string };
}

export function parseJsonEntries(stdout: string): JsonEntry[] {
  return JSON.parse(stdout) as JsonEntry[];
}
