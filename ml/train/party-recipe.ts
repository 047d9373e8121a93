/**
 * The party head: trained on rows whose party statistics come from parties drawn as calls have
 * them (party-conditions.ts), plus single utterances (no adaptation), with corpus-balanced weights.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../electron/shared/domain';
import { partyInputs, type PartyDecision } from '../model/party-features';
import type { PartyStats } from '../model/pooling';
import { weightedFit } from './weighted-fit';
import type { Sample } from './dataset';
import type { DenseOptions, TrainContext } from './models';
import { averageOf, denseNet } from './nets';
import { fitScaler, stdFloor } from './normalise';
import { drawParty, PARTY_CONDITIONS, type PartyCondition } from './party-conditions';
import { predictRows } from './fit';
import { hashString, mulberry32 } from './random';
import { callPartyRows, joinCallWeights, type CallTraining } from './call-rows';

const K = EMOTIONS.length;

export const PARTY_SHRINK_WINDOWS = 6;
export const PARTY_SIZE = { min: 8, max: 40 } as const;

export interface PartyRecipe {
  members: DenseOptions[];
  /** Parties drawn per voice and recording condition, per party condition. */
  drawsPerCondition: number;
  /** Single utterances (party of one) per voice and recording condition. */
  singles: number;
  /** Each corpus' total weight ∝ (its number of voices)^power; 0 = every corpus the same. */
  corpusPower: number;
  /** Windows of training voices' calls, through the call path (call-rows.ts); none by default. */
  calls?: CallTraining;
}

export const PARTY_RECIPE: PartyRecipe = {
  members: [
    { hidden: [], dropout: 0, l2: 1e-3, epochs: 10, lr: 3e-3, batchSize: 128 },
    { hidden: [128, 64], dropout: 0.3, l2: 1e-4, epochs: 14, lr: 1e-3, batchSize: 128 },
  ],
  drawsPerCondition: 2,
  singles: 24,
  corpusPower: 0.5,
};

/** Samples grouped by voice and recording condition (one party never mixes channels). */
export function voiceGroups(samples: readonly Sample[]): Sample[][] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.item.speaker}|${s.variant}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()];
}

export interface PartyRows {
  x: Float32Array[];
  labels: number[];
  corpus: string[];
  variant: string[];
  condition: Array<PartyCondition | 'single'>;
  /** The drawn party each row belongs to (-1 for singles). */
  party: number[];
}

/** One party's samples → the head's inputs, built with that party's own statistics. */
export type PartyInputsOf = (party: readonly Sample[]) => Float32Array[];

/** The pooled party head's inputs: [global z | party z] of the pooled statistics. */
export function pooledInputsOf(global: PartyStats, decision: Pick<PartyDecision, 'shrinkWindows' | 'stdFloor'>): PartyInputsOf {
  return (party) => partyInputs(party.map((s) => s.pooled), global, decision);
}

/** Rows of parties drawn from each voice group: inputs with the drawn party's own statistics. */
export function drawPartyRows(samples: readonly Sample[], inputsOf: PartyInputsOf,
  o: { drawsPerCondition: number; singles: number; seed: number; conditions?: readonly PartyCondition[] }): PartyRows {
  const rows: PartyRows = { x: [], labels: [], corpus: [], variant: [], condition: [], party: [] };
  let partyId = 0;
  for (const group of voiceGroups(samples)) {
    const random = mulberry32(hashString(`${o.seed}:${group[0].item.speaker}:${group[0].variant}`));
    const labels = group.map((s) => s.item.label);
    for (const condition of o.conditions ?? PARTY_CONDITIONS) {
      for (let d = 0; d < o.drawsPerCondition; d++) {
        const size = PARTY_SIZE.min + Math.floor(random() * (PARTY_SIZE.max - PARTY_SIZE.min + 1));
        const picked = drawParty(labels, condition, size, random).map((i) => group[i]);
        const x = inputsOf(picked);
        picked.forEach((s, i) => {
          rows.x.push(x[i]);
          rows.labels.push(s.item.label);
          rows.corpus.push(s.item.corpus);
          rows.variant.push(s.variant);
          rows.condition.push(condition);
          rows.party.push(partyId);
        });
        partyId++;
      }
    }
    for (let i = 0; i < Math.min(o.singles, group.length); i++) {
      const s = group[o.singles >= group.length ? i : Math.floor(random() * group.length)];
      rows.x.push(inputsOf([s])[0]);
      rows.labels.push(s.item.label);
      rows.corpus.push(s.item.corpus);
      rows.variant.push(s.variant);
      rows.condition.push('single');
      rows.party.push(-1);
    }
  }
  return rows;
}

