/**
 * Parties as calls have them, drawn from one voice's labelled utterances: the adaptation
 * statistics of a party are computed over such a draw, never over a corpus' balanced set alone.
 *   one      one emotion for the whole party (a customer angry from start to finish)
 *   neutral  75% neutral, the rest any other emotion (an agent)
 *   arc      a customer arc as in make_calls.py --scenario realistic (emotion mix by third)
 *   balanced every emotion of the voice in equal measure (an acted corpus)
 * Voices that lack an emotion a mix asks for get one they have (as make_calls.py does).
 */
import { EMOTIONS, type Emotion } from '../../electron/shared/domain';

export const PARTY_CONDITIONS = ['one', 'neutral', 'arc', 'balanced'] as const;
export type PartyCondition = (typeof PARTY_CONDITIONS)[number];

type Mix = Partial<Record<Emotion, number>>;

/** make_calls.py's customer arcs (emotion mix by third of the call). */
const ARCS: Mix[][] = [
  [{ neutral: 0.85, happy: 0.1, surprised: 0.05 }],
  [{ neutral: 0.8, disgust: 0.1, angry: 0.1 }, { angry: 0.5, disgust: 0.2, neutral: 0.3 }, { neutral: 0.6, sad: 0.2, angry: 0.2 }],
  [{ angry: 0.7, disgust: 0.15, neutral: 0.15 }],
  [{ fear: 0.4, sad: 0.3, neutral: 0.3 }],
  [{ sad: 0.6, neutral: 0.4 }],
  [{ neutral: 0.5, happy: 0.3, surprised: 0.2 }, { happy: 0.5, surprised: 0.2, neutral: 0.3 }, { happy: 0.6, neutral: 0.4 }],
];

function choose<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function fromMix(mix: Mix, have: readonly number[], random: () => number): number {
  const options = have.filter((k) => (mix[EMOTIONS[k]] ?? 0) > 0);
  if (!options.length) return choose(have, random);
  const total = options.reduce((s, k) => s + (mix[EMOTIONS[k]] ?? 0), 0);
  let r = random() * total;
  for (const k of options) {
    r -= mix[EMOTIONS[k]] ?? 0;
    if (r <= 0) return k;
  }
  return options[options.length - 1];
}

/**
 * Indices into `labels` (one voice's utterances) for one party of `size` utterances in `condition`.
 * Utterances repeat when the voice has fewer of an emotion than the party needs.
 */
export function drawParty(labels: readonly number[], condition: PartyCondition, size: number, random: () => number): number[] {
  const byClass = new Map<number, number[]>();
  labels.forEach((k, i) => byClass.set(k, [...(byClass.get(k) ?? []), i]));
  const have = [...byClass.keys()].sort((a, b) => a - b);
  const neutral = EMOTIONS.indexOf('neutral');
  const one = choose(have, random);
  const arc = choose(ARCS, random);
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    let k: number;
    if (condition === 'one') k = one;
    else if (condition === 'balanced') k = choose(have, random);
    else if (condition === 'neutral') {
      const others = have.filter((c) => c !== neutral);
      k = byClass.has(neutral) && (random() < 0.75 || !others.length) ? neutral : choose(others.length ? others : have, random);
    } else k = fromMix(arc[Math.min(arc.length - 1, Math.floor((arc.length * i) / size))], have, random);
    out.push(choose(byClass.get(k) ?? [], random));
  }
  return out;
}
