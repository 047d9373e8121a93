/**
 * Chooses the correction memory's rule (`tsx bench/memory-bench.ts CALLS_DIR N MODEL_DIR CACHE_DIR`):
 * every call's truth is featurised as corrections are (one party pass per channel), the model's
 * party head scores every window, and the first N calls are the corrected ones. Each rule of a grid
 * is judged ONLY by leave-one-call-out over the N corrected calls (the memory of the other corrected
 * calls, every held-out window pooled, as the retraining's gate judges); the best is then applied
 * with the memory of all N calls to the other calls' windows, which are reported (all windows, and
 * windows of utterances never heard in a corrected call), never used to choose.
 * GRIDS (optional, comma-separated): grids to compare, e.g. `product,k5,k5+k20,k5+k40` (kN: the
 * product's grid with k = N; `+` joins grids). Choose a grid on calls of voices other than those
 * the loop targets are scored on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Emotion } from '../electron/shared/domain';
import { initBackend } from '../ml/model/backend';
import { applyMemory } from '../ml/model/correction-memory';
import { chooseMemory, MEMORY_GRID, memoryOf, voiceGroups, type JudgedWindow } from '../ml/retrain/memory-rule';
import type { MemoryRule } from '../ml/model/correction-memory';
import { cachedPartyFeatures } from '../ml/retrain/feature-store';
import { correctionRows } from '../ml/retrain/evaluate';
import { loadHeads } from '../ml/retrain/heads';
import { partyHeadInputs, partyVoices, predictPartyHead } from '../ml/retrain/party-head';
import { argmax } from '../ml/train/metrics';

interface Segment { start: number; end: number; channel: 'agent' | 'customer'; emotion: Emotion; source: string; speaker: string }
interface Win { call: string; party: string; label: number; input: Float32Array; centre: Float32Array; head: Float32Array; source: string; voice: string }
const ORACLE = process.env.ORACLE_VOICES === '1';
const centres = new Map<string, Float32Array>();

const [callsArg, nArg, modelArg, cacheArg, gridsArg] = process.argv.slice(2);
/** The product's rules with k replaced (deduplicated): 'k5', 'k20'; 'product' is MEMORY_GRID itself. */
const gridOf = (name: string): readonly MemoryRule[] => name.split('+').flatMap((part) => {
  if (part === 'product') return MEMORY_GRID;
  const k = Number(part.replace(/^k/, ''));
  if (!Number.isInteger(k) || k < 1) throw new Error(`unknown grid ${part}`);
  return [...new Map(MEMORY_GRID.map((r) => ({ ...r, k })).map((r) => [JSON.stringify(r), r])).values()];
});
const grids = (gridsArg ?? 'product').split(',');
if (!callsArg || !nArg || !modelArg || !cacheArg) throw new Error('usage: tsx bench/memory-bench.ts CALLS_DIR N MODEL_DIR CACHE_DIR');
const callsDir = resolve(callsArg);
const n = Number(nArg);
const calls = readdirSync(callsDir).filter((f) => /^call_\d+\.wav$/.test(f)).sort().map((f) => join(callsDir, f));
await initBackend();
const { heads } = await loadHeads(resolve(modelArg));
if (!heads.party) throw new Error('the model has no party head');
const head = heads.party;

const windows: Win[] = [];
const t0 = Date.now();
for (const path of calls) {
  const truth = JSON.parse(readFileSync(path.replace(/\.wav$/, '.json'), 'utf8')) as { segments: Segment[] };
  for (const [channel, role] of (['agent', 'customer'] as const).entries()) {
    const segments = truth.segments.filter((s) => s.channel === role);
    const features = await cachedPartyFeatures({
      recordingId: path, path, channel, sourceChannels: 2, select: { kind: 'channel', index: channel },
      spans: segments.map((s) => ({ start: s.start, end: s.end, emotion: s.emotion })),
    }, resolve(cacheArg));
    centres.set(`${basename(path)}:${channel}`, features.robust.mean);
    const rows = correctionRows([features]);
    const inputs = partyHeadInputs(head, rows);
    const voices = partyVoices(head, rows);
    const posteriors = await predictPartyHead(head, rows);
    features.examples.forEach((e, i) => {
      const mid = (e.start + e.end) / 2;
      const seg = segments.find((s) => s.start <= mid && mid <= s.end);
      windows.push({ call: basename(path), party: `${basename(path)}:${channel}`, label: e.label, input: inputs[i], centre: voices[i], head: posteriors[i], source: seg?.source ?? '?', voice: seg?.speaker ?? '?' });
    });
  }
}
process.stderr.write(`${windows.length} windows of ${calls.length} calls in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);

const correctedCalls = calls.slice(0, n).map((c) => basename(c));
const corrected = windows.filter((w) => correctedCalls.includes(w.call));
const others = windows.filter((w) => !correctedCalls.includes(w.call));
const heardSources = new Set(corrected.map((w) => w.source));
const partyKeys = [...new Set(corrected.map((w) => w.party))];
const groups = voiceGroups(partyKeys.map((k) => centres.get(k) as Float32Array), head.global);
const groupOf = new Map(partyKeys.map((k, i) => [k, groups[i]]));
process.stderr.write(`voices inferred: ${partyKeys.map((k, i) => `${corrected.find((w) => w.party === k)?.voice}→${groups[i]}`).join(' ')}\n`);
const voiceIds = [...new Set(corrected.map((w) => w.voice))];
const judged: JudgedWindow[] = corrected.map((w) => ({ call: w.call, voice: ORACLE ? voiceIds.indexOf(w.voice) : groupOf.get(w.party) ?? 0, label: w.label, input: w.input, centre: w.centre, recency: 1, current: w.head, candidate: w.head }));

const accuracy = (rows: readonly Win[], posteriors: readonly Float32Array[]): number =>
  rows.length ? rows.filter((w, i) => argmax(posteriors[i]) === w.label).length / rows.length : 0;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
for (const name of grids) {
  const choice = chooseMemory(judged, { heads: ['current'], grid: gridOf(name) });
  const cvBefore = accuracy(corrected, corrected.map((w) => w.head));
  const cvAfter = judged.filter((w, i) => choice.predicted[i] === w.label).length / judged.length;
  const blended = applyMemory(choice.rule ? memoryOf(choice.rule, judged) : null, others.map((w) => w.input), others.map((w) => w.head), others.map((w) => w.centre));
  const unseen = others.map((w, i) => ({ w, p: blended[i] })).filter((x) => !heardSources.has(x.w.source));
  process.stdout.write(`grid ${name}: ${correctedCalls.length} corrected calls (${corrected.length} windows, ${choice.voices} voices inferred), ${calls.length - n} other calls\n` +
    `  rule ${JSON.stringify(choice.rule)}\n  CV by call ${pct(cvBefore)} → ${pct(cvAfter)}; by voice ${pct(choice.byVoice?.before ?? 0)} → ${pct(choice.byVoice?.after ?? 0)}\n` +
    `  other calls ${pct(accuracy(others, others.map((w) => w.head)))} → ${pct(accuracy(others, blended))} (${others.length} windows); ` +
    `unseen utterances ${pct(accuracy(unseen.map((x) => x.w), unseen.map((x) => x.w.head)))} → ${pct(accuracy(unseen.map((x) => x.w), unseen.map((x) => x.p)))} (${unseen.length})\n`);
}
