/**
 * The retrained version's make-up chosen on the folds (memory-rule.ts), with the by-voice guard
 * extended to fine-tuning: when the fine-tuned head would win by call, candidates are trained
 * without each fold of voices and must not fall below the current model on the voices they never
 * heard (corrections of one recurring voice teach that voice, which cross-validation by call cannot
 * tell from learning the centre). Those trainings run only when the fine-tuned head could win.
 */
import { planFolds } from './cross-validate';
import type { Heads, PartyRow } from './heads';
import { chooseMemory, type JudgedWindow, type MemoryChoice } from './memory-rule';
import type { MemoryRule } from '../model/correction-memory';

export interface VoiceGuardOptions {
  /** A party head to guard (and to carry a memory): false for older models, whose candidate is judged as before. */
  guard: boolean;
  grid: readonly MemoryRule[];
  folds: number;
  /** Heads trained on the base rows and these corrections (disposed here). */
  train: (corrections: PartyRow[]) => Promise<Heads>;
  predict: (heads: Heads, rows: readonly PartyRow[]) => Promise<Float32Array[]>;
  dispose: (heads: Heads) => void;
}

/** `rows[i]` is the correction row of `windows[i]`; fills `candidateByVoice` when it trains. */
/** The choice, and (where the guard ran) the best current head + memory it was weighed against: retraining's fallback. */
export async function chooseGuarded(windows: JudgedWindow[], rows: readonly PartyRow[], o: VoiceGuardOptions): Promise<MemoryChoice & { voiceTrainings: number; kept?: MemoryChoice }> {
  const plainTuned = (): MemoryChoice => chooseMemory(windows, { heads: ['fine-tuned'], grid: [], guard: false });
  if (!o.guard) return { ...plainTuned(), voiceTrainings: 0 };
  const tuned = chooseMemory(windows, { heads: ['fine-tuned'], grid: o.grid, guard: false });
  const kept = chooseMemory(windows, { heads: ['current'], grid: o.grid, guard: true });
  if (!(tuned.score > kept.score)) return { ...(kept.rule ? kept : plainTuned()), voiceTrainings: 0, kept };
  const plan = planFolds([...new Set(windows.map((w) => String(w.voice)))], o.folds);
  for (const fold of plan.folds) {
    const held = new Set(fold.map(Number));
    const heads = await o.train(rows.filter((_, i) => !held.has(windows[i].voice)));
    try {
      const idx = windows.flatMap((w, i) => (held.has(w.voice) ? [i] : []));
      const posteriors = await o.predict(heads, idx.map((i) => rows[i]));
      idx.forEach((i, k) => (windows[i].candidateByVoice = posteriors[k]));
    } finally {
      o.dispose(heads);
    }
  }
  return { ...chooseMemory(windows, { heads: ['fine-tuned', 'current'], grid: o.grid, guard: true }), voiceTrainings: plan.folds.length, kept };
}
