/**
 * Label-free adaptation to a library's base rates (`tsx bench/prior-bench.ts CALLS_DIR [MODEL_DIR]`):
 * the calls (make_calls.py, with truth) are analysed through the product path with the model's own
 * decision rule; the library's class priors per party role are estimated by EM from those regions
 * alone (electron/services/models/class-priors: what the service runs); the calls are analysed
 * again with the estimated prior replacing the fixed weights, and multiplying them. On the calls as
 * made (telephone band) and on copies over other lines (MP3 16 kbit/s; low-passed at 2.5 kHz).
 * Prints speech-frame accuracy, neutral recall, "not neutral" precision and the customer's
 * negative-share error for each.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMOTIONS } from '../electron/shared/domain';
import { analyseRecording } from '../electron/services/analysis/analyse-recording';
import type { AnalysisResult, ClassWeightsByRole } from '../electron/services/analysis/analysis-types';
import { loadPartyClassifier } from '../electron/services/analysis/party-classifier';
import { estimateRolePriors, implausible, type PriorOptions, type RegionSample } from '../electron/services/models/class-priors';
import { readMetadata } from '../ml/model/model-dir';
import { negativeShare, partyFrames, readCallTruth, summarise, type PartyFrames } from '../ml/train/call-scores';


const [callsArg, modelArg] = process.argv.slice(2);
if (!callsArg) throw new Error('usage: tsx bench/prior-bench.ts CALLS_DIR [MODEL_DIR]');
const callsDir = resolve(callsArg);
const modelDir = resolve(modelArg ?? join(import.meta.dirname, '..', 'resources', 'model'));
const names = readdirSync(callsDir).filter((f) => /^call_\d+\.wav$/.test(f)).sort();

const LINES: Array<{ name: string; ext: string; args: string[] }> = [
  { name: 'telephone band (as made)', ext: 'wav', args: [] },
  { name: 'MP3 16 kbit/s', ext: 'mp3', args: ['-b:a', '16k'] },
  { name: 'low-passed 2.5 kHz', ext: 'wav', args: ['-af', 'lowpass=f=2500', '-c:a', 'pcm_mulaw'] },
];

function lineCopy(line: (typeof LINES)[number], index: number): string[] {
  if (!line.args.length) return names.map((n) => join(callsDir, n));
  const dir = join(callsDir, `line-${index}`);
  mkdirSync(dir, { recursive: true });
  return names.map((n) => {
    const out = join(dir, n.replace(/\.wav$/, `.${line.ext}`));
    if (!existsSync(out)) execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', join(callsDir, n), ...line.args, out]);
    copyFileSync(join(callsDir, n.replace(/\.wav$/, '.json')), out.replace(/\.(wav|mp3)$/, '.json'));
    return out;
  });
}

const truthOf = readCallTruth;

function score(paths: readonly string[], results: readonly AnalysisResult[]): string {
  const parts: PartyFrames[] = [];
  const negErrors: number[] = [];
  paths.forEach((path, i) => {
    const truth = truthOf(path);
    for (const role of ['agent', 'customer'] as const) {
      const channel = results[i].channels.find((c) => c.role === role);
      const frames = partyFrames(truth.segments.filter((s) => s.channel === role), channel?.regions ?? [], truth.duration_s);
      parts.push(frames);
      if (role === 'customer') {
        const share = negativeShare(frames);
        negErrors.push(Math.abs(share.truth - share.predicted));
      }
    }
  });
  const s = summarise(parts);
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const neg = negErrors.reduce((a, b) => a + b, 0) / Math.max(1, negErrors.length);
  return `accuracy ${pct(s.accuracy)}  neutral recall ${pct(s.covered.neutralRecall)}  "not neutral" precision ${pct(s.covered.notNeutralPrecision)}  ` +
    `customer negative-share error ${neg.toFixed(3)}  uncertain ${pct(s.uncertainShare)}`;
}

const samplesOf = (results: readonly AnalysisResult[], own: readonly number[]): RegionSample[] =>
  results.flatMap((r, call) => r.channels.flatMap((c) => c.regions.map((region) => ({
    callId: String(call), role: c.role, seconds: region.end - region.start,
    probabilities: EMOTIONS.map((e) => region.probabilities[e]), weightsUsed: c.classWeights ?? own,
  }))));

const metadata = await readMetadata(modelDir);
const own = metadata.decision?.classWeights ?? EMOTIONS.map(() => 1);
const classifier = await loadPartyClassifier(modelDir);
const analyseAll = async (paths: readonly string[], priors?: ClassWeightsByRole): Promise<AnalysisResult[]> => {
  const out: AnalysisResult[] = [];
  for (const path of paths) out.push(await analyseRecording(path, { roles: ['agent', 'customer'], priors }, { classifier }));
  return out;
};
const show = (weights: readonly number[] | undefined): string => (weights ?? []).map((w, k) => `${EMOTIONS[k].slice(0, 3)} ${w.toFixed(2)}`).join(' ');

process.stdout.write(`${names.length} calls from ${callsDir}; model ${metadata.version} (weights ${show(own)})\n`);
const only = process.env.PRIOR_LINES?.split(',').map(Number);
for (const [index, line] of LINES.entries()) {
  if (only && !only.includes(index)) continue;
  const paths = lineCopy(line, index);
  const plain = await analyseAll(paths);
  process.stdout.write(`\n${line.name}\n  model's own prior      ${score(paths, plain)}\n`);
  const samples = samplesOf(plain, own);
  // PRIOR_MODES: mode:strength:smoothing,… (the service's defaults when left out).
  const modes: Array<PriorOptions & { name: string }> = (process.env.PRIOR_MODES ?? 'replace:1,multiply:1,multiply:0.5').split(',').map((m) => {
    const [mode, strength, smoothing] = m.split(':');
    return { name: `EM ${mode} β=${strength}${smoothing ? ` α=${smoothing}` : ''}`, mode: mode === 'multiply' ? 'multiply' : 'replace',
      strength: Number(strength), ...(smoothing ? { smoothing: Number(smoothing) } : {}) };
  });
  for (const mode of modes) {
    const estimate = estimateRolePriors(samples, own, { ...mode, minCalls: 1 });
    const refused = implausible(estimate);
    if (refused) {
      process.stdout.write(`  ${mode.name.padEnd(22)} not applied: ${refused} (the model's own prior stays: as above)\n`);
      continue;
    }
    for (const [role, e] of Object.entries(estimate)) process.stdout.write(`    ${mode.name} ${role}: priors ${show(e.priors)}; weights ${show(e.weights)}\n`);
    const priors: ClassWeightsByRole = { agent: estimate.agent?.weights, customer: estimate.customer?.weights };
    process.stdout.write(`  ${mode.name.padEnd(22)} ${score(paths, await analyseAll(paths, priors))}\n`);
  }
}
classifier.dispose();
