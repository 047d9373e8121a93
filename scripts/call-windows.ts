/**
 * `tsx scripts/call-windows.ts OUT.jsonl CALL_DIR… [--model DIR]`: every party of every call
 * (make_calls.py's call_NNN.wav + .json) through the product's own steps up to the model (decode,
 * energy VAD, windows, pooling: call-capture.ts), written as one JSON line per party — its voice,
 * its windows' pooled vectors and how much of each window each true emotion covers — for training
 * the party head through the call path (`ml:compare -- --party --call-windows OUT.jsonl`). The model
 * folder only sets the pooling (default the shipped one; a fold head pools the same way).
 */
import { createWriteStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPartyClassifier } from '../electron/services/analysis/party-classifier';
import { callPartySchema, windowOverlap, type CallParty } from '../ml/train/call-rows';
import { captureStereo } from './call-capture';
import { readCallTruth } from '../ml/train/call-scores';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { model: { type: 'string' } } });
const modelDir = resolve(values.model ?? join(import.meta.dirname, '..', 'resources', 'model'));
const [outFile, ...dirs] = positionals;
if (!outFile || !dirs.length) throw new Error('usage: tsx scripts/call-windows.ts OUT.jsonl CALL_DIR… [--model DIR]');

const classifier = await loadPartyClassifier(modelDir);
const out = createWriteStream(resolve(outFile));
let parties = 0, windows = 0;
for (const dir of dirs.map((d) => resolve(d))) {
  for (const file of readdirSync(dir).filter((f) => /^call_\d+\.wav$/.test(f)).sort()) {
    const truth = readCallTruth(join(dir, file));
    for (const [c, captured] of (await captureStereo(join(dir, file), classifier)).entries()) {
      const role = c === 0 ? 'agent' : 'customer';
      const segments = truth.segments.filter((s) => s.channel === role);
      if (!segments.length) continue;
      const speaker = segments[0].speaker;
      if (!speaker) throw new Error(`${join(dir, file)}: its truth names no speaker (made by an older make_calls.py); the call rows need the voice`);
      const party: CallParty = callPartySchema.parse({
        call: join(dir, file), role, speaker, corpus: segments[0].source.split('/')[0],
        windows: captured.windows, pooled: captured.pooled.map((v) => Array.from(v, (x) => Number(x.toPrecision(6)))),
        overlap: captured.windows.map((w) => windowOverlap(w, segments).map((x) => Number(x.toFixed(3)))),
      });
      out.write(JSON.stringify(party) + '\n');
      parties++;
      windows += party.windows.length;
    }
  }
  process.stderr.write(`${dir}: ${parties} parties, ${windows} windows so far\n`);
}
classifier.dispose();
await new Promise<void>((done) => out.end(done));
