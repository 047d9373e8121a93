/**
 * The decision rule fitted through the call path (`tsx bench/calibrate-calls.ts FOLDS_DIR CALLS_DIR OOF OUT_DIR`):
 * FOLDS_DIR/fold-k holds validation fold k's head (`ml:compare -- --party --fold-models`, trained without
 * fold k's voices), CALLS_DIR/f{k}-real and f{k}-mixed calls of fold k's voices (make_calls.py), OOF the
 * clips' out-of-fold raw predictions (`ml:compare -- --oof`). Each call goes through the product's own
 * steps (decode, energy VAD, windows, the party head, smoothing, regions: scripts/call-capture.ts + partyRegions)
 * once with the head's raw output; candidate rules are then applied to those windows. Cross-fold:
 * a rule's parameters are fitted on the calls of the folds ≠ k and scored on fold k's calls.
 * Prints, per condition (realistic, mixed, clips), accuracy, neutral recall, "not neutral" precision,
 * ECE (15 bins), the customer's negative-share error, before (the clip-fitted rule) and after, and
 * writes a reliability PNG per condition to OUT_DIR. Optional 5th argument: the candidate to report as "after"
 * (default 'T on calls'); --only skips the other candidates; --ship DIR writes that rule into DIR's metadata;
 * --before FILE: the metadata.json whose rule is "before" (default the shipped model's).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EMOTIONS } from '../electron/shared/domain';
import { loadPartyClassifier } from '../electron/services/analysis/party-classifier';
import { calibrate } from '../ml/model/party-features';
import { modelMetadataSchema } from '../ml/model/metadata';
import { callFigure, negativeShare, readCallTruth, summarise } from '../ml/train/call-scores';
import { argminOn, covered, f3, line, mean, partySchema, score, withNeutralWeight, type BenchRule, type Party, type Scores } from './call-rule-scoring';
import { decisionReport, scoredFrom, type Scored } from '../ml/train/decision-metrics';
import { uncertainThreshold } from '../ml/train/fit-decision';
import { reliabilityPng } from '../ml/train/reliability-png';
import type { CallRule } from '../ml/model/call-rule';
import { captureStereo, identityRuleDir } from '../scripts/call-capture';
import { recordCallFigures, writeCallRule } from '../ml/train/party-ship';

const oofSchema = z.object({ truth: z.number(), probabilities: z.array(z.number()), condition: z.string(), corpus: z.string(), variant: z.string() });

const [foldsArg, callsArg, oofArg, outArg] = process.argv.slice(2);
if (!outArg) throw new Error('usage: tsx bench/calibrate-calls.ts FOLDS_DIR CALLS_DIR OOF OUT_DIR');
const foldsDir = resolve(foldsArg), callsDir = resolve(callsArg), outDir = resolve(outArg);
mkdirSync(outDir, { recursive: true });
const FOLDS = readdirSync(foldsDir).filter((f) => /^fold-\d+$/.test(f)).map((f) => Number(f.slice(5))).sort();

async function capture(): Promise<Party[]> {
  const cache = join(outDir, 'capture.json');
  if (existsSync(cache)) return z.array(partySchema).parse(JSON.parse(readFileSync(cache, 'utf8')));
  const parties: Party[] = [];
  for (const fold of FOLDS) {
    const classifier = await loadPartyClassifier(await identityRuleDir(join(foldsDir, `fold-${fold}`), join(tmpdir(), `emoqa-calib-raw-${fold}`)));
    for (const scenario of ['real', 'mixed'] as const) {
      const dir = join(callsDir, `f${fold}-${scenario}`);
      for (const file of readdirSync(dir).filter((f) => /^call_\d+\.wav$/.test(f)).sort()) {
        const truth = readCallTruth(join(dir, file));
        for (const [c, captured] of (await captureStereo(join(dir, file), classifier)).entries()) {
          const role = c === 0 ? 'agent' : 'customer';
          parties.push({ fold, scenario, call: `f${fold}-${scenario}/${file}`, role, duration: truth.duration_s, truth: truth.segments.filter((s) => s.channel === role),
            runs: captured.runs, windows: captured.windows, raw: captured.raw.map((p) => Array.from(p)) });
        }
        console.error(`captured fold ${fold} ${scenario} ${file}`);
      }
    }
    classifier.dispose();
  }
  writeFileSync(cache, JSON.stringify(parties));
  return parties;
}

/** The temperature of least frame log-loss on `parties`, the rest of `base` kept. */
function fitTemperature(parties: readonly Party[], base: CallRule): number {
  return argminOn(0.5, 6, (t) => score(parties, { ...base, temperature: t }).nll);
}

