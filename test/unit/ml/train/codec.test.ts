import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeFile } from '../../../../ml/audio/decode';
import { butterworth } from '../../../../ml/dsp/telephone';
import { paramsKey, variantParams } from '../../../../ml/train/augment';
import { codecKey, decodeThroughCodec, drawCodec, type CodecParams } from '../../../../ml/train/codec';
import { datasetsDir } from '../../../helpers/fixtures';
import { describeNeeding, fileNeed } from '../../../helpers/requirements';

const CLIP = join(datasetsDir, 'ravdess', 'Actor_01', '03-01-05-01-01-01-01.flac');
const SR = 22050;

/** Share of the signal's power above `hz` (two 2-pole Butterworth high-passes). */
function powerAbove(y: Float32Array, hz: number): number {
  const high = butterworth(butterworth(y, SR, hz, 'high'), SR, hz, 'high');
  const energy = (x: Float32Array): number => x.reduce((t, v) => t + v * v, 0);
  return energy(high) / energy(y);
}

describeNeeding([fileNeed(CLIP, 'a RAVDESS clip of the shared corpora')], 'codec copies', () => {
  it('draws one codec per file, stably, and keys its cache apart from the other copies', () => {
    expect(drawCodec('A01/x.flac', 1)).toEqual(drawCodec('A01/x.flac', 1));
    const drawn = Array.from({ length: 200 }, (_, i) => drawCodec(`f${i}`));
    expect(new Set(drawn.map((c) => c.name))).toEqual(new Set(['gsm', 'opus', 'mp3', 'lowpass']));
    const range = { gsm: [13, 13], opus: [6, 12], mp3: [16, 32], lowpass: [2500, 4000] } as const;
    for (const c of drawn) {
      expect(c.value, c.name).toBeGreaterThanOrEqual(range[c.name][0]);
      expect(c.value, c.name).toBeLessThanOrEqual(range[c.name][1]);
    }
    const p = variantParams('codec', 'A01/x.flac');
    expect(p.codec).toEqual(drawCodec('A01/x.flac'));
    expect(paramsKey(p)).toBe(`wide_c${codecKey(drawCodec('A01/x.flac'))}`);
    // The codec does not move the other copies' cache keys (the telephone chain's own version does: tel2).
    expect(paramsKey(variantParams('clean', 'a'))).toBe('clean');
    expect(paramsKey(variantParams('tel', 'a'))).toBe('tel2');
  });

  it('takes a real clip through each codec: same length, band-limited where the codec is', async () => {
    const { channels } = await decodeFile(CLIP, { sampleRate: SR });
    const clean = channels[0];
    const cleanHigh = powerAbove(clean, 4500);
    const cases: Array<[CodecParams, number]> = [[{ name: 'gsm', value: 13 }, 4000], [{ name: 'lowpass', value: 2500 }, 4500], [{ name: 'opus', value: 6 }, 4500], [{ name: 'mp3', value: 24 }, 0]];
    for (const [codec, limit] of cases) {
      const y = (await decodeThroughCodec(CLIP, codec, SR)).channels[0];
      expect(Math.abs(y.length - clean.length), codec.name).toBeLessThan(0.05 * SR);
      if (limit) expect(powerAbove(y, limit), codec.name).toBeLessThan(0.2 * cleanHigh);
    }
  });
});
