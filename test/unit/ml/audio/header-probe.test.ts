/**
 * The in-process header probe says what ffprobe says, field for field, on the shared calls and on
 * the WAV and FLAC flavours call recorders write; a header it cannot read goes to ffprobe, whose
 * error then names the file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES, parseAudioHeader } from '../../../../ml/audio/header-probe';
import { ffprobeAudio, probeAudio, probeChannelCount } from '../../../../ml/audio/probe';
import { callsDir, ffmpegMake, makeTempDir } from '../../../helpers/fixtures';

function header(path: string): ReturnType<typeof parseAudioHeader> {
  return parseAudioHeader(readFileSync(path).subarray(0, HEADER_BYTES), statSync(path).size);
}

// [file, ffmpeg output args, codec ffprobe names]
const MADE: Array<[string, string[], string]> = [
  ['pcm16.wav', ['-ac', '2', '-c:a', 'pcm_s16le'], 'pcm_s16le'],
  ['mulaw.wav', ['-ac', '2', '-c:a', 'pcm_mulaw'], 'pcm_mulaw'],
  ['alaw.wav', ['-c:a', 'pcm_alaw'], 'pcm_alaw'],
  ['float.wav', ['-c:a', 'pcm_f32le'], 'pcm_f32le'],
  ['double.wav', ['-c:a', 'pcm_f64le'], 'pcm_f64le'],
  ['u8.wav', ['-c:a', 'pcm_u8'], 'pcm_u8'],
  ['s24-extensible.wav', ['-c:a', 'pcm_s24le'], 'pcm_s24le'],
  ['three-channels.wav', ['-ac', '3', '-c:a', 'pcm_s16le'], 'pcm_s16le'],
  ['odd-length.wav', ['-ar', '11025', '-t', '0.3337', '-c:a', 'pcm_s16le'], 'pcm_s16le'],
  ['call.flac', ['-ac', '2', '-c:a', 'flac'], 'flac'],
];

describe('header probe', () => {
  const temp = makeTempDir('emoqa-header-');
  afterAll(() => temp.cleanup());

  const shared = readdirSync(callsDir).filter((name) => /\.(wav|mp3)$/.test(name));
  it('has the shared calls to compare on', () => {
    expect(shared.filter((name) => name.endsWith('.wav')).length, `${callsDir} has no calls`).toBeGreaterThan(0);
  });
  for (const name of shared) {
    it(`agrees with ffprobe on ${name}`, async () => {
      const path = join(callsDir, name);
      // A WAV is read from its header; an MP3 is not a header format and goes to ffprobe.
      expect(header(path) === null).toBe(name.endsWith('.mp3'));
      expect(await probeAudio(path)).toEqual(await ffprobeAudio(path));
    });
  }

  for (const [name, args, codec] of MADE) {
    it(`agrees with ffprobe on ${name}`, async () => {
      const path = join(temp.dir, name);
      ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=1.25', ...args, path]);
      const fromHeader = header(path);
      expect(fromHeader).not.toBeNull();
      expect(fromHeader).toEqual(await ffprobeAudio(path));
      expect(fromHeader?.codec).toBe(codec);
      expect(await probeAudio(path)).toEqual(fromHeader);
    });
  }

  it('leaves a WAV whose data runs past the end (a truncated copy) to ffprobe', async () => {
    const whole = join(temp.dir, 'whole.wav');
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=sample_rate=8000:duration=2', '-c:a', 'pcm_s16le', whole]);
    const cut = join(temp.dir, 'cut.wav');
    writeFileSync(cut, readFileSync(whole).subarray(0, 10_000));
    expect(header(cut)).toBeNull();
    expect(await probeAudio(cut)).toEqual(await ffprobeAudio(cut));
  });

  it('falls back to ffprobe on a corrupt header, whose error names the file', async () => {
    const path = join(temp.dir, 'corrupt.wav');
    const bytes = Buffer.alloc(4096, 0x55);
    bytes.write('RIFF', 0, 'latin1');
    bytes.writeUInt32LE(4088, 4);
    bytes.write('WAVEfmt ', 8, 'latin1');
    bytes.writeUInt32LE(8, 16); // a fmt chunk too short to hold a format
    writeFileSync(path, bytes);
    expect(header(path)).toBeNull();
    await expect(probeAudio(path)).rejects.toMatchObject({ code: 'NOT_AUDIO' });
    await expect(probeChannelCount(path)).rejects.toMatchObject({ code: 'NOT_AUDIO', message: expect.stringContaining(path) });
  });

  it('reads no codec it does not know (ADPCM in a WAV goes to ffprobe)', () => {
    const path = join(temp.dir, 'adpcm.wav');
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=sample_rate=8000:duration=1', '-c:a', 'adpcm_ms', path]);
    expect(header(path)).toBeNull();
  });
});