/** Per held-out fold: fit on the other folds' calls, score its own; the pooled scores of all folds. */
const fitted = new Map<string, CallRule>();
/** Fits are memoised per function and training folds (candidates build on each other). */
const memo = (name: string, fit: (train: readonly Party[]) => CallRule) => (train: readonly Party[]): CallRule => {
  const key = `${name}|${[...new Set(train.map((p) => p.fold))].join()}`;
  const hit = fitted.get(key);
  if (hit) return hit;
  const rule = fit(train);
  fitted.set(key, rule);
  return rule;
};

function crossFold(parties: readonly Party[], fit: (train: readonly Party[]) => CallRule): { rules: CallRule[]; scored: (scenario: Party['scenario']) => Scores } {
  const rules = FOLDS.map((k) => fit(parties.filter((p) => p.fold !== k)));
  const scored = (scenario: Party['scenario']): Scores => {
    const parts = FOLDS.map((k, i) => score(parties.filter((p) => p.fold === k && p.scenario === scenario), rules[i]));
    const frames = parts.flatMap((s) => s.frames);
    const n = parts.map((s) => s.frames.reduce((m, f) => m + f.frames.filter((x) => x.covered).length, 0));
    return { frames, negErrors: parts.flatMap((s) => s.negErrors), expectedNegErrors: parts.flatMap((s) => s.expectedNegErrors), nll: parts.reduce((a, s, i) => a + s.nll * n[i], 0) / Math.max(1, n.reduce((a, b) => a + b, 0)) };
  };
  return { rules, scored };
}

const parties = await capture();
// Before: a model's rule (default the shipped one; --before FILE: a metadata.json, e.g. the clip-fitted one), on the fold heads' raw output.
const beforeAt = process.argv.indexOf('--before');
const beforeFile = beforeAt > 0 ? resolve(process.argv[beforeAt + 1]) : join(import.meta.dirname, '..', 'resources', 'model', 'metadata.json');
const shipped = modelMetadataSchema.parse(JSON.parse(readFileSync(beforeFile, 'utf8'))).decision;
if (!shipped) throw new Error('no decision');
const before: CallRule = { temperature: shipped.temperature, classWeights: Array.from(shipped.classWeights), uncertainBelow: shipped.uncertainBelow, shownTemperature: shipped.shownTemperature };
console.log(`${parties.length / 2} calls (${FOLDS.length} folds), fold heads; the shipped (clip-fitted) rule: T ${before.temperature}, weights ${before.classWeights.join(' ')}, uncertain below ${before.uncertainBelow}\n`);

/** T fitted on the calls' frames (both scenarios), then the uncertain threshold re-derived from the calibrated frames. */
const fitT = memo('T', (train: readonly Party[]): CallRule => {
  const temperature = fitTemperature(train, before);
  const rule = { ...before, temperature, uncertainBelow: 0 };
  return { ...rule, uncertainBelow: uncertainThreshold(covered(score(train, rule))).uncertainBelow };
});
const oof = readFileSync(resolve(oofArg), 'utf8').split('\n').filter(Boolean).map((l) => oofSchema.parse(JSON.parse(l)));

