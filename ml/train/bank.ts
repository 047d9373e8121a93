import type { Variant } from './augment';
import { ensureFeatures, loadSamples, type Progress, type Sample } from './dataset';
import type { Utterance } from './manifest';
import type { SampleSource } from './protocol';

/** All rows the protocols need, in memory (pooled vectors + MFCC frames: a few hundred MB). */
export interface SampleBank {
  source: SampleSource;
  size: number;
}

export async function buildBank(items: readonly Utterance[], variantsOf: (item: Utterance) => readonly Variant[],
  options: { seed?: number; onExtract?: Progress; onLoad?: Progress; workers?: number } = {}): Promise<SampleBank> {
  const seed = options.seed ?? 0;
  const groups = new Map<string, { variants: Variant[]; items: Utterance[] }>();
  for (const item of items) {
    const variants = [...variantsOf(item)];
    const key = variants.join(',');
    const group = groups.get(key) ?? { variants, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const failed: string[] = [];
  for (const group of groups.values()) {
    const r = await ensureFeatures(group.items, group.variants, { seed, workers: options.workers, onProgress: options.onExtract });
    failed.push(...r.failed);
  }
  if (failed.length) process.stderr.write(`feature extraction failed for ${failed.length} copies, e.g. ${failed[0]}\n`);
  const map = new Map<string, Sample>();
  const total = [...groups.values()].reduce((s, g) => s + g.items.length * g.variants.length, 0);
  let done = 0;
  for (const group of groups.values()) {
    for (const variant of group.variants) {
      for (let i = 0; i < group.items.length; i += 200) {
        const chunk = group.items.slice(i, i + 200);
        for (const s of await loadSamples(chunk, variant, seed)) map.set(`${s.item.id}|${variant}`, s);
        done += chunk.length;
        options.onLoad?.(done, total);
      }
    }
  }
  return { source: (item, variant) => map.get(`${item.id}|${variant}`), size: map.size };
}
