import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EmoqaError } from '../../electron/shared/errors';

const require = createRequire(import.meta.url);

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  source: 'env' | 'ffmpeg-static' | 'static-tarball' | 'path';
}

let cached: FfmpegBinaries | undefined;

/** In a packaged app, binaries are unpacked beside the asar (electron-builder.yml asarUnpack) but resolve inside it. */
function unpacked(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

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
    return typeof candidate === 'string' && existsSync(unpacked(candidate)) ? unpacked(candidate) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The static Linux x64 builds that ship inside npm tarballs (@ffmpeg-installer/linux-x64,
 * @ffprobe-installer/linux-x64), so nothing is downloaded at install. A static ffmpeg starts in
 * ~0.01 CPU-s where a distribution's shared build spends ~0.08 CPU-s loading ~200 libraries: a
 * cost paid per file (bench/team-workers.ts, the folder bench). Same soxr, so the same samples.
 */
function tarballBinaries(): { ffmpeg: string; ffprobe: string | undefined } | undefined {
  const find = (pkg: string, binary: string): string | undefined => {
    try {
      const file = unpacked(join(dirname(require.resolve(`${pkg}/package.json`)), binary));
      return existsSync(file) ? file : undefined;
    } catch {
      return undefined; // optional, and only installed on linux-x64
    }
  };
  const ffmpeg = find('@ffmpeg-installer/linux-x64', 'ffmpeg');
  return ffmpeg ? { ffmpeg, ffprobe: find('@ffprobe-installer/linux-x64', 'ffprobe') } : undefined;
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
 * Order: FFMPEG_PATH, then ffmpeg-static's binary, then the static build from an npm tarball,
 * then `ffmpeg` on PATH.
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
  const tarball = tarballBinaries();
  if (tarball && works(tarball.ffmpeg)) {
    const ffprobe = process.env.FFPROBE_PATH ?? (tarball.ffprobe && works(tarball.ffprobe) ? tarball.ffprobe : 'ffprobe');
    cached = { ffmpeg: tarball.ffmpeg, ffprobe, source: 'static-tarball' };
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

const encoderBinaries = new Map<string, string | undefined>();

function listsEncoder(binary: string, encoder: string): boolean {
  try {
    const list = execFileSync(binary, ['-hide_banner', '-encoders'], { encoding: 'utf8', timeout: 10_000 });
    return new RegExp(`^\\s*A\\S*\\s+${encoder}\\s`, 'm').test(list);
  } catch {
    return false;
  }
}

/**
 * An ffmpeg that can encode with `encoder` (training's codec copies, test fixtures): the resolved
 * one, else `ffmpeg` on PATH — the static build has no libgsm, Debian's has no AMR-NB encoder.
 * Decoding always uses resolveFfmpeg(). Undefined when neither has it.
 */
export function ffmpegWithEncoder(encoder: string): string | undefined {
  if (!encoderBinaries.has(encoder)) {
    const candidates = [resolveFfmpeg().ffmpeg, 'ffmpeg'];
    encoderBinaries.set(encoder, candidates.find((binary) => listsEncoder(binary, encoder)));
  }
  return encoderBinaries.get(encoder);
}