// What else the calls support: each candidate fitted on the other folds' calls, scored on its own fold's.
const arcs = new Map(parties.map((p) => [p.call, z.object({ customer_arc: z.string().optional() }).parse(JSON.parse(readFileSync(join(callsDir, p.call.replace(/\.wav$/, '.json')), 'utf8'))).customer_arc ?? 'mixed']));
function byArc(label: string, rule: CallRule): void {
  const out: string[] = [];
  for (const arc of [...new Set(arcs.values())].sort()) {
    const customers = parties.filter((p) => p.role === 'customer' && arcs.get(p.call) === arc);
    const shares = customers.map((p) => negativeShare(score([p], rule).frames[0]));
    out.push(`${arc} ${f3(mean(shares.map((s) => s.truth)))}→${f3(mean(shares.map((s) => s.predicted)))}|${f3(mean(shares.map((s) => s.expected ?? 0)))} (${customers.length})`);
  }
  console.log(`customer negative share by arc, truth→predicted|expected, ${label}: ${out.join('  ')}`);
  const voices = new Map<string, Array<{ truth: number; predicted: number }>>();
  for (const p of parties.filter((q) => q.role === 'customer' && q.scenario === 'real')) {
    const voice = voiceOf(p);
    voices.set(voice, [...(voices.get(voice) ?? []), negativeShare(score([p], rule).frames[0])]);
  }
  console.log(`… by the customer's voice (realistic): ${[...voices].sort().map(([v, xs]) => `${v} ${f3(mean(xs.map((x) => x.truth)))}→${f3(mean(xs.map((x) => x.predicted)))} (${xs.length})`).join('  ')}`);
}
function voiceOf(p: Party): string {
  const { segments } = readCallTruth(join(callsDir, p.call));
  return segments.find((s) => s.channel === p.role)?.speaker ?? '?';
}
byArc('shipped rule', before);

