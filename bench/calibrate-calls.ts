/**
 * The decision rule fitted through the call path (`tsx bench/calibrate-calls.ts FOLDS_DIR CALLS_DIR OOF OUT_DIR`):
 * FOLDS_DIR/fold-k holds validation fold k's head (`ml:compare -- --party --fold-models`, trained without
 * fold k's voices), CALLS_DIR/f{k}-real and f{k}-mixed calls of fold k's voices (make_calls.py), OOF the
 * clips' out-of-fold raw predictions (`ml:compare -- --oof`). Each call goes through the product's own
 * steps (decode, energy VAD, windows, the party head, smoothing, regions: PartyPass + partyRegions)
 * once with the head's raw output; candidate rules are then applied to those windows. Cross-fold:
 * a rule's parameters are fitted on the calls of the folds ≠ k and scored on fold k's calls.
 * Prints, per condition (realistic, mixed, clips), accuracy, neutral recall, "not neutral" precision,
 * ECE (15 bins), the customer's negative-share error, before (the clip-fitted rule) and after, and
 * writes a reliability PNG per condition to OUT_DIR.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EMOTIONS } from '../electron/shared/domain';
import { partyRegions } from '../electron/services/analysis/party-analyser';
import { loadPartyClassifier } from '../electron/services/analysis/party-classifier';
import { streamDecode } from '../ml/audio/stream-decode';
import { PartyPass } from '../ml/pipeline/party-pass';
import { joinTouching } from '../ml/segment/smoothing';
import type { TimeSpan } from '../ml/segment/spans';
import { calibrate } from '../ml/model/party-features';
import { modelMetadataSchema } from '../ml/model/metadata';
import { negativeShare, partyFrames, summarise, type PartyFrames } from '../ml/train/call-scores';
import { decisionReport, scoredFrom, type Scored } from '../ml/train/decision-metrics';
import { uncertainThreshold } from '../ml/train/fit-decision';
import { reliabilityPng } from '../ml/train/reliability-png';
import { applyCallRule, type CallRule } from '../ml/model/call-rule';

const truthSchema = z.object({ duration_s: z.number(), segments: z.array(z.object({ start: z.number(), end: z.number(), channel: z.enum(['agent', 'customer']), emotion: z.string() })) });
const partySchema = z.object({
  fold: z.number(), scenario: z.enum(['real', 'mixed']), call: z.string(), role: z.enum(['agent', 'customer']), duration: z.number(),
  truth: z.array(z.object({ start: z.number(), end: z.number(), emotion: z.string() })),
  runs: z.array(z.object({ start: z.number(), end: z.number() })), windows: z.array(z.object({ start: z.number(), end: z.number() })),
  raw: z.array(z.array(z.number())),
});
type Party = z.infer<typeof partySchema>;
const oofSchema = z.object({ truth: z.number(), probabilities: z.array(z.number()), condition: z.string(), corpus: z.string(), variant: z.string() });

const [foldsArg, callsArg, oofArg, outArg] = process.argv.slice(2);
if (!outArg) throw new Error('usage: tsx bench/calibrate-calls.ts FOLDS_DIR CALLS_DIR OOF OUT_DIR');
const foldsDir = resolve(foldsArg), callsDir = resolve(callsArg), outDir = resolve(outArg);
mkdirSync(outDir, { recursive: true });
const FOLDS = readdirSync(foldsDir).filter((f) => /^fold-\d+$/.test(f)).map((f) => Number(f.slice(5))).sort();

/** The fold head with the identity rule (T 1, no prior, no threshold): the product path then yields the raw head output. */
async function rawClassifierDir(fold: number): Promise<string> {
  const dir = join(tmpdir(), `emoqa-calib-raw-${fold}`);
  await rm(dir, { recursive: true, force: true });
  await cp(join(foldsDir, `fold-${fold}`), dir, { recursive: true });
  const meta = modelMetadataSchema.parse(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')));
  if (!meta.decision) throw new Error(`fold ${fold}: no party decision`);
  meta.decision = { ...meta.decision, temperature: 1, classWeights: EMOTIONS.map(() => 1), uncertainBelow: 0 };
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(meta));
  return dir;
}

