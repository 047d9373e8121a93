import { describe, expect, it } from 'vitest';
import { computeFrameFeatures } from '../../../../ml/dsp';
import { deserialiseFrames, serialiseFrames } from '../../../../ml/train/feature-cache';

describe('feature cache files', () => {
  it('round-trip every track, pitch included', () => {
    const y = Float32Array.from({ length: 22050 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 180 * i) / 22050) + 0.1 * Math.sin((2 * Math.PI * 360 * i) / 22050));
    const frames = computeFrameFeatures(y);
    const back = deserialiseFrames(serialiseFrames(frames));
    for (const k of ['rms', 'centroid', 'rolloff', 'zcr', 'chroma', 'mfcc', 'mel'] as const) expect(back[k]).toEqual(frames[k]);
    expect(back.pitch?.f0).toEqual(frames.pitch?.f0);
    expect(back.pitch?.voicing).toEqual(frames.pitch?.voicing);
    expect(back.chromaTuning).toBe(Math.fround(frames.chromaTuning)); // stored as float32
  });

  it('refuses frames without pitch and files of the wrong size', () => {
    const frames = computeFrameFeatures(new Float32Array(4096).fill(0.1), { pitch: false });
    expect(() => serialiseFrames(frames)).toThrow(/pitch/);
    const data = serialiseFrames(computeFrameFeatures(new Float32Array(4096).fill(0.1)));
    expect(() => deserialiseFrames(data.subarray(0, data.length - 8))).toThrow(/size/);
  });
});