const real = (ps: readonly Party[]): Party[] => ps.filter((p) => p.scenario === 'real');
const negErrOf = (ps: readonly Party[], rule: CallRule): number => mean(score(real(ps), rule).negErrors);
const accOf = (ps: readonly Party[], rule: CallRule): number => summarise(score(ps, rule).frames).accuracy;
/** The value of `key` among `values` that least errs on the customers' negative share of the realistic calls. */
const pickBy = <K extends 'partyPrior' | 'partyBlend'>(key: K, values: readonly number[], base: (train: readonly Party[]) => CallRule) => (train: readonly Party[]): CallRule => {
  const b = base(train);
  let best = Infinity, chosen = b;
  for (const v of values) {
    const rule = { ...b, [key]: v };
    const e = negErrOf(train, rule) - 0.5 * accOf(train, rule);
    if (e < best) [best, chosen] = [e, rule];
  }
  return chosen;
};
const withThreshold = (train: readonly Party[], rule: CallRule): CallRule => ({ ...rule, uncertainBelow: uncertainThreshold(covered(score(train, { ...rule, uncertainBelow: 0 }))).uncertainBelow });
const neutralAt = (w: number): number[] => withNeutralWeight(before, w);
/** The neutral weight and temperature of least frame log-loss. */
const withNeutral = memo('neutral', (train: readonly Party[]): CallRule => {
  let best = Infinity, chosen = before;
  for (const w of [1, 1.5, 2, 3, 4, 6, 8]) {
    const t = fitTemperature(train, { ...before, classWeights: neutralAt(w) });
    const rule = { ...before, temperature: t, classWeights: neutralAt(w) };
    const v = score(train, rule).nll;
    if (v < best) [best, chosen] = [v, rule];
  }
  return withThreshold(train, chosen);
});
/** Vector scaling's bias: every class weight (log grid, coordinate descent) and the temperature, by frame log-loss. */
const withWeights = memo('weights', (train: readonly Party[]): CallRule => {
  let rule = withNeutral(train);
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < EMOTIONS.length; k++) {
      let best = score(train, rule).nll, chosen = rule;
      for (const f of [0.5, 0.7, 1.4, 2]) {
        const cand = { ...rule, classWeights: rule.classWeights.map((x, j) => (j === k ? Number((x * f).toFixed(3)) : x)) };
        const v = score(train, cand).nll;
        if (v < best - 1e-4) [best, chosen] = [v, cand];
      }
      rule = chosen;
    }
    rule = { ...rule, temperature: fitTemperature(train, rule) };
  }
  return withThreshold(train, rule);
});
/** Then the temperature of what regions show, by frame log-loss (labels unchanged), and the threshold on it. */
const withShown = (fit: (train: readonly Party[]) => CallRule) => (train: readonly Party[]): CallRule => {
  const rule = fit(train);
  const ts = argminOn(0.3, 3, (t) => score(train, { ...rule, shownTemperature: t }).nll);
  return withThreshold(train, { ...rule, shownTemperature: ts });
};
function describe(r: BenchRule): string {
  return `${r.roleNeutral ? `neutral× agent ${r.roleNeutral.agent} customer ${r.roleNeutral.customer} ` : ''}T ${r.temperature} n×${r.classWeights[EMOTIONS.indexOf('neutral')]} <${r.uncertainBelow}${r.partyPrior ? ` β ${r.partyPrior}` : ''}${r.partyBlend ? ` λ ${r.partyBlend}` : ''}${r.shownTemperature ? ` shown T ${r.shownTemperature}` : ''}${r.classWeights.some((x, k) => x !== 1 && EMOTIONS[k] !== 'neutral') ? ` w ${r.classWeights.join(' ')}` : ''}`;
}
/** A neutral weight per role (agents are mostly neutral, customers carry the call's emotion), on top of `base`, by `objective` (lower is better). */
const perRole = (base: (train: readonly Party[]) => CallRule, objective: 'nll' | 'share') => (train: readonly Party[]): BenchRule => {
  const b = base(train);
  let best = Infinity, chosen: BenchRule = b;
  for (const agent of [1, 1.25, 1.5, 2, 3]) {
    for (const customer of [0.6, 0.8, 1, 1.25, 1.5]) {
      const rule: BenchRule = { ...b, roleNeutral: { agent, customer } };
      const v = objective === 'nll' ? score(train, rule).nll : negErrOf(train, rule) - 0.5 * accOf(train, rule);
      if (v < best) [best, chosen] = [v, rule];
    }
  }
  return withThreshold(train, chosen);
};
const candidates: Array<[string, (train: readonly Party[]) => BenchRule]> = [
  ['shipped rule', () => before],
  ['T on calls', fitT],
  ['T + neutral weight on calls (NLL)', withNeutral],
  ['T + neutral weight, + shown T', withShown(withNeutral)],
  ['T + class weights (vector bias), + shown T', withShown(withWeights)],
  ['call T, + shown T', withShown(fitT)],
  ['shipped rule, + shown T', withShown(() => before)],
  ['shipped T, party prior β', pickBy('partyPrior', [0.25, 0.5, 0.75, 1], () => before)],
  ['call T, party prior β', pickBy('partyPrior', [0.25, 0.5, 0.75, 1], fitT)],
  ['shipped T, party blend λ', pickBy('partyBlend', [0.1, 0.2, 0.3, 0.5, 0.7], () => before)],
  ['call T, party blend λ', pickBy('partyBlend', [0.1, 0.2, 0.3, 0.5, 0.7], fitT)],
  ['call T, party blend λ, neutral weight per role (NLL)', memo('role-nll', perRole(pickBy('partyBlend', [0.1, 0.2, 0.3, 0.5, 0.7], fitT), 'nll'))],
  ['call T, party blend λ, neutral weight per role (share)', memo('role-share', perRole(pickBy('partyBlend', [0.1, 0.2, 0.3, 0.5, 0.7], fitT), 'share'))],
];
console.log('\n## candidates, cross-fold (fitted on the other folds\' calls)');
const only = process.argv.includes('--only');
for (const [name, fit] of only ? [] : candidates) {
  const c = crossFold(parties, fit);
  console.log(`${name}: ${c.rules.map(describe).join(' | ')}`);
  console.log(line('  realistic', c.scored('real')));
  console.log(line('  mixed', c.scored('mixed')));
}
if (!only) console.log('\n## grids, all folds pooled (not cross-fitted: what drives the negative share)');
if (!only) for (const w of [1, 2, 3, 4, 6]) for (const t of [2.35, 3.4]) console.log(line(`T ${t} neutral×${w}`, score(real(parties), { ...before, temperature: t, classWeights: neutralAt(w) })));
if (!only) for (const b of [0.25, 0.5, 1]) console.log(line(`shipped, party prior β ${b}`, score(real(parties), { ...before, partyPrior: b })));
if (!only) for (const l of [0.2, 0.5, 0.8]) console.log(line(`shipped, party blend λ ${l}`, score(real(parties), { ...before, partyBlend: l })));

