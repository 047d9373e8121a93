import { z } from 'zod';
import { EMOTIONS } from '../../electron/shared/domain';
import { EmoqaError } from '../../electron/shared/errors';
import { FEATURE_SPEC } from '../dsp';

const reportSchema = z.object({
  n: z.number(),
  accuracy: z.number(),
  macroF1: z.number(),
  recall: z.record(z.string(), z.number()),
  /** Rows true class, columns predicted (EMOTIONS order), pooled over the folds; older models lack it. */
  confusion: z.array(z.array(z.number().min(0))).optional(),
});

/** metadata.json beside the model files: everything needed to feed the model and to judge it. */
/** One row of the party protocol: its measures (n, accuracy, …) and its confusion counts. */
export const partyFigureSchema = z.object({ confusion: z.array(z.array(z.number().int().min(0))).optional() }).catchall(z.number());

export type PartyFigure = z.infer<typeof partyFigureSchema>;

/** Whole calls scored through the product's path (evaluate:calls, calibrate-calls), over the truth's speech frames. */
export const callFigureSchema = z.object({
  calls: z.number().int().positive(), frames: z.number().int().nonnegative(),
  accuracy: z.number(),
  /** null where undefined: no neutral speech in the calls, or nothing called emotional. */
  neutralRecall: z.number().nullable(), notNeutralPrecision: z.number().nullable(), ece: z.number(),
  coverage: z.number(), uncertainShare: z.number(), certainAccuracy: z.number(),
  /** The customer's negative share per call, mean absolute error. */
  negativeShareError: z.number(),
});

export type CallFigure = z.infer<typeof callFigureSchema>;

export const modelMetadataSchema = z.object({
  version: z.string(),
  createdAt: z.string(),
  classes: z.array(z.enum(EMOTIONS)).length(EMOTIONS.length),
  sampleRate: z.number().int().positive(),
  featureSpec: z.object({
    version: z.string(), sampleRate: z.number(), nFft: z.number(), hopLength: z.number(),
    nMels: z.number(), nMfcc: z.number(), nChroma: z.number(),
  }),
  input: z.object({
    kind: z.literal('pooled-stats'),
    pooling: z.string(),
    dim: z.number().int().positive(),
    description: z.string(),
    /** Windows shorter than this many frames are padded by pooling fewer frames; advisory. */
    minFrames: z.number().int().positive(),
  }),
  /** Global z-score for the plain path (fitted on the training rows). */
  normalisation: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }),
  model: z.object({ file: z.string(), architecture: z.string(), parameters: z.number() }),
  /** Optional speaker-adapted head: inputs z-scored with the party's own statistics. */
  adaptation: z
    .object({
      file: z.string(),
      architecture: z.string(),
      stdFloor: z.array(z.number()),
      minWindows: z.number().int().positive(),
      description: z.string(),
    })
    .optional(),
  /**
   * The party decision rule (party-features.ts): when present, the product runs `file`, which reads
   * [global z | party-relative z] (2 × input.dim) for every window, with the party's robust
   * statistics shrunk towards the global ones; its probabilities are then tempered and
   * prior-corrected, and windows below `uncertainBelow` are shown as uncertain.
   */
  decision: z
    .object({
      kind: z.literal('party-abs-rel'),
      file: z.string(),
      architecture: z.string(),
      /** Global statistics of this head's training rows (the plain/adapted heads keep `normalisation`). */
      global: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }),
      shrinkWindows: z.number().nonnegative(),
      stdFloor: z.array(z.number()),
      temperature: z.number().positive(),
      classWeights: z.array(z.number().positive()).length(EMOTIONS.length),
      uncertainBelow: z.number().min(0).max(1),
      /** The party part of the rule (call-rule.ts): EM prior over the party's own windows, damped by this power. */
      partyPrior: z.number().min(0).optional(),
      /** The party part of the rule (call-rule.ts): share of the party's mean posterior blended into each window. */
      partyBlend: z.number().min(0).max(1).optional(),
      /** Temperature of the regions' shown probabilities (call-rule.ts showRegion; absent: 1). */
      shownTemperature: z.number().positive().optional(),
      description: z.string(),
      /** How the rule was fitted and what it measured (bench/calibrate-calls.ts), when fitted through the call path. */
      calibration: z.string().optional(),
      /**
       * The head reads MFCC frame sequences (frame-sequence.ts) instead of pooled statistics: every
       * window is `steps` steps of `stride` frames of `channels` coefficients, and `global`/`stdFloor`
       * are per coefficient.
       */
      sequence: z.object({ steps: z.number().int().positive(), stride: z.number().int().positive(), channels: z.number().int().positive() }).optional(),
    })
    .optional(),
  /**
   * The correction memory (correction-memory.ts, memory-file.ts): corrected windows whose labels are
   * blended with the party head's posterior, by the rule retraining chose on its folds.
   */
  memory: z.object({ file: z.string(), windows: z.number().int().nonnegative(), description: z.string() }).optional(),
  /**
   * Figures of the party protocol (split | condition | band → measure → value), beside `metrics`;
   * `confusion`: counts of the decided predictions, rows true class, columns predicted, in `classes` order.
   */
  figures: z.record(z.string(), partyFigureSchema).optional(),
  /** Call figures (scenario | voices | rule → measures): the realistic and mixed calls the model was judged on. */
  callFigures: z.record(z.string(), callFigureSchema).optional(),
  training: z.object({
    data: z.string(),
    rows: z.number(),
    augmentation: z.array(z.string()),
    seed: z.number(),
    epochs: z.number(),
    durationS: z.number(),
  }),
  split: z.string(),
  metrics: z.record(z.string(), reportSchema),
  licence: z.string(),
});

export type ModelMetadata = z.infer<typeof modelMetadataSchema>;

/**
 * A model only means something on the features it was trained on: refuse one whose feature spec
 * (analysis rate, FFT, hop, bands, coefficients, feature version) is not this build's.
 */
export function assertFeatureSpec(metadata: ModelMetadata, dir: string): void {
  const model: Record<string, string | number> = { ...metadata.featureSpec, modelSampleRate: metadata.sampleRate };
  const code: Record<string, string | number> = { ...FEATURE_SPEC, modelSampleRate: FEATURE_SPEC.sampleRate };
  const differ = Object.keys(code).filter((key) => model[key] !== code[key]);
  if (differ.length) {
    const list = differ.map((key) => `${key} ${JSON.stringify(model[key])} (this build: ${JSON.stringify(code[key])})`).join(', ');
    throw new EmoqaError('MODEL_UNAVAILABLE', `the model in ${dir} was trained on other features: ${list}; retrain it with this build (emoqa train)`);
  }
}

export const LICENCE_NOTE =
  'Trained on RAVDESS (CC BY-NC-SA 4.0, Livingstone & Russo 2018) and TESS (CC BY-NC-ND 4.0, ' +
  'Dupuis & Pichora-Fuller 2010). The weights carry the corpora\'s non-commercial terms: ' +
  'non-commercial use only.';

export const LICENCE_NOTE_FOUR_CORPORA =
  'Trained on RAVDESS (CC BY-NC-SA 4.0, Livingstone & Russo 2018), TESS (CC BY-NC-ND 4.0, ' +
  'Dupuis & Pichora-Fuller 2010), Emo-DB (research use, Burkhardt et al. 2005) and URDU (research ' +
  'use only, Latif et al. 2018). The weights carry these non-commercial, research-only terms.';
