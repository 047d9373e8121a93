import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { drawParty } from '../../../../ml/train/party-conditions';
import { mulberry32 } from '../../../../ml/train/random';

const labels = EMOTIONS.flatMap((_, k) => Array.from({ length: 8 }, () => k));
const neutral = EMOTIONS.indexOf('neutral');

describe('parties drawn as calls have them', () => {
  it('gives a one-emotion party a single emotion throughout', () => {
    const picked = drawParty(labels, 'one', 40, mulberry32(1));
    expect(picked).toHaveLength(40);
    expect(new Set(picked.map((i) => labels[i])).size).toBe(1);
  });

  it('makes about three quarters of a neutral party neutral', () => {
    const random = mulberry32(2);
    const picked = Array.from({ length: 50 }, () => drawParty(labels, 'neutral', 40, random)).flat();
    const share = picked.filter((i) => labels[i] === neutral).length / picked.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('falls back to the emotions a voice has (a natural speaker with one emotion)', () => {
    const angry = EMOTIONS.indexOf('angry');
    const only = [angry, angry, angry];
    for (const c of ['one', 'neutral', 'arc', 'balanced'] as const) {
      expect(drawParty(only, c, 10, mulberry32(3)).every((i) => only[i] === angry)).toBe(true);
    }
  });
});
