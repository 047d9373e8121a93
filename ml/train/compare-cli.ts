/**
 * `npm run ml:compare [-- --quick] [--models a,b] [--no-tess] [--no-random] [--seed N] [--out DIR]`:
 * trains every model on the same speaker split and prints one table (and writes docs/model/).
 * `npm run ml:compare -- --party [--quick] [--folds N] [--loco all|emodb,urdu] [--final] [--ship DIR] [--no-aug] [--codec]`:
 * the party protocol over all four corpora (party-compare.ts); --ship writes the party head into DIR;
 * --figures DIR re-runs the protocol for the model in DIR and rewrites only its metadata.figures (head and decision stay).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runComparison } from './compare';
import { runPartyComparison } from './party-compare';
import { refreshFigures, shipPartyHead } from './party-ship';
import { REPO_ROOT } from './paths';
import { comparisonTable, writeComparison } from './report';

const { values } = parseArgs({
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
    figures: { type: 'string' },
    'no-aug': { type: 'boolean', default: false },
    codec: { type: 'boolean', default: false },
  },
});
const options = z.object({ seed: z.coerce.number().int().min(0), out: z.string(), models: z.string().optional(), datasets: z.string().optional(),
  folds: z.coerce.number().int().min(2).max(10), loco: z.string(), ship: z.string().optional(), figures: z.string().optional(), 'fold-model': z.string().optional() }).parse(values);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

if (values.party) {
  const loco = options.loco === 'all' ? ['emodb', 'ravdess', 'tess', 'urdu'] : options.loco.split(',').map((c) => c.trim()).filter(Boolean);
  const result = await runPartyComparison({
    seed: options.seed, quick: values.quick ?? false, folds: options.folds, loco, final: Boolean(values.final || options.ship || options.figures),
    useAug: !values['no-aug'], useCodec: values.codec, datasets: options.datasets, log, keepFirstFold: Boolean(options['fold-model']),
  });
  const rows = 'RAVDESS, TESS (its 20% share), Emo-DB and URDU, clean + telephone (+ augmented copies where cached)';
  if (options['fold-model'] && result.firstFold) {
    // The first validation fold's head in a model folder, to score that fold's voices as calls (evaluate:calls --model).
    const dir = path.resolve(options['fold-model']);
    await fs.mkdir(dir, { recursive: true });
    for (const f of await fs.readdir(path.join(REPO_ROOT, 'resources', 'model'))) if (!f.endsWith('.bin') || f.includes('weights')) await fs.copyFile(path.join(REPO_ROOT, 'resources', 'model', f), path.join(dir, f));
    await shipPartyHead(dir, result.firstFold.head, result.decision, result.tables, { rows: `${rows}, without fold 1`, seconds: result.seconds, seed: options.seed });
    await fs.writeFile(path.join(dir, 'fold-voices.txt'), result.firstFold.voices.join('\n') + '\n');
    log(`wrote fold-1 model to ${dir} (voices ${result.firstFold.voices.join(' ')})`);
    result.firstFold.head.model.dispose();
  }
  process.stdout.write(`\n(${(result.seconds / 60).toFixed(1)} min, seed ${options.seed}${values.quick ? ', quick' : ''})\n`);
  if (options.ship && result.final) {
    const dir = path.resolve(options.ship);
    const meta = await shipPartyHead(dir, result.final, result.decision, result.tables, { rows, seconds: result.seconds, seed: options.seed });
    log(`wrote ${dir}: ${meta.version}`);
  }
  if (options.figures) {
    const notes = await refreshFigures(path.resolve(options.figures), result.decision, result.tables);
    log(`rewrote ${options.figures}/metadata.json figures; ${notes.length ? `differences from the shipped ones:\n${notes.join('\n')}` : 'every shipped figure is unchanged'}`);
  }
  result.final?.model.dispose();
} else {
  const { report } = await runComparison({
    seed: options.seed, quick: values.quick ?? false, tess: !values['no-tess'], random: !values['no-random'],
    models: options.models?.split(',').map((m) => m.trim()), datasets: options.datasets, log,
  });
  process.stdout.write(comparisonTable(report));
  process.stdout.write(`\n(${(report.seconds / 60).toFixed(1)} min, seed ${report.seed}${report.quick ? ', quick' : ''})\n`);
  await writeComparison(options.out, report);
}
