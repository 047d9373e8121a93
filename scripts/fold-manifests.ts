/**
 * `tsx scripts/fold-manifests.ts OUT_DIR [--folds 3] [--datasets DIR]`: the temporary manifests that
 * make_calls.py builds evaluation and training calls from, one per voice group of the party protocol
 * (never commit them; they name corpus files, not audio):
 *   f{k}-voices.csv  validation fold k's voices (calls scored by fold k's head, trained without them)
 *   f{k}-train.csv   the other folds' voices (calls whose windows train fold k's head: --call-windows)
 *   train.csv        every validation voice (calls for the head that ships)
 *   held-out.csv     the held-out group (scored once, by the shipped head)
 * TESS is left out of all of them: it always trains as clips and has two voices, too few for a call.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { MANIFESTS, readCorpora } from '../ml/train/corpora';
import { manifestRowSchema, parseManifestRows, type ManifestRow } from '../ml/train/manifest';
import { datasetRoot } from '../ml/train/paths';
import { HELD_OUT_SPEAKERS, validationFolds } from '../ml/train/party-protocol';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { folds: { type: 'string', default: '3' }, datasets: { type: 'string' } } });
const outDir = positionals[0];
if (!outDir) throw new Error('usage: tsx scripts/fold-manifests.ts OUT_DIR [--folds 3] [--datasets DIR]');
const folds = z.coerce.number().int().min(2).parse(values.folds);
const root = datasetRoot(values.datasets);

// The rows as written (make_calls.py reads path, speaker and emotion), of the manifests the corpora folder has.
const rows: ManifestRow[] = MANIFESTS.filter((name) => existsSync(join(root, name))).flatMap((name) => parseManifestRows(readFileSync(join(root, name), 'utf8')));
const voiceFolds = validationFolds(await readCorpora(values.datasets), folds);

mkdirSync(resolve(outDir), { recursive: true });
function write(name: string, voices: readonly string[]): void {
  const chosen = rows.filter((r) => voices.includes(r.speaker));
  writeFileSync(join(resolve(outDir), name), stringify(chosen, { header: true, columns: Object.keys(manifestRowSchema.shape) }));
  process.stderr.write(`${name}: ${voices.length} voices, ${chosen.length} clips (${[...voices].sort().join(' ')})\n`);
}
voiceFolds.forEach((voices, k) => {
  write(`f${k + 1}-voices.csv`, voices);
  write(`f${k + 1}-train.csv`, voiceFolds.filter((_, j) => j !== k).flat());
});
write('train.csv', voiceFolds.flat());
write('held-out.csv', HELD_OUT_SPEAKERS);
