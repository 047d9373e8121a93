/**
 * `tsx ml/train/extract-cli.ts [--workers N] [--aug] [--codec]`: fills the feature cache for the copies the
 * party recipe trains and tests on, over manifest.csv and manifest-more.csv, most needed first
 * (clean + telephone of every voice, TESS's training share), then the augmented copies with --aug,
 * and one codec copy per file (codec.ts) with --codec.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Variant } from './augment';
import { ensureFeatures } from './dataset';
import { readCorpora } from './corpora';
import { inTessShare } from './protocol';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '2' }, datasets: { type: 'string' }, aug: { type: 'boolean', default: false }, codec: { type: 'boolean', default: false } } });
const workers = z.coerce.number().int().min(1).parse(values.workers);
const items = await readCorpora(values.datasets);
const t0 = Date.now();
const used = items.filter((u) => u.corpus !== 'tess' || inTessShare(u));
const phases: Array<{ name: string; list: typeof items; variants: Variant[] }> = [
  { name: 'clean+tel', list: used, variants: ['clean', 'tel'] },
  ...(values.aug ? [{ name: 'aug', list: used.filter((u) => u.corpus !== 'tess'), variants: ['aug-wide', 'aug-tel'] as Variant[] }] : []),
  ...(values.codec ? [{ name: 'codec', list: used, variants: ['codec'] as Variant[] }] : []),
];
for (const phase of phases) {
  const r = await ensureFeatures(phase.list, phase.variants, {
    workers,
    onProgress: (d, n) => (d % 250 === 0 || d === n) && process.stderr.write(`${phase.name} ${d}/${n} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`),
  });
  process.stderr.write(`${phase.name}: ${r.computed} computed, ${r.failed.length} failed ${r.failed[0] ?? ''}\n`);
}
