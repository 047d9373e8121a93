/**
 * One sentence for what a retrained version is made of (its party head and correction memory) and
 * how the by-voice guard judged it: the retrain CLI and the Models page say it the same way.
 */
import type { RetrainMemory } from './contract';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function describeMemory(m: RetrainMemory): string {
  const head = m.head === 'current' ? 'the current party head kept' : 'the party head fine-tuned on the corrections';
  const memory = m.rule
    ? `a memory of ${m.windows} corrected windows (the ${m.rule.k} nearest of the party's own voice, on the ${m.rule.space} half, weigh up to ${Math.round(100 * m.rule.maxWeight)}%)`
    : 'no memory of corrected windows';
  const voices = m.byVoice
    ? `; on voices it never heard (${m.voices} voices, each judged by a version without it) ${pct(m.byVoice.before)} → ${pct(m.byVoice.after)}`
    : `; ${m.voices} voices among the corrected parties`;
  return `${head}, ${memory}, chosen on the folds${voices}`;
}
