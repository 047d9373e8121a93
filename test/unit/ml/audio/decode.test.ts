import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFile } from '../../../../ml/audio/decode';
import { EmoqaError } from '../../../../electron/shared/errors';
import { ffmpegMake, makeTempDir } from '../../../helpers/fixtures';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

async function errorCodeOf(path: string): Promise<string> {
  try {
    await decodeFile(path, { sampleRate: 22050 });
  } catch (error) {
    expect(error).toBeInstanceOf(EmoqaError);
    expect((error as EmoqaError).message).toContain(path);
    return (error as EmoqaError).code;
  }
  throw new Error('expected a decode error');
}

describe('decodeFile', () => {
  it('decodes stereo μ-law at 8 kHz to float channels at the requested rate', async () => {
    const path = join(temp.dir, 'tone stereo ü.wav');
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1:sample_rate=8000', '-f', 'lavfi', '-i',
      'sine=frequency=880:duration=1:sample_rate=8000', '-filter_complex', 'amerge=inputs=2', '-c:a', 'pcm_mulaw', path]);
    const audio = await decodeFile(path, { sampleRate: 16000, mix: 'keep' });
    expect(audio.channels).toHaveLength(2);
    expect(audio.sampleRate).toBe(16000);
    expect(audio.durationS).toBeCloseTo(1, 1);
    const peak = audio.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.05);
  });

  it('averages channels when a mono signal is asked for', async () => {
    const path = join(temp.dir, 'opposite.wav');
    // Left and right in antiphase cancel to silence under a mean down-mix.
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:duration=0.5:sample_rate=22050', '-af', 'pan=stereo|c0=c0|c1=-1*c0',
      '-c:a', 'pcm_f32le', path]);
    const audio = await decodeFile(path, { sampleRate: 22050 });
    expect(audio.channels).toHaveLength(1);
    expect(audio.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThan(1e-6);
  });

  it('names the file and the reason for bad input', async () => {
    const empty = join(temp.dir, 'empty.wav');
    writeFileSync(empty, '');
    const text = join(temp.dir, 'notes.wav');
    writeFileSync(text, 'this is not audio at all\n'.repeat(20));
    expect(await errorCodeOf(join(temp.dir, 'missing.wav'))).toBe('NOT_FOUND');
    expect(await errorCodeOf(empty)).toBe('EMPTY_FILE');
    expect(await errorCodeOf(text)).toBe('NOT_AUDIO');
  });
});
