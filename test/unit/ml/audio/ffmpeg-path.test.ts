/** The ffmpeg the product decodes with, and that switching builds does not move a single sample. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { ffmpegWithEncoder, resolveFfmpeg } from '../../../../ml/audio/ffmpeg-path';
import { callsDir } from '../../../helpers/fixtures';
import { itNeeding, needs, type Need } from '../../../helpers/requirements';

const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';
const distribution: Need = { what: "an ffmpeg on PATH (Debian's)", ok: (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})() };

/** The product's decode arguments for one party of a call (ml/audio/stream-decode.ts). */
function decode(ffmpeg: string, file: string, filter: string): Buffer {
  return execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-i', file, '-vn', '-map', '0:a:0', '-af', filter,
    '-ac', '1', '-ar', '22050', '-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1'], { maxBuffer: 64 << 20 });
}

describe('resolveFfmpeg', () => {
  itNeeding([{ what: 'linux-x64 (the static tarball build)', ok: onLinuxX64 }], 'takes the static build from the npm tarball when nothing overrides it', () => {
    const binaries = resolveFfmpeg();
    // An explicit FFMPEG_PATH wins, by design; then the tarball build must not have been taken.
    if (process.env.FFMPEG_PATH) {
      expect(binaries).toMatchObject({ source: 'env', ffmpeg: process.env.FFMPEG_PATH });
    } else {
      expect(binaries.source).toBe('static-tarball');
      expect(binaries.ffprobe).toMatch(/@ffprobe-installer[\\/]linux-x64[\\/]ffprobe$/);
    }
  });

  itNeeding([needs.calls(), distribution], 'decodes a μ-law call and the MP3 mix to the same samples as the distribution build', () => {
    const soxr = 'aresample=resampler=soxr:precision=28';
    const left = `pan=mono|c0=c0,${soxr}`;
    const { ffmpeg } = resolveFfmpeg();
    for (const [file, filter] of [['call_000.wav', left], ['call_000.mono.mp3', soxr]] as const) {
      const ours = decode(ffmpeg, join(callsDir, file), filter);
      const theirs = decode('ffmpeg', join(callsDir, file), filter);
      expect(ours.length).toBeGreaterThan(1_000_000);
      expect(ours.equals(theirs)).toBe(true);
    }
  });

  itNeeding([distribution], 'finds an ffmpeg with an encoder the product build lacks, and none for an unknown one', () => {
    expect(ffmpegWithEncoder('libgsm')).toBeDefined();
    expect(ffmpegWithEncoder('no_such_encoder')).toBeUndefined();
  });
});
