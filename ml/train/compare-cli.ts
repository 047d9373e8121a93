/**
 * `npm run ml:compare [-- --quick] [--models a,b] [--no-tess] [--no-random] [--seed N] [--out DIR]`:
 * trains every model on the same speaker split and prints one table (and writes docs/model/).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runComparison } from './compare';
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
  },
});
const options = z.object({ seed: z.coerce.number().int().min(0), out: z.string(), models: z.string().optional(), datasets: z.string().optional() }).parse(values);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const { report } = await runComparison({
  seed: options.seed, quick: values.quick ?? false, tess: !values['no-tess'], random: !values['no-random'],
  models: options.models?.split(',').map((m) => m.trim()), datasets: options.datasets, log,
});
process.stdout.write(comparisonTable(report));
process.stdout.write(`\n(${(report.seconds / 60).toFixed(1)} min, seed ${report.seed}${report.quick ? ', quick' : ''})\n`);
await writeComparison(options.out, report);