/** Each corpus' rows share a total ∝ voices^power, so 2 TESS voices' 560 words do not outvote the rest. */
export function corpusWeights(rows: Pick<PartyRows, 'corpus'>, voicesPerCorpus: ReadonlyMap<string, number>, power: number): Float32Array {
  const counts = new Map<string, number>();
  for (const c of rows.corpus) counts.set(c, (counts.get(c) ?? 0) + 1);
  const w = Float32Array.from(rows.corpus, (c) => (voicesPerCorpus.get(c) ?? 1) ** power / (counts.get(c) ?? 1));
  const mean = w.reduce((s, v) => s + v, 0) / Math.max(1, w.length);
  return w.map((v) => v / mean);
}

/** What a party head reads: pooled statistics (the shipped head), the study's 184 means, or MFCC frame sequences. */
export const PARTY_FAMILIES = ['pooled', 'study-conv1d', 'frame-sequence'] as const;
export type PartyFamily = (typeof PARTY_FAMILIES)[number];

export interface PartyHead {
  family: PartyFamily;
  model: tf.LayersModel;
  global: PartyStats;
  stdFloor: Float32Array;
  shrinkWindows: number;
  /** One party's samples → this head's inputs (the same builder for training and test parties). */
  inputsOf: PartyInputsOf;
  /** Its architecture in words (metadata). */
  architecture: string;
}

/** Each row's weight: corpus-balanced (corpusWeights) over the training voices. */
export function trainingWeights(train: readonly Sample[], rows: PartyRows, power: number): Float32Array {
  const voices = new Map<string, Set<string>>();
  for (const s of train) voices.set(s.item.corpus, (voices.get(s.item.corpus) ?? new Set()).add(s.item.speaker));
  return corpusWeights(rows, new Map([...voices].map(([c, v]) => [c, v.size])), power);
}

export async function fitPartyHead(train: readonly Sample[], ctx: TrainContext, recipe: PartyRecipe = PARTY_RECIPE): Promise<PartyHead> {
  const global = fitScaler(train.map((s) => s.pooled));
  const floor = stdFloor(train.map((s) => s.pooled));
  const decision = { shrinkWindows: PARTY_SHRINK_WINDOWS, stdFloor: floor };
  const inputsOf = pooledInputsOf(global, decision);
  const rows = drawPartyRows(train, inputsOf, { drawsPerCondition: recipe.drawsPerCondition, singles: recipe.singles, seed: ctx.seed });
  let weights = trainingWeights(train, rows, recipe.corpusPower);
  let callNote = '';
  if (recipe.calls) {
    // Only parties whose voice trains here: a validation fold's voices never reach its head through a call.
    const calls = callPartyRows(recipe.calls, new Set(train.map((s) => s.item.speaker)), global, decision);
    weights = joinCallWeights(weights, calls.x.length, recipe.calls.share);
    rows.x.push(...calls.x);
    rows.labels.push(...calls.labels);
    callNote = `; clip rows + ${calls.x.length} call windows (${recipe.calls.share} of the weight)`;
  }
  const members: tf.Sequential[] = [];
  for (const [i, o] of recipe.members.entries()) {
    const net = denseNet({ inputDim: rows.x[0].length, hidden: o.hidden, dropout: o.dropout, l2: o.l2, nClasses: K, seed: ctx.seed + 7 * i });
    const epochs = ctx.quick ? Math.ceil(o.epochs / 2) : o.epochs;
    await weightedFit(net, rows.x, rows.labels, weights, K, { epochs, batchSize: o.batchSize ?? 128, learningRate: o.lr, seed: ctx.seed + i, onEpoch: ctx.onEpoch });
    members.push(net);
  }
  const architecture = `soft vote: ${recipe.members.map((o) => (o.hidden.length ? `MLP ${o.hidden.join('-')} (ReLU, dropout ${o.dropout})` : `logistic regression (L2 ${o.l2})`)).join(' + ')}` +
    ` on [global z | party-relative z] (${rows.x[0].length} inputs)${callNote}`;
  return { family: 'pooled', model: averageOf(members, rows.x[0].length), global, stdFloor: floor, shrinkWindows: PARTY_SHRINK_WINDOWS, inputsOf, architecture };
}

/** Raw head probabilities of rows already made into party inputs. */
export function predictParty(head: PartyHead, x: readonly Float32Array[]): Promise<Float32Array[]> {
  return predictRows(head.model, x);
}
