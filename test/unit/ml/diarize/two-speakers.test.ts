import { describe, expect, it } from 'vitest';
import { diarizeTwoSpeakers, type MfccFrames } from '../../../../ml/diarize/two-speakers';

/** Frames whose MFCCs follow one of two "voices" per turn, with emotion-like noise on top. */
function call(turns: Array<{ start: number; end: number; voice: 0 | 1 }>, durationS: number, frameRate = 43): MfccFrames {
  const nFrames = Math.ceil(durationS * frameRate);
  const nMfcc = 40;
  const mfcc = new Float32Array(nMfcc * nFrames);
  let state = 7;
  const noise = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296 - 0.5) * 2;
  for (let t = 0; t < nFrames; t++) {
    const turn = turns.find((u) => t / frameRate >= u.start && t / frameRate < u.end);
    for (let d = 0; d < nMfcc; d++) {
      const voice = turn ? (turn.voice === 0 ? Math.sin(d) : Math.cos(d * 1.7)) * 4 : 0;
      mfcc[d * nFrames + t] = voice + noise() * 3;
    }
  }
  return { frameRate, nFrames, mfcc, nMfcc };
}

describe('two-speaker diarization', () => {
  const turns = Array.from({ length: 12 }, (_, i) => ({ start: i * 5, end: i * 5 + 4, voice: (i % 2) as 0 | 1 }));
  const speech = turns.map(({ start, end }) => ({ start, end }));

  for (const spectral of [true, false]) {
    it(`finds the turns and names the first speaker the agent (${spectral ? 'spectral' : 'two-means'} split)`, () => {
      const result = diarizeTwoSpeakers(call(turns, 60), speech, { spectral });
      expect(result.turns).toHaveLength(12);
      result.turns.forEach((turn, i) => {
        expect(turn.start).toBeCloseTo(turns[i].start, 0);
        expect(turn.end).toBeCloseTo(turns[i].end, 0);
        expect(turn.speaker === result.agent).toBe(i % 2 === 0);
      });
    });
  }

  it('re-segments with per-speaker Gaussians when asked, and copes with no speech', () => {
    const result = diarizeTwoSpeakers(call(turns, 60), speech, { rounds: 3 });
    expect(result.turns.filter((t) => t.speaker === result.agent)).toHaveLength(6);
    expect(diarizeTwoSpeakers(call([], 5), [])).toEqual({ turns: [], agent: 0 });
  });
});
