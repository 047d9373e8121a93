/**
 * The base data a retrained model keeps learning from, split by speaker into what trains and the
 * speaker-independent validation set. From the feature bank shipped beside the model, or — when
 * EMOQA_DATASETS names the corpora — recomputed from their audio for the same speakers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EmoqaError } from '../../electron/shared/errors';
import { FEATURE_SPEC } from '../dsp';
import { POOLED_DIM, POOLING_VERSION } from '../model/pooling';
import { readManifest } from '../train/manifest';
import { mulberry32, shuffleInPlace } from '../train/random';
import { CALL_VARIANT_PREFIX, corpusRows } from './build-feature-bank';
import { readFeatureBank, type BankHeader, type BaseRow } from './feature-bank';

export interface BaseData {
  header: BankHeader;
  source: 'bank' | 'corpora';
  train: BaseRow[];
  validation: BaseRow[];
}

export interface BaseDataOptions {
  /** Corpora root with manifest.csv; default: $EMOQA_DATASETS when set, else the bank alone. */
  datasets?: string | null;
  onProgress?: (done: number, total: number) => void;
}

/** At most `max` rows, the same share of every class, drawn by seed (0 or more than there are: all). */
export function replaySample<T extends { label: number }>(rows: readonly T[], max: number, seed: number): T[] {
  if (!(max > 0) || rows.length <= max) return [...rows];
  const random = mulberry32(seed);
  const byClass = new Map<number, T[]>();
  for (const r of rows) byClass.set(r.label, [...(byClass.get(r.label) ?? []), r]);
  return [...byClass.values()].flatMap((list) => shuffleInPlace([...list], random).slice(0, Math.round((list.length * max) / rows.length)));
}

export async function loadBaseData(bankFile: string, options: BaseDataOptions = {}): Promise<BaseData> {
  const { header, rows: banked } = await readFeatureBank(bankFile);
  const datasets = options.datasets === undefined ? process.env.EMOQA_DATASETS : options.datasets;
  let rows = banked;
  let source: BaseData['source'] = 'bank';
  const fromCorpora = Boolean(datasets && existsSync(path.join(datasets, 'manifest.csv')));
  const stale = header.pooling !== POOLING_VERSION || header.dim !== POOLED_DIM || header.featureSpec !== FEATURE_SPEC.version;
  if (stale && !fromCorpora) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `the feature bank ${bankFile} holds ${header.featureSpec}/${header.pooling} features; this build computes ` +
      `${FEATURE_SPEC.version}/${POOLING_VERSION}: rebuild it (ml/retrain/build-feature-bank.ts) or set EMOQA_DATASETS`);
  }
  if (datasets && fromCorpora) {
    const speakers = new Set(header.speakers.map((s) => s.id));
    const items = (await readManifest(path.join(datasets, 'manifest.csv'), datasets)).filter((u) => speakers.has(u.speaker));
    // Call windows have no clip to recompute from: kept while their pooling is this build's, dropped when stale.
    rows = [...(await corpusRows(items, { onProgress: options.onProgress })), ...(stale ? [] : banked.filter((r) => r.variant.startsWith(CALL_VARIANT_PREFIX)))];
    source = 'corpora';
  }
  const validation = new Set(header.validationSpeakers);
  const out: BaseData = { header, source, train: [], validation: [] };
  for (const row of rows) (validation.has(row.speaker) ? out.validation : out.train).push(row);
  if (!out.train.length) throw new EmoqaError('MODEL_UNAVAILABLE', `the base data in ${bankFile} has no training rows`);
  return out;
}