async function capture(): Promise<Party[]> {
  const cache = join(outDir, 'capture.json');
  if (existsSync(cache)) return z.array(partySchema).parse(JSON.parse(readFileSync(cache, 'utf8')));
  const parties: Party[] = [];
  for (const fold of FOLDS) {
    const classifier = await loadPartyClassifier(await rawClassifierDir(fold));
    for (const scenario of ['real', 'mixed'] as const) {
      const dir = join(callsDir, `f${fold}-${scenario}`);
      for (const file of readdirSync(dir).filter((f) => /^call_\d+\.wav$/.test(f)).sort()) {
        const truth = truthSchema.parse(JSON.parse(readFileSync(join(dir, file.replace(/\.wav$/, '.json')), 'utf8')));
        const passes = [0, 1].map(() => new PartyPass({ sampleRate: classifier.sampleRate, pool: (frames, ranges) => classifier.pool(frames, ranges) }));
        for await (const chunk of streamDecode(join(dir, file), { sampleRate: classifier.sampleRate, sourceChannels: 2, select: { kind: 'keep' } })) passes.forEach((p, c) => p.push(chunk[c]));
        for (const [c, pass] of passes.entries()) {
          pass.finish();
          const role = c === 0 ? 'agent' : 'customer';
          const raw = await classifier.classify(pass.pooled);
          parties.push({ fold, scenario, call: `f${fold}-${scenario}/${file}`, role, duration: truth.duration_s, truth: truth.segments.filter((s) => s.channel === role),
            runs: joinTouching(pass.spans), windows: pass.windows.map((w) => ({ start: w.start, end: w.end })), raw: raw.map((p) => Array.from(p)) });
        }
        console.error(`captured fold ${fold} ${scenario} ${file}`);
      }
    }
    classifier.dispose();
  }
  writeFileSync(cache, JSON.stringify(parties));
  return parties;
}

interface Scores { frames: PartyFrames[]; negErrors: number[]; nll: number }

function score(parties: readonly Party[], rule: CallRule): Scores {
  const frames: PartyFrames[] = [];
  const negErrors: number[] = [];
  let nll = 0, n = 0;
  for (const p of parties) {
    const decided = applyCallRule(p.raw.map((r) => Float32Array.from(r)), rule);
    const regions = partyRegions(p.runs as TimeSpan[], p.windows as TimeSpan[], decided, { classes: EMOTIONS, uncertainBelow: rule.uncertainBelow });
    const f = partyFrames(p.truth, regions, p.duration);
    frames.push(f);
    for (const x of f.frames) if (x.covered) [nll, n] = [nll - Math.log(Math.max(1e-6, x.truthProbability ?? 0)), n + 1];
    if (p.role === 'customer') {
      const share = negativeShare(f);
      negErrors.push(Math.abs(share.truth - share.predicted));
    }
  }
  return { frames, negErrors, nll: nll / Math.max(1, n) };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f3 = (x: number): string => x.toFixed(3);
const covered = (s: Scores): Scored[] => s.frames.flatMap((f) => f.frames.filter((x) => x.covered));

function line(label: string, s: Scores): string {
  const sum = summarise(s.frames);
  return `${label.padEnd(34)} acc ${f3(sum.accuracy)}  neutral-recall ${f3(sum.covered.neutralRecall)}  not-neutral-prec ${f3(sum.covered.notNeutralPrecision)}  ECE ${f3(sum.covered.ece)}  conf ${f3(sum.covered.confidence)}  NLL ${f3(s.nll)}  uncertain ${f3(sum.uncertainShare)} (certain right ${f3(sum.certainAccuracy)})  neg-err ${s.negErrors.length ? f3(mean(s.negErrors)) : '  –  '}`;
}

const TEMPERATURES = Array.from({ length: 91 }, (_, i) => Number((0.5 + 0.05 * i).toFixed(2)));

/** The temperature of least frame log-loss on `parties`, the rest of `base` kept. */
function fitTemperature(parties: readonly Party[], base: CallRule): number {
  let best = Infinity, t = base.temperature;
  for (const cand of TEMPERATURES) {
    const v = score(parties, { ...base, temperature: cand }).nll;
    if (v < best) [best, t] = [v, cand];
  }
  return t;
}

/** Per held-out fold: fit on the other folds' calls, score its own; the pooled scores of all folds. */
function crossFold(parties: readonly Party[], fit: (train: readonly Party[]) => CallRule): { rules: CallRule[]; scored: (scenario: Party['scenario']) => Scores } {
  const rules = FOLDS.map((k) => fit(parties.filter((p) => p.fold !== k)));
  const scored = (scenario: Party['scenario']): Scores => {
    const parts = FOLDS.map((k, i) => score(parties.filter((p) => p.fold === k && p.scenario === scenario), rules[i]));
    const frames = parts.flatMap((s) => s.frames);
    const n = parts.map((s) => s.frames.reduce((m, f) => m + f.frames.filter((x) => x.covered).length, 0));
    return { frames, negErrors: parts.flatMap((s) => s.negErrors), nll: parts.reduce((a, s, i) => a + s.nll * n[i], 0) / Math.max(1, n.reduce((a, b) => a + b, 0)) };
  };
  return { rules, scored };
}

const parties = await capture();
// Before: the shipped model's rule (fitted on clips), applied to the fold heads' raw output.
const shipped = modelMetadataSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'resources', 'model', 'metadata.json'), 'utf8'))).decision;
if (!shipped) throw new Error('no decision');
const before: CallRule = { temperature: shipped.temperature, classWeights: Array.from(shipped.classWeights), uncertainBelow: shipped.uncertainBelow };
console.log(`${parties.length / 2} calls (${FOLDS.length} folds), fold heads; the shipped (clip-fitted) rule: T ${before.temperature}, weights ${before.classWeights.join(' ')}, uncertain below ${before.uncertainBelow}\n`);

