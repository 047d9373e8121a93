/**
 * The library's own class priors: EM (ml/model/class-priors) over the regions the active model
 * produced, per party role (agents are mostly neutral, customers less so), with no labels. Each
 * region's probabilities are first divided by the weights it was decided with (the model's own, or
 * an earlier estimate), weighted by its seconds. The estimate is stored per model version and role;
 * analysis then decides that role's parties with its weights in place of the model's own.
 */
import { z } from 'zod';
import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import { EMOTIONS, partyRoleSchema, type Emotion, type PartyRole } from '../../shared/domain';
import { estimatePriors, priorWeights } from '../../../ml/model/class-priors';
import { unshowRegion } from '../../../ml/model/call-rule';
import type { ClassWeightsByRole } from '../analysis/analysis-types';
import type { ClassPriorInfo, RolePriorInfo } from '../../shared/contract';

/** One region as the estimate reads it. */
export interface RegionSample {
  callId: string;
  role: PartyRole;
  seconds: number;
  /** EMOTIONS order, as shown (after the weights in `weightsUsed`). */
  probabilities: readonly number[];
  weightsUsed: readonly number[];
}

export interface RolePrior {
  priors: number[];
  /** The decision rule's weights (largest 1): replace the model's own for this role. */
  weights: number[];
  calls: number;
  seconds: number;
  iterations: number;
}

export interface PriorOptions {
  /**
   * 'multiply': EM over the posteriors as the model's own rule decides them, its weights times the
   * estimate; 'replace': EM over the raw (tempered) posteriors, the estimate alone.
   */
  mode?: 'multiply' | 'replace';
  /** Exponent on the estimated prior ratio (1: as estimated; < 1 damps a noisy estimate). */
  strength?: number;
  /** A role needs regions on at least this many calls (fewer: the model's own prior stays). */
  minCalls?: number;
  /** Dirichlet pseudo-count towards uniform (see estimatePriors). */
  smoothing?: number;
  /** The model's temperature of shown regions: undone first, so EM reads the smoothed posteriors it was measured on. */
  shownTemperature?: number;
  /** Least neutral share an estimate may find in agents (default AGENT_NEUTRAL_FLOOR; 0: no check). */
  agentNeutralFloor?: number;
}

export const DEFAULT_MIN_CALLS = 3;
/**
 * Agents are mostly neutral: an estimate that finds less neutral than this in them says the model
 * does not read the library's line (e.g. 16 kbit/s MP3: the posteriors themselves are wrong, and
 * re-weighting them lowered accuracy), so no estimate is applied.
 */
export const AGENT_NEUTRAL_FLOOR = 0.3;
const NEUTRAL = EMOTIONS.indexOf('neutral');

/** Why an estimate is not applied (null: it is). */
export function implausible(estimate: Partial<Record<PartyRole, RolePrior>>, floor = AGENT_NEUTRAL_FLOOR): string | null {
  const agent = estimate.agent;
  if (!agent || agent.priors[NEUTRAL] >= floor) return null;
  return `the estimate finds ${Math.round(100 * agent.priors[NEUTRAL])}% neutral speech in agents (under ${Math.round(100 * floor)}%): ` +
    "the model does not seem to read this line, so the model's own prior stays";
}
const DEFAULT_SMOOTHING = 0.02;
// Measured on realistic calls (bench/prior-bench.ts, docs/MODEL.md): 'replace' collapses onto one confused class; the model's
// weights times a damped estimate raised accuracy and neutral recall.
const DEFAULT_MODE = 'multiply';
const DEFAULT_STRENGTH = 0.5;

/** Probabilities decided with `used` weights, re-weighted to `basis` ones (all 1: the raw posterior). */
function reweigh(p: readonly number[], used: readonly number[], basis: readonly number[]): number[] {
  const raw = p.map((v, k) => (v * basis[k]) / Math.max(used[k] ?? 1, 1e-9));
  const sum = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / (sum || 1));
}

/** EM per role over the regions' probabilities with the weights they were decided with undone. */
export function estimateRolePriors(samples: readonly RegionSample[], own: readonly number[], options: PriorOptions = {}): Partial<Record<PartyRole, RolePrior>> {
  const multiply = (options.mode ?? DEFAULT_MODE) === 'multiply';
  const basis = multiply ? own : own.map(() => 1);
  const strength = options.strength ?? DEFAULT_STRENGTH;
  const out: Partial<Record<PartyRole, RolePrior>> = {};
  for (const role of partyRoleSchema.options) {
    const mine = samples.filter((s) => s.role === role && s.seconds > 0);
    const calls = new Set(mine.map((s) => s.callId)).size;
    if (!mine.length || calls < (options.minCalls ?? DEFAULT_MIN_CALLS)) continue;
    const estimate = estimatePriors(mine.map((s) => reweigh(s.probabilities, s.weightsUsed, basis)), {
      weights: mine.map((s) => s.seconds), smoothing: options.smoothing ?? DEFAULT_SMOOTHING,
    });
    const ratio = priorWeights(estimate.priors).map((w, k) => basis[k] * w ** strength);
    const top = Math.max(...ratio);
    out[role] = { priors: estimate.priors, weights: ratio.map((w) => w / top), calls, seconds: mine.reduce((s, r) => s + r.seconds, 0), iterations: estimate.iterations };
  }
  return out;
}

