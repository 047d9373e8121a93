/**
 * The base model of the retraining loop: trained without the call centre's voices (and without the
 * base validation speakers) with the ML engineer's training pieces — pooled features from
 * ml/train's cache, global and per-speaker z-scores, the MLP head recipe — in both test conditions
 * (wideband, telephone band), so that every row it needs is already in the feature cache.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { EMOTIONS } from '../electron/shared/domain';
import { FEATURE_SPEC } from '../ml/dsp';
import { initBackend } from '../ml/model/backend';
import { saveModel } from '../ml/model/fs-io';
import { LICENCE_NOTE, type ModelMetadata } from '../ml/model/metadata';
import { POOLED_DIM, POOLING_VERSION } from '../ml/model/pooling';
import { decodeFile } from '../ml/audio/decode';
import { computeFrameFeatures } from '../ml/dsp';
import { augmentSignal, variantParams } from '../ml/train/augment';
import { buildBank } from '../ml/train/bank';
import { cachePath, contentHash, writeCached } from '../ml/train/feature-cache';
import type { Sample } from '../ml/train/dataset';
import { readManifest, type Utterance } from '../ml/train/manifest';
import { MLP, trainDense } from '../ml/train/models';
import { applyScaler, fitScaler, speakerNormalise, stdFloor } from '../ml/train/normalise';

export interface BaseModelOptions {
  datasets: string;
  out: string;
  version: string;
  excludeSpeakers: ReadonlySet<string>;
  quick: boolean;
  seed?: number;
}

/**
 * Fills ml/train's feature cache for the wideband and telephone copies of `items`, in this thread:
 * ml/train extracts with worker threads started through `import.meta.resolve`, which vitest does
 * not provide, so a cold cache would otherwise fail the CI test. A warm cache costs a stat per file.
 */
export async function warmFeatureCache(items: readonly Utterance[]): Promise<number> {
  let computed = 0;
  for (const item of items) {
    const hash = await contentHash(item.absPath);
    const missing = (['clean', 'tel'] as const).map((v) => variantParams(v, item.id)).filter((p) => !existsSync(cachePath(hash, p)));
    if (!missing.length) continue;
    const { channels } = await decodeFile(item.absPath, { sampleRate: FEATURE_SPEC.sampleRate });
    for (const params of missing) {
      await writeCached(cachePath(hash, params), computeFrameFeatures(augmentSignal(channels[0], FEATURE_SPEC.sampleRate, params), { sampleRate: FEATURE_SPEC.sampleRate }));
      computed += 1;
    }
  }
  return computed;
}

export async function trainBaseModel(options: BaseModelOptions): Promise<number> {
  const t0 = Date.now();
  await initBackend();
  const items = (await readManifest(path.join(options.datasets, 'manifest.csv'), options.datasets)).filter((u) => !options.excludeSpeakers.has(u.speaker));
  const variants = ['clean', 'tel'] as const;
  await warmFeatureCache(items);
  const bank = await buildBank(items, () => variants);
  const train = items.flatMap((u) => variants.map((v) => bank.source(u, v))).filter((s): s is Sample => s !== undefined);
  const pooled = train.map((s) => s.pooled);
  const labels = train.map((s) => s.item.label);
  const scaler = fitScaler(pooled);
  const floor = stdFloor(pooled);
  const ctx = { seed: options.seed ?? 1, quick: options.quick };
  const plain = await trainDense(applyScaler(pooled, scaler), labels, MLP, ctx);
  const adapted = await trainDense(speakerNormalise(train, floor), labels, MLP, ctx);
  const layers = `dense ${POOLED_DIM}-${MLP.hidden.join('-')}-7, ReLU, dropout ${MLP.dropout}`;
  const seconds = (Date.now() - t0) / 1000;
  const metadata: ModelMetadata = {
    version: options.version,
    createdAt: new Date().toISOString(),
    classes: [...EMOTIONS],
    sampleRate: FEATURE_SPEC.sampleRate,
    featureSpec: { ...FEATURE_SPEC },
    input: { kind: 'pooled-stats', pooling: POOLING_VERSION, dim: POOLED_DIM, minFrames: 8, description: 'pooled window statistics (ml/model/pooling.ts)' },
    normalisation: { mean: Array.from(scaler.mean), std: Array.from(scaler.std) },
    model: { file: 'model.json', architecture: layers, parameters: plain.countParams() },
    adaptation: { file: 'adapted.json', architecture: `${layers} on per-party z-scores`, stdFloor: Array.from(floor), minWindows: 8,
      description: 'z-score every pooled vector with the mean/std of the same party over its windows' },
    training: { data: `${items.length} utterances without ${[...options.excludeSpeakers].join(', ')}`, rows: train.length,
      augmentation: ['telephone band copy'], seed: ctx.seed, epochs: options.quick ? Math.ceil(MLP.epochs / 2) : MLP.epochs, durationS: Math.round(seconds) },
    split: 'retraining-loop base model: the held-out and validation speakers are unseen',
    metrics: {},
    licence: LICENCE_NOTE,
  };
  await fs.mkdir(options.out, { recursive: true });
  await saveModel(plain, options.out, 'model.json');
  await saveModel(adapted, options.out, 'adapted.json');
  await fs.writeFile(path.join(options.out, 'metadata.json'), JSON.stringify(metadata, null, 2));
  plain.dispose();
  adapted.dispose();
  return seconds;
}