/** Prints the candidate before / after; returns its final rule and its cross-fold scores per scenario. */
function report(name: string, fit: (train: readonly Party[]) => CallRule): { rule: CallRule; scores: Map<'real' | 'mixed', Scores> } {
  const scores = new Map<'real' | 'mixed', Scores>();
  const cv = crossFold(parties, fit);
  console.log(`\n# before / after: ${name}\ncross-fold rules: ${cv.rules.map((r, i) => `fold ${FOLDS[i]} ${describe(r)}`).join('; ')}`);
  const final = fit(parties);
  console.log(`final (all folds' calls): ${describe(final)}\n`);

  const colours = { before: [200, 60, 40] as const, after: [30, 90, 200] as const };
  for (const scenario of ['real', 'mixed'] as const) {
    const b = score(parties.filter((p) => p.scenario === scenario), before);
    const a = cv.scored(scenario);
    scores.set(scenario, a);
    console.log(`## ${scenario === 'real' ? 'realistic' : 'mixed'} calls, validation folds (each fold's voices by its own fold head)`);
    console.log(line('before (clip-fitted T)', b));
    for (const k of FOLDS) console.log(line(`  before, fold ${k} only`, score(parties.filter((p) => p.scenario === scenario && p.fold === k), before)));
    console.log(line('after (fitted on the other folds)', a));
    writeFileSync(join(outDir, `reliability-${scenario === 'real' ? 'realistic' : 'mixed'}.png`), reliabilityPng([
      { name: `before T ${before.temperature}`, colour: colours.before, items: covered(b) },
      { name: 'after (cross-fold)', colour: colours.after, items: covered(a) },
    ], `${scenario === 'real' ? 'realistic' : 'mixed'} calls, validation folds, frames`));
  }
  // Clips: the out-of-fold clip predictions of the same folds (every party condition and band), under each rule.
  const clipItems = (rule: CallRule): Scored[] => oof.map((r) => scoredFrom(r.truth, calibrate(Float32Array.from(r.probabilities), rule.temperature, rule.classWeights)));
  for (const [label, rule] of [['before (clip-fitted T)', before], ['after (final rule)', final]] as const) {
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
    { name: 'after (final rule)', colour: colours.after, items: clipItems(final) },
  ], 'clips, validation folds (out of fold)'));
  byArc(name, final);
  return { rule: final, scores };
}

const chosenName = process.argv[6] && !process.argv[6].startsWith('--') ? process.argv[6] : 'T on calls';
const chosen = candidates.find(([n]) => n === chosenName);
if (!chosen) throw new Error(`no candidate ${chosenName}`);
const { rule: finalRule, scores: chosenScores } = report(...chosen);
writeFileSync(join(outDir, 'final-rule.json'), JSON.stringify(finalRule, null, 1) + '\n');
const shipAt = process.argv.indexOf('--ship');
if (shipAt > 0) {
  const dir = resolve(process.argv[shipAt + 1]);
  await writeCallRule(dir, finalRule, `${chosenName}: fitted by frame log-loss on the call path (bench/calibrate-calls.ts) over ${parties.length / 2} calls of the validation folds' voices ` +
    `(${FOLDS.length} folds, realistic + mixed, 2 min, each fold's voices by its own fold head); uncertain threshold re-derived from the shown confidences of those frames`);
  const calls = (scenario: string): number => new Set(parties.filter((p) => p.scenario === scenario).map((p) => p.call)).size;
  await recordCallFigures(dir, Object.fromEntries([...chosenScores].map(([scenario, scores]) => [
    `${scenario === 'real' ? 'realistic' : 'mixed'} calls | validation folds (${FOLDS.length} folds, each fold's voices by its own fold head) | ${chosenName}, fitted on the other folds' calls`,
    callFigure(scores.frames, calls(scenario), scores.negErrors)])));
  console.log(`wrote the rule and its validation call figures into ${dir}/metadata.json`);
}
