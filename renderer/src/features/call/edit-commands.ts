import type { LabelValue } from '../../../../electron/shared/domain';
import type { EffectiveRegion } from './region-model';

/**
 * Corrections as commands of label steps, each with its inverse, so undo and redo are just more
 * calls through the contract. A label is named by a `LabelRef` rather than its id because undoing a
 * delete recreates the label under a new id; every command that names it then follows along.
 */
export interface LabelData {
  channel: number;
  start: number;
  end: number;
  emotion: LabelValue;
  replacesRegionId: number | null;
}

export type LabelPatch = Partial<Pick<LabelData, 'start' | 'end' | 'emotion'>>;

export interface LabelRef {
  id: number | null;
}

export type Step =
  | { kind: 'create'; ref: LabelRef; data: LabelData }
  | { kind: 'delete'; ref: LabelRef; data: LabelData }
  | { kind: 'update'; ref: LabelRef; to: LabelPatch; from: LabelPatch };

export interface Command {
  description: string;
  steps: Step[];
  /** Selected after doing or redoing (a label), and after undoing (the region as it was). */
  selectAfter: LabelRef | null;
  selectBefore: LabelRef | string | null;
}

export type RefFor = (labelId: number) => LabelRef;

/** Shortest region a split, drag or drawing may leave, in seconds. */
export const MIN_REGION_S = 0.1;

function labelData(region: EffectiveRegion, bounds: { start: number; end: number }, emotion: LabelValue): LabelData {
  return {
    channel: region.channel,
    start: bounds.start,
    end: bounds.end,
    emotion,
    replacesRegionId: region.source === 'model' ? (region.prediction?.id ?? null) : (region.label?.replacesRegionId ?? null),
  };
}

function patchOf(region: EffectiveRegion, keys: (keyof LabelPatch)[]): LabelPatch {
  const patch: LabelPatch = {};
  for (const key of keys) Object.assign(patch, { [key]: region[key] });
  return patch;
}

/** Changes a region's emotion or bounds: updates a label, or puts a label over a prediction. */
function change(region: EffectiveRegion, to: LabelPatch, description: string, refFor: RefFor): Command {
  if (region.source === 'human' && region.label) {
    const ref = refFor(region.label.id);
    const from = patchOf(region, Object.keys(to) as (keyof LabelPatch)[]);
    return { description, steps: [{ kind: 'update', ref, to, from }], selectAfter: ref, selectBefore: ref };
  }
  const ref: LabelRef = { id: null };
  const data = labelData(region, { start: to.start ?? region.start, end: to.end ?? region.end }, to.emotion ?? region.emotion);
  return { description, steps: [{ kind: 'create', ref, data }], selectAfter: ref, selectBefore: region.key };
}

export function relabel(region: EffectiveRegion, emotion: LabelValue, refFor: RefFor): Command | null {
  if (region.source === 'human' && region.emotion === emotion) return null;
  return change(region, { emotion }, `Relabel as ${emotion}`, refFor);
}

export function resize(region: EffectiveRegion, start: number, end: number, refFor: RefFor): Command | null {
  if (end - start < MIN_REGION_S || (Math.abs(start - region.start) < 1e-3 && Math.abs(end - region.end) < 1e-3)) return null;
  return change(region, { start, end }, 'Move region edges', refFor);
}

export function split(region: EffectiveRegion, time: number, refFor: RefFor): Command | null {
  if (time - region.start < MIN_REGION_S || region.end - time < MIN_REGION_S) return null;
  const right: LabelRef = { id: null };
  const rightData = labelData(region, { start: time, end: region.end }, region.emotion);
  if (region.source === 'human' && region.label) {
    const ref = refFor(region.label.id);
    return {
      description: 'Split region',
      steps: [{ kind: 'update', ref, to: { end: time }, from: { end: region.end } }, { kind: 'create', ref: right, data: rightData }],
      selectAfter: ref,
      selectBefore: ref,
    };
  }
  const left: LabelRef = { id: null };
  return {
    description: 'Split region',
    steps: [{ kind: 'create', ref: left, data: labelData(region, { start: region.start, end: time }, region.emotion) }, { kind: 'create', ref: right, data: rightData }],
    selectAfter: left,
    selectBefore: region.key,
  };
}

/** Joins `region` with the next one in its lane; the result keeps `region`'s emotion. */
export function merge(region: EffectiveRegion, next: EffectiveRegion, refFor: RefFor): Command {
  const grow = change(region, { end: next.end }, 'Merge with next region', refFor);
  if (next.source === 'human' && next.label) {
    const ref = refFor(next.label.id);
    grow.steps.push({ kind: 'delete', ref, data: labelData(next, next, next.emotion) });
  }
  // A prediction next door needs nothing: the grown label now lies over it, which hides it.
  return grow;
}

/** Deletes a reviewer's label (the prediction under it shows again). Predictions are never deleted. */
export function remove(region: EffectiveRegion, refFor: RefFor): Command | null {
  if (region.source !== 'human' || !region.label) return null;
  const ref = refFor(region.label.id);
  return { description: 'Delete label', steps: [{ kind: 'delete', ref, data: labelData(region, region, region.emotion) }], selectAfter: null, selectBefore: ref };
}

export function draw(channel: number, start: number, end: number, emotion: LabelValue): Command | null {
  if (end - start < MIN_REGION_S) return null;
  const ref: LabelRef = { id: null };
  return { description: 'Draw region', steps: [{ kind: 'create', ref, data: { channel, start, end, emotion, replacesRegionId: null } }], selectAfter: ref, selectBefore: null };
}

/** The selection key a command leaves behind (a ref follows its label through undo and redo). */
export function selectionKey(target: LabelRef | string | null): string | null {
  if (target === null || typeof target === 'string') return target;
  return target.id === null ? null : `l:${target.id}`;
}
