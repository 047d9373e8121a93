import { join } from 'node:path';
import { expect } from 'vitest';
import { decodeFile } from '../../../../ml/audio/decode';
import { createSileroSession } from '../../../../ml/model/silero-session';
import { SileroVad } from '../../../../ml/segment/silero-vad';
import { spansToSeconds, type SampleSpan, type TimeSpan } from '../../../../ml/segment/spans';
import { mulberry32 } from '../../../../ml/train/random';
import { datasetsDir, repoRoot } from '../../../helpers/fixtures';
import { describeNeeding, fileNeed, itNeeding } from '../../../helpers/requirements';

const CLIP = join(datasetsDir, 'ravdess', 'Actor_01', '03-01-01-01-01-01-01.flac');
const clip = fileNeed(CLIP, 'a RAVDESS clip of the shared corpora');
const runtime = fileNeed(join(repoRoot, 'node_modules', 'onnxruntime-node', 'package.json'), 'onnxruntime-node (optional dependency: ONNXRUNTIME_NODE_INSTALL=skip npm install)');

async function detect(y: Float32Array, sampleRate: 8000 | 16000): Promise<TimeSpan[]> {
  const vad = new SileroVad(await createSileroSession(), { sampleRate });
  const spans: SampleSpan[] = [];
  // Chunks that do not line up with its 32 ms frames, as a decoder delivers them.
  for (let i = 0; i < y.length; i += 1337) spans.push(...(await vad.push(y.subarray(i, i + 1337))));
  spans.push(...(await vad.finish()));
  return spansToSeconds(spans, sampleRate);
}

/** `before` s of silence, the clip, `after` s of silence. */
function padded(speech: Float32Array, sampleRate: number, before: number, after: number): Float32Array {
  const y = new Float32Array(Math.round((before + after) * sampleRate) + speech.length);
  y.set(speech, Math.round(before * sampleRate));
  return y;
}

describeNeeding([clip, runtime], 'Silero VAD', () => {
  itNeeding([clip, runtime], 'finds the speech of a real clip (16 and 8 kHz) and nothing in the silence around it', async () => {
    for (const rate of [16000, 8000] as const) {
      const { channels } = await decodeFile(CLIP, { sampleRate: rate });
      const y = padded(channels[0], rate, 2, 2);
      const found = await detect(y, rate);
      expect(found.length, `${rate} Hz`).toBeGreaterThanOrEqual(1);
      // The clip's words lie inside its 3.3 s: everything found is within it (a frame of slack).
      const clipEnd = 2 + channels[0].length / rate;
      for (const s of found) {
        expect(s.start, `${rate} Hz`).toBeGreaterThan(2 - 0.1);
        expect(s.end, `${rate} Hz`).toBeLessThan(clipEnd + 0.4);
      }
      expect(found.reduce((t, s) => t + s.end - s.start, 0), `${rate} Hz`).toBeGreaterThan(0.8);
    }
  });

  itNeeding([runtime], 'finds no speech in digital silence or in steady noise', async () => {
    const rate = 16000;
    expect(await detect(new Float32Array(5 * rate), rate)).toEqual([]);
    const random = mulberry32(3);
    const noise = Float32Array.from({ length: 5 * rate }, () => 0.05 * (random() * 2 - 1));
    expect(await detect(noise, rate)).toEqual([]);
  });

  itNeeding([runtime], 'refuses rates the model does not take', async () => {
    const session = await createSileroSession();
    expect(() => new SileroVad(session, { sampleRate: 22050 as 16000 })).toThrow(/8 or 16 kHz/);
  });
});
