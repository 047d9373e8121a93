/**
 * A stereo call's parties through the product's own steps up to the model (decode, energy VAD,
 * windows, pooling: PartyPass, as PartyAnalyser runs it), with the head's raw output: what the
 * calibration bench fits decision rules on. `identityRuleDir` copies a model folder with the
 * identity rule (T 1, no prior, no threshold), so the product path yields the raw posteriors.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { EMOTIONS } from '../electron/shared/domain';
import type { PartyClassifier } from '../electron/services/analysis/party-classifier';
import { streamDecode } from '../ml/audio/stream-decode';
import { modelMetadataSchema } from '../ml/model/metadata';
import { PartyPass } from '../ml/pipeline/party-pass';
import { joinTouching } from '../ml/segment/smoothing';
import type { TimeSpan } from '../ml/segment/spans';

export interface CapturedParty {
  /** Runs of continuous speech, as the regions are built over. */
  runs: TimeSpan[];
  windows: TimeSpan[];
  /** Each window's pooled vector, as the head reads it (training through the call path: scripts/call-windows.ts). */
  pooled: Float32Array[];
  /** The classifier's output per window (raw, with an identity-rule model). */
  raw: Float32Array[];
}

export async function identityRuleDir(source: string, dest: string): Promise<string> {
  await rm(dest, { recursive: true, force: true });
  await cp(source, dest, { recursive: true });
  const meta = modelMetadataSchema.parse(JSON.parse(await readFile(`${dest}/metadata.json`, 'utf8')));
  if (!meta.decision) throw new Error(`${source}: no party decision rule`);
  meta.decision = { ...meta.decision, temperature: 1, classWeights: EMOTIONS.map(() => 1), uncertainBelow: 0, partyPrior: undefined, partyBlend: undefined, shownTemperature: undefined };
  await writeFile(`${dest}/metadata.json`, JSON.stringify(meta));
  return dest;
}

/** Both channels of a stereo call (left, right). */
export async function captureStereo(path: string, classifier: PartyClassifier): Promise<CapturedParty[]> {
  const passes = [0, 1].map(() => new PartyPass({ sampleRate: classifier.sampleRate, pool: (frames, ranges) => classifier.pool(frames, ranges) }));
  for await (const chunk of streamDecode(path, { sampleRate: classifier.sampleRate, sourceChannels: 2, select: { kind: 'keep' } })) passes.forEach((p, c) => p.push(chunk[c]));
  const out: CapturedParty[] = [];
  for (const pass of passes) {
    pass.finish();
    out.push({ runs: joinTouching(pass.spans), windows: pass.windows.map((w) => ({ start: w.start, end: w.end })), pooled: pass.pooled, raw: await classifier.classify(pass.pooled) });
  }
  return out;
}
