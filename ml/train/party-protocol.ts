/**
 * The protocol that counts: speaker folds over all four corpora for every choice, leave one corpus
 * out, and one held-out group of voices that no choice looks at. Test voices are scored as parties
 * drawn the way calls have them (party-conditions.ts) and one utterance at a time.
 */
import { EMOTIONS } from '../../electron/shared/domain';
import { calibrate, partyInputs } from '../model/party-features';
import type { Variant } from './augment';
import { loadSamples, type Sample } from './dataset';
import { decisionReport, scoredFrom, type DecisionReport } from './decision-metrics';
import type { FittedDecision, OofRecord } from './fit-decision';
import type { Utterance } from './manifest';
import { confusionMatrix } from './metrics';
import type { TrainContext } from './models';
import { PARTY_CONDITIONS } from './party-conditions';
import { fitPartyFamily } from './party-conv';
import { drawPartyRows, predictParty, type PartyFamily, type PartyHead, type PartyRecipe } from './party-recipe';
import { inTessShare } from './protocol';

/** Voices no choice ever looks at: reported once, at the end (two of each corpus but TESS, which has two in all). */
export const HELD_OUT_SPEAKERS: readonly string[] = ['A19', 'A20', 'E15', 'E16', 'SM1', 'SF6'];

export const TEST_VARIANTS: readonly Variant[] = ['clean', 'tel'];
const TRAIN_VARIANTS: readonly Variant[] = ['clean', 'tel', 'aug-wide', 'aug-tel', 'codec'];

/** Which training copies beyond clean + telephone a run uses: the pitch/noise copies (aug-*), the codec copy. */
export interface TrainCopies {
  useAug: boolean;
  useCodec?: boolean;
}

export interface TestRecord extends OofRecord {
  corpus: string;
  variant: string;
}

/** Validation voices (all but the held-out group and TESS, which always trains) in `n` folds, corpus by corpus. */
export function validationFolds(items: readonly Utterance[], n: number): string[][] {
  const folds: string[][] = Array.from({ length: n }, () => []);
  const corpora = [...new Set(items.map((u) => u.corpus))].filter((c) => c !== 'tess').sort();
  let offset = 0;
  // Round robin over each corpus' male then female voices: every fold gets both genders of every corpus.
  for (const corpus of corpora) {
    for (const gender of ['male', 'female'] as const) {
      const voices = [...new Set(items.filter((u) => u.corpus === corpus && u.gender === gender).map((u) => u.speaker))].filter((s) => !HELD_OUT_SPEAKERS.includes(s)).sort();
      voices.forEach((v, i) => folds[(i + offset) % n].push(v));
      offset += voices.length;
    }
  }
  return folds;
}

export interface PartyBank {
  items: Utterance[];
  /** Samples by variant: train rows (every cached copy) and test rows. */
  byVariant: Map<Variant, Sample[]>;
}

/** Loads what the cache holds (extract-cli.ts fills it); TESS contributes its training share only. */
export async function loadPartyBank(items: readonly Utterance[], log: (line: string) => void): Promise<PartyBank> {
  const used = items.filter((u) => u.corpus !== 'tess' || inTessShare(u));
  const byVariant = new Map<Variant, Sample[]>();
  for (const variant of TRAIN_VARIANTS) {
    const list = variant.startsWith('aug') ? used.filter((u) => u.corpus !== 'tess') : used;
    const samples = await loadSamples(list, variant);
    byVariant.set(variant, samples);
    log(`loaded ${variant}: ${samples.length}/${list.length}`);
  }
  return { items: [...used], byVariant };
}

export function trainRows(bank: PartyBank, speakers: ReadonlySet<string>, copies: TrainCopies): Sample[] {
  const wanted = (v: Variant): boolean => (v.startsWith('aug') ? copies.useAug : v === 'codec' ? copies.useCodec === true : true);
  return TRAIN_VARIANTS.filter(wanted).flatMap((v) => (bank.byVariant.get(v) ?? []).filter((s) => speakers.has(s.item.speaker)));
}

export function testRows(bank: PartyBank, speakers: ReadonlySet<string>): Sample[] {
  return TEST_VARIANTS.flatMap((v) => (bank.byVariant.get(v) ?? []).filter((s) => speakers.has(s.item.speaker)));
}

/** Test voices as parties of each condition (4 draws each) and as single utterances (every one). */
export async function scoreTest(head: PartyHead, test: readonly Sample[], seed: number): Promise<TestRecord[]> {
  const rows = drawPartyRows(test, head.inputsOf, { drawsPerCondition: 4, singles: Number.MAX_SAFE_INTEGER, seed: seed + 1000 });
  const probs = await predictParty(head, rows.x);
  return probs.map((p, i) => ({ truth: rows.labels[i], probabilities: p, condition: rows.condition[i], corpus: rows.corpus[i], variant: rows.variant[i] }));
}

export async function trainAndScore(bank: PartyBank, trainSpeakers: ReadonlySet<string>, testSpeakers: ReadonlySet<string>, ctx: TrainContext,
  o: TrainCopies & { recipe?: PartyRecipe; family?: PartyFamily }): Promise<{ head: PartyHead; records: TestRecord[] }> {
  const head = await fitPartyFamily(o.family ?? 'pooled', trainRows(bank, trainSpeakers, o), ctx, o.recipe);
  const records = await scoreTest(head, testRows(bank, testSpeakers), ctx.seed);
  return { head, records };
}

export const REPORT_CONDITIONS = ['single', ...PARTY_CONDITIONS] as const;

export interface ConditionRow {
  condition: string;
  variant: string;
  raw: DecisionReport;
  decided: DecisionReport;
  /** Counts of the decided predictions: rows true class, columns predicted, in EMOTIONS order. */
  confusion: number[][];
  /** Accuracy with the output restricted to the classes the test voices have (LOCO). */
  restricted?: number;
}

export function conditionTable(records: readonly TestRecord[], decision: FittedDecision | null, restrictTo?: readonly number[]): ConditionRow[] {
  const out: ConditionRow[] = [];
  const ones = EMOTIONS.map(() => 1);
  for (const condition of REPORT_CONDITIONS) {
    for (const variant of TEST_VARIANTS) {
      const chosen = records.filter((r) => r.condition === condition && r.variant === variant);
      if (!chosen.length) continue;
      const raw = decisionReport(chosen.map((r) => scoredFrom(r.truth, r.probabilities)));
      const decidedProbs = chosen.map((r) => (decision ? calibrate(r.probabilities, decision.temperature, decision.classWeights) : calibrate(r.probabilities, 1, ones)));
      const decidedScores = chosen.map((r, i) => scoredFrom(r.truth, decidedProbs[i]));
      const decided = decisionReport(decidedScores);
      const confusion = confusionMatrix(decidedScores.map((d) => d.truth), decidedScores.map((d) => d.predicted), EMOTIONS.length);
      let restricted: number | undefined;
      if (restrictTo) {
        const allowed = new Set(restrictTo);
        const hits = chosen.filter((r, i) => {
          const masked = decidedProbs[i].map((v, k) => (allowed.has(k) ? v : 0));
          return scoredFrom(r.truth, masked).predicted === r.truth;
        }).length;
        restricted = hits / chosen.length;
      }
      out.push({ condition, variant, raw, decided, confusion, restricted });
    }
  }
  return out;
}

/** Inputs of a whole party for the head, for callers holding pooled vectors (tests, evaluation). */
export function headInputs(head: PartyHead, pooled: readonly Float32Array[]): Float32Array[] {
  return partyInputs(pooled, head.global, head);
}
