import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ffmpegWithEncoder, resolveFfmpeg } from '../../ml/audio/ffmpeg-path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const sharedDir = resolve(process.env.EMOQA_SHARED ?? join(repoRoot, '../shared'));
export const datasetsDir = resolve(process.env.EMOQA_DATASETS ?? join(sharedDir, 'datasets'));
export const goldenDir = resolve(process.env.EMOQA_GOLDEN ?? join(sharedDir, 'golden'));
export const callsDir = join(sharedDir, 'calls');

/** A fresh temp directory and its clean-up. */
export function makeTempDir(prefix = 'emoqa-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs ffmpeg with lavfi sources to make small audio fixtures inside the tests themselves. */
/** Runs ffmpeg to make a fixture; `encoder` picks an ffmpeg that has it (the static build lacks libgsm). */
export function ffmpegMake(args: string[], encoder?: string): void {
  const ffmpeg = (encoder ? ffmpegWithEncoder(encoder) : undefined) ?? resolveFfmpeg().ffmpeg;
  execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}
