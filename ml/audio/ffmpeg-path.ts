import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EmoqaError } from '../../electron/shared/errors';

const require = createRequire(import.meta.url);

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  source: 'env' | 'ffmpeg-static' | 'path';
}

let cached: FfmpegBinaries | undefined;

function works(binary: string): boolean {
  try {
    execFileSync(binary, ['-version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function staticBinary(): string | undefined {
  try {
    // ffmpeg-static is optional: its install downloads a binary and is skipped where that fails.
    const candidate: unknown = require('ffmpeg-static');
    return typeof candidate === 'string' && existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** ffprobe beside a given ffmpeg, else the one on PATH. */
function probeBeside(ffmpeg: string): string {
  const sibling = ffmpeg.replace(/ffmpeg(\.exe)?$/, (_m, ext: string | undefined) => `ffprobe${ext ?? ''}`);
  return sibling !== ffmpeg && existsSync(sibling) ? sibling : 'ffprobe';
}

/** Takes the binaries another thread of this process resolved (analysis workers), without checking them again. */
export function adoptFfmpeg(binaries: FfmpegBinaries): void {
  cached ??= binaries;
}

/**
 * Order: FFMPEG_PATH, then ffmpeg-static's binary, then `ffmpeg` on PATH.
 * The result is cached for the life of the process.
 */
export function resolveFfmpeg(): FfmpegBinaries {
  if (cached) return cached;
  const fromEnv = process.env.FFMPEG_PATH;
  if (fromEnv && works(fromEnv)) {
    cached = { ffmpeg: fromEnv, ffprobe: process.env.FFPROBE_PATH ?? probeBeside(fromEnv), source: 'env' };
    return cached;
  }
  const bundled = staticBinary();
  if (bundled && works(bundled)) {
    cached = { ffmpeg: bundled, ffprobe: process.env.FFPROBE_PATH ?? probeBeside(bundled), source: 'ffmpeg-static' };
    return cached;
  }
  if (works('ffmpeg')) {
    cached = { ffmpeg: 'ffmpeg', ffprobe: process.env.FFPROBE_PATH ?? 'ffprobe', source: 'path' };
    return cached;
  }
  throw new EmoqaError(
    'FFMPEG_UNAVAILABLE',
    'ffmpeg was not found: set FFMPEG_PATH, install ffmpeg-static, or put ffmpeg on PATH (apt-get install ffmpeg)',
  );
}
