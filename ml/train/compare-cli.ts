/**
 * `npm run ml:compare [-- --quick] [--models a,b] [--no-tess] [--no-random] [--seed N] [--out DIR]`:
 * trains every model on the same speaker split and prints one table (and writes docs/model/).
 * `npm run ml:compare -- --party [--quick] [--folds N] [--loco all|emodb,urdu] [--final] [--ship DIR] [--no-aug] [--codec]`:
 * the party protocol over all four corpora (party-compare.ts); --ship writes the party head into DIR;
 * --figures DIR re-runs the protocol for the model in DIR and rewrites only its metadata.figures (head and decision stay).
 * --fold-model DIR writes validation fold 1's head (trained without its voices) into DIR; --fold-models DIR writes every fold k's into DIR/fold-k.
 * --oof FILE writes the validation folds' out-of-fold raw predictions (JSON lines: truth, probabilities, condition, corpus, variant).
 * --family pooled|study-conv1d|frame-sequence picks the head (the study's Conv1D at its real width, or the
 * Conv1D over MFCC frame sequences, party-conv.ts); --run-folds N trains only the first N validation folds.
 * --call-windows FILE[,FILE…] (scripts/call-windows.ts) adds training calls' windows to the party head's
 * training (each head only its own training voices' parties), carrying --call-share of the weight;
 * --call-min-speech / --call-min-majority set which windows get a label (call-rows.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runComparison } from './compare';
import { parseCompareArgs } from './compare-options';
import { readCallParties } from './call-rows';
import { runPartyComparison } from './party-compare';
import { refreshFigures, shipPartyHead } from './party-ship';
import { REPO_ROOT } from './paths';
import { comparisonTable, writeComparison } from './report';

const { values, options } = parseCompareArgs(process.argv.slice(2));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

if (values.party) {
  const callParties = (options['call-windows'] ?? '').split(',').filter((f) => f.trim()).flatMap((f) => readCallParties(path.resolve(f.trim())));
  const loco = options.loco === 'all' ? ['emodb', 'ravdess', 'tess', 'urdu'] : options.loco.split(',').map((c) => c.trim()).filter(Boolean);
  const result = await runPartyComparison({
    seed: options.seed, quick: values.quick ?? false, folds: options.folds, loco, final: Boolean(values.final || options.ship || options.figures),
    useAug: !values['no-aug'], useCodec: values.codec, datasets: options.datasets, log, keepFolds: Boolean(options['fold-model'] || options['fold-models']),
    family: options.family, runFolds: options['run-folds'],
    calls: options['call-windows'] ? {
      parties: callParties,
      share: options['call-share'], minSpeech: options['call-min-speech'], minMajority: options['call-min-majority'],
    } : undefined,
  });
  const clips = 'RAVDESS, TESS (its 20% share), Emo-DB and URDU, clean + telephone (+ augmented copies where cached)';
  const rows = options['call-windows']
    ? `${clips}; + the windows of ${callParties.length} call parties (make_calls.py calls of training voices, through the call path), ${options['call-share']} of the training weight`
    : clips;
  // Each validation fold's head in a model folder, to score that fold's voices as calls (evaluate:calls --model):
  // --fold-model DIR keeps fold 1 in DIR; --fold-models DIR keeps every fold k in DIR/fold-k.
  for (const [f, fold] of result.foldHeads.entries()) {
    const dir = options['fold-models'] ? path.resolve(options['fold-models'], `fold-${f + 1}`) : f === 0 && options['fold-model'] ? path.resolve(options['fold-model']) : undefined;
    if (dir) {
      await fs.mkdir(dir, { recursive: true });
      for (const file of await fs.readdir(path.join(REPO_ROOT, 'resources', 'model'))) if (!file.endsWith('.bin') || file.includes('weights')) await fs.copyFile(path.join(REPO_ROOT, 'resources', 'model', file), path.join(dir, file));
      await shipPartyHead(dir, fold.head, result.decision, result.tables, { rows: `${rows}, without fold ${f + 1}`, seconds: result.seconds, seed: options.seed });
      await fs.writeFile(path.join(dir, 'fold-voices.txt'), fold.voices.join('\n') + '\n');
      log(`wrote fold-${f + 1} model to ${dir} (voices ${fold.voices.join(' ')})`);
    }
    fold.head.model.dispose();
  }
  if (options.oof) {
    // The clips' out-of-fold raw predictions, for fitting the decision rule elsewhere (bench/calibrate-calls.ts).
    const lines = result.oof.map((r) => JSON.stringify({ ...r, probabilities: Array.from(r.probabilities) }));
    await fs.writeFile(path.resolve(options.oof), lines.join('\n') + '\n');
    log(`wrote ${result.oof.length} out-of-fold rows to ${options.oof}`);
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
