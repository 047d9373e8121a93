import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, vi } from 'vitest';
import { registerClassifyCommand, type ClassifyEntry } from '../../../electron/cli/commands/classify';
import { registerFeaturesCommand } from '../../../electron/cli/commands/features';
import { resolveFfmpeg } from '../../../ml/audio/ffmpeg-path';
import { datasetRoot } from '../../../ml/train/paths';
import { fileNeed, itNeeding } from '../../helpers/requirements';

const speech = path.join(datasetRoot(), 'ravdess/Actor_03/03-01-05-02-01-01-03.flac');
const speechNeed = fileNeed(speech, 'a RAVDESS utterance of the training corpora');

async function runCli(register: (p: Command) => void, args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command('emoqa').exitOverride();
  register(program);
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'emoqa', ...args]);
  } finally {
    spy.mockRestore();
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = before;
  return { stdout, exitCode };
}

describe('emoqa classify', () => {
  let dir = '';
  const bad: Record<string, string> = {};
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'emoqa-classify-'));
    bad.empty = path.join(dir, 'empty.wav');
    bad.text = path.join(dir, 'notes.wav');
    bad.missing = path.join(dir, 'missing.wav');
    bad.silent = path.join(dir, 'silent.wav');
    await writeFile(bad.empty, '');
    await writeFile(bad.text, 'this is not audio\n'.repeat(20));
    execFileSync(resolveFfmpeg().ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '2', bad.silent]);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  itNeeding([speechNeed], 'gives an error entry per bad file, classifies the rest, exit status 1', async () => {
    const files = [bad.empty, speech, bad.text, bad.missing, bad.silent];
    const { stdout, exitCode } = await runCli(registerClassifyCommand, ['classify', ...files, '--json']);
    const entries = JSON.parse(stdout) as ClassifyEntry[];
    expect(entries.map((e) => e.file)).toEqual(files);
    const codes = entries.map((e) => ('error' in e ? e.error.code : 'ok'));
    expect(codes).toEqual(['EMPTY_FILE', 'ok', 'NOT_AUDIO', 'NOT_FOUND', 'SILENT']);
    const ok = entries[1];
    if ('error' in ok) throw new Error('expected a classification');
    expect(Object.keys(ok.probabilities)).toHaveLength(7);
    expect(Object.values(ok.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(ok.confidence).toBe(Math.max(...Object.values(ok.probabilities)));
    expect(exitCode).toBe(1);
  });

  itNeeding([speechNeed], 'exits 0 and prints a table without --json when all files classify', async () => {
    const { stdout, exitCode } = await runCli(registerClassifyCommand, ['classify', speech]);
    expect(stdout).toMatch(/emotion/);
    expect(stdout.split('\n')[1]).toContain(speech);
    expect(exitCode).toBeUndefined();
  });

  itNeeding([speechNeed], 'features --json prints 184 named values', async () => {
    const { stdout } = await runCli(registerFeaturesCommand, ['features', speech, '--json']);
    const out = JSON.parse(stdout) as { sampleRate: number; names: string[]; values: number[] };
    expect(out.sampleRate).toBe(22050);
    expect(out.names).toHaveLength(184);
    expect(out.values).toHaveLength(184);
    expect(out.values.every(Number.isFinite)).toBe(true);
  });
});
