/**
 * Diarization of the mono mixes (`call_NNN.mono.mp3`) against the truth of their stereo originals,
 * printed by `npm run evaluate:calls`. Frame-level (10 ms) diarization error = missed + false alarm
 * + wrong party, over reference speech; frames where both parties speak, and 0.25 s collars around
 * every reference boundary, are not scored. "Wrong party" uses the names the diarizer gave (agent =
 * who speaks first); the error under the best of the two mappings is printed beside it. The calls
 * go through the analysis itself (energy VAD, the model's frame features, separation on), so the
 * figures are those of what the product stores.
 */
import { join } from 'node:path';
import type { Diarization } from '../ml/diarize/two-speakers';
import { readCallTruth } from '../ml/train/call-scores';

const FRAME_S = 0.01;
const COLLAR_S = 0.25;

interface TruthSegment { start: number; end: number; channel: 'agent' | 'customer' }

export interface DiarizationScore {
  scoredS: number;
  missS: number;
  falseAlarmS: number;
  confusionS: number;
  /** Confusion if the two speakers were named the other way round. */
  swappedConfusionS: number;
  agentNamedRightly: boolean;
}

/** The product's own path: the analysis with mono separation on; its two parties' speech are the turns. */
async function diarizeFile(path: string): Promise<Diarization> {
  const { analyseRecording } = await import('../electron/services/analysis/analyse-recording');
  const result = await analyseRecording(path, { roles: ['agent', 'customer'], separateMono: true });
  if (result.channels.length !== 2) throw new Error(`${path}: expected two separated parties, got ${result.channels.length}`);
  const turns = result.channels.flatMap((c) => c.speech.map((s) => ({ ...s, speaker: (c.role === 'agent' ? 0 : 1) as 0 | 1 })));
  return { turns: turns.sort((x, y) => x.start - y.start), agent: 0 };
}

export function scoreDiarization(truth: readonly TruthSegment[], durationS: number, result: Diarization): DiarizationScore {
  const n = Math.ceil(durationS / FRAME_S);
  const agentRef = new Uint8Array(n);
  const customerRef = new Uint8Array(n);
  const skip = new Uint8Array(n);
  const idx = (t: number) => Math.max(0, Math.min(n, Math.round(t / FRAME_S)));
  for (const s of truth) {
    (s.channel === 'agent' ? agentRef : customerRef).fill(1, idx(s.start), idx(s.end));
    for (const edge of [s.start, s.end]) skip.fill(1, idx(edge - COLLAR_S), idx(edge + COLLAR_S));
  }
  const hyp = new Int8Array(n).fill(-1); // -1 none, 0 agent, 1 customer (as named)
  for (const turn of result.turns) hyp.fill(turn.speaker === result.agent ? 0 : 1, idx(turn.start), idx(turn.end));
  const score: DiarizationScore = { scoredS: 0, missS: 0, falseAlarmS: 0, confusionS: 0, swappedConfusionS: 0, agentNamedRightly: false };
  let agentAsAgent = 0, agentAsCustomer = 0;
  for (let t = 0; t < n; t++) {
    if (agentRef[t] && customerRef[t]) continue;
    const ref = agentRef[t] ? 0 : customerRef[t] ? 1 : -1;
    if (ref === 0 && hyp[t] === 0) agentAsAgent++;
    if (ref === 0 && hyp[t] === 1) agentAsCustomer++;
    if (skip[t]) continue;
    if (ref === -1) {
      if (hyp[t] !== -1) score.falseAlarmS += FRAME_S;
      continue;
    }
    score.scoredS += FRAME_S;
    if (hyp[t] === -1) score.missS += FRAME_S;
    else if (hyp[t] !== ref) score.confusionS += FRAME_S;
    else score.swappedConfusionS += FRAME_S;
  }
  score.agentNamedRightly = agentAsAgent > agentAsCustomer;
  return score;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Prints per call and pooled, analysing each mono mix as the product does with separation on. */
export async function evaluateDiarization(dir: string, calls: readonly string[]): Promise<void> {
  console.log(`\nMono diarization (${calls.length} mono mixes in ${dir}; 10 ms frames, overlap and ${COLLAR_S} s collars not scored)`);
  console.log(['call', 'DER', 'missed', 'false al.', 'wrong party', 'DER swapped', 'agent named'].map((c, i) => c.padEnd(i ? 12 : 16)).join(''));
  const total = { scoredS: 0, missS: 0, falseAlarmS: 0, confusionS: 0, swappedConfusionS: 0, named: 0 };
  for (const file of calls) {
    const base = file.replace(/\.json$/, '');
    const truth = readCallTruth(join(dir, file));
    const path = join(dir, `${base}.mono.mp3`);
    const result = await diarizeFile(path);
    const s = scoreDiarization(truth.segments, truth.duration_s, result);
    const err = (c: number) => (s.missS + s.falseAlarmS + c) / s.scoredS;
    console.log([base, pct(err(s.confusionS)), pct(s.missS / s.scoredS), pct(s.falseAlarmS / s.scoredS), pct(s.confusionS / s.scoredS), pct(err(s.swappedConfusionS)), s.agentNamedRightly ? 'yes' : 'no'].map((c, i) => c.padEnd(i ? 12 : 16)).join(''));
    total.scoredS += s.scoredS;
    total.missS += s.missS;
    total.falseAlarmS += s.falseAlarmS;
    total.confusionS += s.confusionS;
    total.swappedConfusionS += Math.min(s.confusionS, s.swappedConfusionS);
    if (s.agentNamedRightly) total.named++;
  }
  const der = (total.missS + total.falseAlarmS + total.confusionS) / total.scoredS;
  console.log(`All: DER ${pct(der)} (missed ${pct(total.missS / total.scoredS)}, false alarm ${pct(total.falseAlarmS / total.scoredS)}, wrong party ${pct(total.confusionS / total.scoredS)}); ` +
    `best-mapping DER ${pct((total.missS + total.falseAlarmS + total.swappedConfusionS) / total.scoredS)}; agent named correctly in ${total.named} of ${calls.length} calls`);
}