/** T fitted on the calls' frames (both scenarios), then the uncertain threshold re-derived from the calibrated frames. */
const fitT = (train: readonly Party[]): CallRule => {
  const temperature = fitTemperature(train, before);
  const rule = { ...before, temperature, uncertainBelow: 0 };
  return { ...rule, uncertainBelow: uncertainThreshold(covered(score(train, rule))).uncertainBelow };
};
const cv = crossFold(parties, fitT);
console.log(`cross-fold temperatures: ${cv.rules.map((r, i) => `fold ${FOLDS[i]} T ${r.temperature} uncertain < ${r.uncertainBelow}`).join('; ')}`);
const oof = readFileSync(resolve(oofArg), 'utf8').split('\n').filter(Boolean).map((l) => oofSchema.parse(JSON.parse(l)));
const final = fitT(parties);
console.log(`final (all folds' calls): T ${final.temperature}, uncertain below ${final.uncertainBelow}\n`);

const colours = { before: [200, 60, 40] as const, after: [30, 90, 200] as const };
for (const scenario of ['real', 'mixed'] as const) {
  const b = score(parties.filter((p) => p.scenario === scenario), before);
  const a = cv.scored(scenario);
  console.log(`## ${scenario === 'real' ? 'realistic' : 'mixed'} calls, validation folds (each fold's voices by its own fold head)`);
  console.log(line('before (clip-fitted T)', b));
  for (const k of FOLDS) console.log(line(`  before, fold ${k} only`, score(parties.filter((p) => p.scenario === scenario && p.fold === k), before)));
  console.log(line('after (T on the other folds\' calls)', a));
  writeFileSync(join(outDir, `reliability-${scenario === 'real' ? 'realistic' : 'mixed'}.png`), reliabilityPng([
    { name: `before T ${before.temperature}`, colour: colours.before, items: covered(b) },
    { name: 'after (cross-fold T)', colour: colours.after, items: covered(a) },
  ], `${scenario === 'real' ? 'realistic' : 'mixed'} calls, validation folds, frames`));
}
// Clips: the out-of-fold clip predictions of the same folds (every party condition and band), under each rule.
const clipItems = (rule: CallRule): Scored[] => oof.map((r) => scoredFrom(r.truth, calibrate(Float32Array.from(r.probabilities), rule.temperature, rule.classWeights)));
for (const [label, rule] of [['before (clip-fitted T)', before], ['after (final call T)', final]] as const) {
  const items = clipItems(rule);
  const rep = decisionReport(items);
  console.log(`## clips ${label}: all conditions acc ${f3(rep.accuracy)} ECE ${f3(rep.ece)} conf ${f3(rep.confidence)} (n ${rep.n})`);
  for (const condition of [...new Set(oof.map((r) => r.condition))]) {
    const part = decisionReport(items.filter((_, i) => oof[i].condition === condition));
    console.log(`   ${condition.padEnd(10)} acc ${f3(part.accuracy)} ECE ${f3(part.ece)} conf ${f3(part.confidence)}`);
  }
}
writeFileSync(join(outDir, 'reliability-clips.png'), reliabilityPng([
  { name: `before T ${before.temperature}`, colour: colours.before, items: clipItems(before) },
  { name: `after T ${final.temperature}`, colour: colours.after, items: clipItems(final) },
], 'clips, validation folds (out of fold)'));
writeFileSync(join(outDir, 'final-rule.json'), JSON.stringify(final, null, 1) + '\n');