const probabilitiesSchema = z.record(z.string(), z.number());
const weightsSchema = z.array(z.number().positive()).length(EMOTIONS.length);

/** The regions of `modelVersion` as samples; `own`: the model's own weights (parties decided with them store NULL). */
export async function librarySamples(db: LibraryDb, modelVersion: string, own: readonly number[], shownTemperature = 1): Promise<RegionSample[]> {
  const rows = await db
    .selectFrom('model_regions as r')
    .innerJoin('parties as p', (join) => join.onRef('p.recording_id', '=', 'r.recording_id').onRef('p.channel', '=', 'r.channel'))
    .select(['r.recording_id', 'p.role', 'p.class_weights', 'r.start_s', 'r.end_s', 'r.probabilities'])
    .where('r.model_version', '=', modelVersion)
    .execute();
  return rows.map((r) => {
    const probabilities = probabilitiesSchema.parse(JSON.parse(r.probabilities));
    return {
      callId: r.recording_id, role: r.role, seconds: r.end_s - r.start_s,
      probabilities: Array.from(unshowRegion(EMOTIONS.map((e: Emotion) => probabilities[e] ?? 0), shownTemperature)),
      weightsUsed: r.class_weights ? weightsSchema.parse(JSON.parse(r.class_weights)) : own,
    };
  });
}

export interface StoredPrior extends Omit<RolePrior, 'iterations'> {
  role: PartyRole;
  estimatedAt: string;
}

/** Estimates the priors of `modelVersion` from the library and stores them (roles with too few calls keep the model's own). */
export async function estimateLibraryPriors(db: LibraryDb, modelVersion: string, own: readonly number[], options: PriorOptions = {}): Promise<{ stored: StoredPrior[]; refused: string | null }> {
  const estimate = estimateRolePriors(await librarySamples(db, modelVersion, own, options.shownTemperature), own, options);
  const refused = implausible(estimate, options.agentNeutralFloor);
  if (refused) {
    await db.deleteFrom('class_priors').where('model_version', '=', modelVersion).execute();
    return { stored: [], refused };
  }
  const now = new Date().toISOString();
  const rows = (Object.entries(estimate) as Array<[PartyRole, RolePrior]>).map(([role, e]) => ({
    model_version: modelVersion, role, priors: JSON.stringify(e.priors), weights: JSON.stringify(e.weights), calls: e.calls, seconds: e.seconds, estimated_at: now,
  }));
  // The version's rows are deleted first, so a plain insert replaces them.
  await libraryTransaction(db, async (trx) => {
    await trx.deleteFrom('class_priors').where('model_version', '=', modelVersion).execute();
    if (rows.length) await trx.insertInto('class_priors').values(rows).execute();
  });
  return { stored: await storedPriors(db, modelVersion), refused: null };
}

const storedRow = z.object({ role: partyRoleSchema, priors: z.string(), weights: z.string(), calls: z.number(), seconds: z.number(), estimated_at: z.string() });

export async function storedPriors(db: LibraryDb, modelVersion: string): Promise<StoredPrior[]> {
  const rows = await db
    .selectFrom('class_priors')
    .select(['role', 'priors', 'weights', 'calls', 'seconds', 'estimated_at'])
    .where('model_version', '=', modelVersion)
    .orderBy('role')
    .execute();
  return rows
    .map((row) => storedRow.parse(row))
    .map((r) => ({ role: r.role, priors: weightsSchema.parse(JSON.parse(r.priors)), weights: weightsSchema.parse(JSON.parse(r.weights)), calls: r.calls, seconds: r.seconds, estimatedAt: r.estimated_at }));
}

/** What analysis with `modelVersion` passes as AnalyseOptions.priors (undefined: the model's own everywhere). */
export async function classWeightsInUse(db: LibraryDb, modelVersion: string): Promise<ClassWeightsByRole | undefined> {
  const stored = await storedPriors(db, modelVersion);
  return stored.length ? Object.fromEntries(stored.map((s) => [s.role, s.weights])) : undefined;
}

const record = (values: readonly number[]): Record<Emotion, number> => Object.fromEntries(EMOTIONS.map((e, k) => [e, values[k]])) as Record<Emotion, number>;

/** The prior in use for each party role of `version`: estimated where stored, else the model's own (`own`). */
export async function priorInfo(db: LibraryDb, version: string, own: readonly number[], note: string | null = null): Promise<ClassPriorInfo> {
  const analysed = await db
    .selectFrom('model_regions')
    .select((eb) => eb.fn.count<number | string>('recording_id').distinct().as('n'))
    .where('model_version', '=', version)
    .executeTakeFirstOrThrow();
  const stored = new Map((await storedPriors(db, version)).map((s) => [s.role, s]));
  const roles: RolePriorInfo[] = partyRoleSchema.options.map((role) => {
    const s = stored.get(role);
    return s ? { role, source: 'estimated', weights: record(s.weights), priors: record(s.priors), calls: s.calls, seconds: s.seconds, estimatedAt: s.estimatedAt }
      : { role, source: 'model', weights: record(own), priors: null, calls: 0, seconds: 0, estimatedAt: null };
  });
  // PostgreSQL counts in bigint, which pg returns as text.
  return { version, roles, minCalls: DEFAULT_MIN_CALLS, analysedCalls: Number(analysed.n), note };
}
