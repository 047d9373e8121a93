/**
 * The centre's channel statistics from its own calls, without labels (`tsx bench/channel-bench.ts
 * CALLS_DIR MODEL_DIR CACHE_DIR [LINE_DIR…]`): the global centre and scale the party head's
 * absolute half is z-scored with are re-estimated from every speech window of the library's calls
 * (median, IQR/1.349), shrunk towards the training ones with a pseudo-count of windows, and the
 * windows scored again. The truth (make_calls.py) only scores; it picks no window and no setting.
 * Lines: the calls as made, and copies over other lines (prior-bench.ts makes them: line-1 MP3
 * 16 kbit/s, line-2 low-passed at 2.5 kHz). Window accuracy over every call's speech windows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Emotion } from '../electron/shared/domain';
import { initBackend } from '../ml/model/backend';
import { channelFrom, DEFAULT_CHANNEL_RULE, estimateChannel, poolSummaries, summariseWindows } from '../ml/model/channel-stats';
import { calibrate, partyFeatures, robustStats, shrinkStats } from '../ml/model/party-features';
import type { PartyStats } from '../ml/model/pooling';
import { cachedPartyFeatures } from '../ml/retrain/feature-store';
import { loadHeads } from '../ml/retrain/heads';
import type { PartyFeatures } from '../ml/retrain/correction-features';
import { predictRows } from '../ml/train/fit';
import { argmax } from '../ml/train/metrics';

interface Segment { start: number; end: number; channel: 'agent' | 'customer'; emotion: Emotion }

const [callsArg, modelArg, cacheArg, ...lineArgs] = process.argv.slice(2);
if (!callsArg || !modelArg || !cacheArg) throw new Error('usage: tsx bench/channel-bench.ts CALLS_DIR MODEL_DIR CACHE_DIR [LINE_DIR…]');
await initBackend();
const { heads } = await loadHeads(resolve(modelArg));
const head = heads.party;
if (!head) throw new Error('the model has no party head');
const { shrinkWindows } = head.decision;

async function lineParties(dir: string): Promise<PartyFeatures[]> {
  const files = readdirSync(dir).filter((f) => /^call_\d+\.(wav|mp3)$/.test(f)).sort();
  const out: PartyFeatures[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const truthFile = path.replace(/\.(wav|mp3)$/, '.json');
    if (!existsSync(truthFile)) continue;
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as { segments: Segment[] };
    for (const [channel, role] of (['agent', 'customer'] as const).entries()) {
      const spans = truth.segments.filter((s) => s.channel === role).map((s) => ({ start: s.start, end: s.end, emotion: s.emotion }));
      out.push(await cachedPartyFeatures({ recordingId: path, path, channel, sourceChannels: 2, select: { kind: 'channel', index: channel }, spans }, resolve(cacheArg)));
    }
  }
  return out;
}

/** Only the features whose library median moved more than `tau` training std from the training mean are re-centred (and re-scaled). */
function shiftedOnly(stats: PartyStats, tau: number): PartyStats {
  const mean = Float32Array.from(head!.global.mean);
  const std = Float32Array.from(head!.global.std);
  for (let d = 0; d < mean.length; d++) {
    if (Math.abs(stats.mean[d] - mean[d]) / std[d] > tau) {
      mean[d] = stats.mean[d];
      std[d] = stats.std[d];
    }
  }
  return { mean, std, count: stats.count };
}

function shiftOf(stats: PartyStats): string {
  const z = Array.from(stats.mean, (m, d) => Math.abs(m - head!.global.mean[d]) / head!.global.std[d]);
  const rms = Math.sqrt(z.reduce((s, x) => s + x * x, 0) / z.length);
  return `shift rms ${rms.toFixed(2)} z, ${z.filter((x) => x > 1).length} features > 1 z, ${z.filter((x) => x > 2).length} > 2 z`;
}

/** The library's centre and scale: every window's median and robust spread, shrunk towards the training ones by `k` windows. */
function libraryStats(parties: readonly PartyFeatures[], k: number, scale: boolean): PartyStats {
  const all = parties.flatMap((p) => p.examples.map((e) => e.pooled));
  const shrunk = shrinkStats(robustStats(all), head!.global, k);
  return scale ? shrunk : { ...shrunk, std: head!.global.std };
}

async function accuracy(parties: readonly PartyFeatures[], absolute: PartyStats): Promise<number> {
  let hit = 0, total = 0;
  for (const p of parties) {
    if (!p.examples.length) continue;
    const party = shrinkStats(p.robust, head!.global, shrinkWindows);
    // The absolute half with `absolute`, the relative half with the party shrunk as analysis shrinks it (classifier.ts, options.channel).
    const inputs = p.examples.map((e) => partyFeatures(e.pooled, absolute, party, head!.floor));
    const raw = await predictRows(head!.model, inputs);
    raw.forEach((r, i) => {
      total += 1;
      hit += Number(argmax(calibrate(r, head!.decision.temperature, head!.decision.classWeights)) === p.examples[i].label);
    });
  }
  return total ? hit / total : 0;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
for (const dir of [callsArg, ...lineArgs].map((d) => resolve(d))) {
  const parties = await lineParties(dir);
  const windows = parties.reduce((s, p) => s + p.examples.length, 0);
  const cells = [`training stats ${pct(await accuracy(parties, head.global))}`];
  for (const k of [100, 1000]) {
    for (const scale of [false, true]) cells.push(`library k${k}${scale ? ' centre+scale' : ' centre'} ${pct(await accuracy(parties, libraryStats(parties, k, scale)))}`);
  }
  const lib = libraryStats(parties, 100, true);
  for (const tau of [0.5, 1, 2]) cells.push(`shifted > ${tau} z ${pct(await accuracy(parties, shiftedOnly(lib, tau)))}`);
  const rule = estimateChannel(parties.flatMap((p) => p.examples.map((e) => e.pooled)), head.global);
  cells.push(shiftOf(lib), `THE RULE (${rule.shifted} features > ${DEFAULT_CHANNEL_RULE.shiftZ} z: ${rule.applied ? 'applied' : 'not applied'}) ${pct(await accuracy(parties, rule.stats))}`);
  // What the product runs: each party leaves a five-quantile summary, the library's statistics come from their mixture.
  const summarised = channelFrom(poolSummaries(parties.filter((p) => p.examples.length).map((p) => summariseWindows(p.examples.map((e) => e.pooled)))), head.global);
  cells.push(`THE RULE from party summaries (${summarised.shifted} features: ${summarised.applied ? 'applied' : 'not applied'}) ${pct(await accuracy(parties, summarised.stats))}`);
  process.stdout.write(`${dir} (${parties.length} parties, ${windows} windows): ${cells.join('; ')}\n`);
}
