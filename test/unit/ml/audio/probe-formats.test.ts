/** Audio is recognised by probing whatever the container: the formats call recorders export. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegWithEncoder } from '../../../../ml/audio/ffmpeg-path';
import { probeAudio } from '../../../../ml/audio/probe';
import { ffmpegMake, makeTempDir } from '../../../helpers/fixtures';
import { itNeeding } from '../../../helpers/requirements';

const has = (name: string) => ffmpegWithEncoder(name) !== undefined;

// [file name (odd extensions on purpose), encoder, extra output args, expected codec]
const FORMATS: Array<[string, string, string[], RegExp]> = [
  ['pcm.wav', 'pcm_s16le', [], /^pcm_s16le$/],
  ['mulaw.wav', 'pcm_mulaw', [], /^pcm_mulaw$/],
  ['alaw.wav', 'pcm_alaw', [], /^pcm_alaw$/],
  ['gsm.wav', 'libgsm_ms', [], /^gsm_ms$/],
  ['call.mp3', 'libmp3lame', [], /^mp3$/],
  ['call.m4a', 'aac', [], /^aac$/],
  ['call.ogg', 'libopus', ['-f', 'ogg'], /^opus$/],
  ['call.flac', 'flac', [], /^flac$/],
  ['call.wma', 'wmav2', [], /^wmav2$/],
  ['no-extension', 'pcm_s16le', ['-f', 'wav'], /^pcm_s16le$/],
];

describe('probing call formats', () => {
  const temp = makeTempDir('emoqa-formats-');
  afterAll(() => temp.cleanup());

  for (const [name, encoder, extra, codec] of FORMATS) {
    itNeeding([{ what: `ffmpeg's ${encoder} encoder (Debian's ffmpeg has it)`, ok: has(encoder) }], `recognises ${name} (${encoder})`, async () => {
      const path = join(temp.dir, name);
      ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=1', '-c:a', encoder, ...extra, path], encoder);
      const info = await probeAudio(path);
      expect(info.codec).toMatch(codec);
      expect(info.channels).toBe(1);
      expect(info.durationS).toBeGreaterThan(0.5);
      expect(info.hasVideo).toBe(false);
    });
  }

  it('recognises AMR-NB (.amr)', async () => {
    const path = join(temp.dir, 'voicemail.amr');
    if (has('libopencore_amrnb')) {
      ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=1', '-c:a', 'libopencore_amrnb', path]);
    } else {
      // Debian's ffmpeg decodes AMR but has no encoder: build the file by hand (RFC 4867 storage
      // format), 50 NO_DATA frames of 20 ms each.
      writeFileSync(path, Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(50, 0x7c)]));
    }
    const info = await probeAudio(path);
    expect(info.codec).toBe('amr_nb');
    expect(info.channels).toBe(1);
    expect(info.sampleRate).toBe(8000);
    expect(info.durationS).toBeGreaterThan(0.5);
  });

  it('takes the audio track of a video', async () => {
    const path = join(temp.dir, 'screen.mkv');
    ffmpegMake(['-f', 'lavfi', '-i', 'testsrc=size=32x32:rate=5:duration=1', '-f', 'lavfi', '-i', 'sine=sample_rate=16000:duration=1', '-c:v', 'mpeg4', '-c:a', 'flac', path]);
    expect(await probeAudio(path)).toMatchObject({ codec: 'flac', hasVideo: true, sampleRate: 16000 });
  });

  it('refuses a video without sound and an image', async () => {
    const silentVideo = join(temp.dir, 'mute.mp4');
    ffmpegMake(['-f', 'lavfi', '-i', 'testsrc=size=32x32:rate=5:duration=1', '-c:v', 'mpeg4', silentVideo]);
    await expect(probeAudio(silentVideo)).rejects.toMatchObject({ code: 'NOT_AUDIO', message: 'the file has no audio stream' });
    const image = join(temp.dir, 'logo.png');
    ffmpegMake(['-f', 'lavfi', '-i', 'testsrc=size=32x32:duration=0.2', '-frames:v', '1', image]);
    await expect(probeAudio(image)).rejects.toMatchObject({ code: 'NOT_AUDIO' });
  });
});
