/** The command line of `npm run ml:compare` (compare-cli.ts), parsed and validated. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PARTY_FAMILIES } from './party-recipe';
import { CALL_LABEL_DEFAULTS } from './call-rows';
import { REPO_ROOT } from './paths';

export function parseCompareArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      models: { type: 'string' },
      'no-tess': { type: 'boolean', default: false },
      'no-random': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: path.join(REPO_ROOT, 'docs', 'model') },
      datasets: { type: 'string' },
      party: { type: 'boolean', default: false },
      folds: { type: 'string', default: '5' },
      loco: { type: 'string', default: '' },
      final: { type: 'boolean', default: false },
      ship: { type: 'string' },
      'fold-model': { type: 'string' },
      'fold-models': { type: 'string' },
      oof: { type: 'string' },
      figures: { type: 'string' },
      'no-aug': { type: 'boolean', default: false },
      codec: { type: 'boolean', default: false },
      family: { type: 'string', default: 'pooled' },
      'run-folds': { type: 'string' },
      'call-windows': { type: 'string' },
      'call-share': { type: 'string', default: '0.5' },
      'call-min-speech': { type: 'string', default: String(CALL_LABEL_DEFAULTS.minSpeech) },
      'call-min-majority': { type: 'string', default: String(CALL_LABEL_DEFAULTS.minMajority) },
    },
  });
  const options = z.object({ seed: z.coerce.number().int().min(0), out: z.string(), models: z.string().optional(), datasets: z.string().optional(),
    folds: z.coerce.number().int().min(2).max(10), loco: z.string(), ship: z.string().optional(), figures: z.string().optional(), 'fold-model': z.string().optional(), 'fold-models': z.string().optional(), oof: z.string().optional(),
    family: z.enum(PARTY_FAMILIES), 'run-folds': z.coerce.number().int().min(1).optional(),
    'call-windows': z.string().optional(), 'call-share': z.coerce.number().gt(0).max(1),
    'call-min-speech': z.coerce.number().min(0).max(1), 'call-min-majority': z.coerce.number().min(0).max(1) }).parse(values);
  return { values, options };
}
