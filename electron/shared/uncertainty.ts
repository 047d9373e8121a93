/**
 * The one place that says how unsure the model is about a predicted region, for the review queue,
 * the call view's "uncertain" marks and the active-learning bench. Today: one minus the region's
 * top probability (the stored confidence; calibrated when the model that wrote it is). When regions
 * carry the model's own "uncertain" state (its calibrated threshold), that counts too.
 */
import type { PredictedRegion, RecordingSummary } from './domain';

/** A region whose top probability is below this is uncertain (about a quarter of the shipped model's regions on unseen voices). */
export const UNCERTAIN_BELOW = 0.5;

/** What the rule reads: the stored confidence, and the model's own verdict where regions carry one. */
export type UncertaintyInput = Pick<PredictedRegion, 'confidence'> & { uncertain?: boolean };

export function regionUncertainty(region: UncertaintyInput): number {
  return 1 - region.confidence;
}

/** The model's own verdict (its calibrated threshold, migration 0100), or a top probability below UNCERTAIN_BELOW. */
export function isUncertain(region: UncertaintyInput): boolean {
  return region.uncertain === true || region.confidence < UNCERTAIN_BELOW;
}

/** The same rule over `model_regions` rows aliased `m`, for queries that count uncertain regions. */
export const UNCERTAIN_SQL = `(m.uncertain = 1 OR m.confidence < ${UNCERTAIN_BELOW})`;

/** One point of customer negative share (0..1) is worth this many uncertain regions in the queue. */
const NEGATIVE_CUSTOMER_WEIGHT = 20;

/**
 * Where a reviewer's minutes are worth most ("Needs review", highest first): the regions the model
 * is unsure of and no one has labelled yet, plus much negative emotion on the customer's side.
 */
export function reviewPriority(recording: Pick<RecordingSummary, 'uncertainRegions' | 'parties' | 'status'>): number {
  if (recording.status !== 'done') return 0;
  const customer = recording.parties.find((p) => p.role === 'customer') ?? recording.parties.find((p) => p.role === 'speaker');
  return recording.uncertainRegions + NEGATIVE_CUSTOMER_WEIGHT * (customer?.negativeShare ?? 0);
}
