/**
 * Model cost per 3-second window on one core (the WASM backend is single-threaded in Node):
 * pooling of frame features + the network, batched over a call and one window at a time; the
 * shared STFT/frame features of the call are timed apart. Run: `npx tsx bench/model-bench.ts`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFile } from '../ml/audio/decode';
import { computeFrameFeatures, FEATURE_SPEC } from '../ml/dsp';
import { defaultModelDir, loadClassifier } from '../ml/model';
import { datasetRoot } from '../ml/train/paths';

export interface ModelBenchResult {
  backend: string;
  modelVersion: string;
  modelBytes: number;
  windowS: number;
  windows: number;
  /** classifyWindows over all windows of a 60 s channel, per window. */
  msPerWindowBatched: number;
  /** classifyWindows with one window per call. */
  msPerWindowSingle: number;
  /** Same, with per-party adaptation (statistics of all windows). */
  msPerWindowAdapted: number;
  /** The channel's frame features (one STFT for the whole call), per second of audio. */
  msFeaturesPerAudioSecond: number;
}

/** The model's own files: metadata.json, each head's model.json and weights (not other data kept beside them). */
async function modelBytes(dir: string, heads: readonly string[]): Promise<number> {
  const files = ['metadata.json', ...heads.flatMap((h) => [h, `${path.basename(h, '.json')}.weights.bin`])];
  let total = 0;
  for (const f of files) total += (await fs.stat(path.join(dir, f))).size;
  return total;
}

async function speechSignal(seconds: number): Promise<Float32Array> {
  const file = path.join(datasetRoot(), 'ravdess/Actor_01/03-01-05-01-01-01-01.flac');
  const { channels } = await decodeFile(file, { sampleRate: FEATURE_SPEC.sampleRate });
  const out = new Float32Array(seconds * FEATURE_SPEC.sampleRate);
  for (let i = 0; i < out.length; i++) out[i] = channels[0][i % channels[0].length];
  return out;
}

function time(repeats: number, fn: () => Promise<unknown>): Promise<number> {
  return (async () => {
    // Warm-up: JIT of the pooling code and WASM kernel set-up are not per-window costs.
    for (let i = 0; i < 3; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < repeats; i++) await fn();
    return (performance.now() - t) / repeats;
  })();
}

export async function runModelBench(): Promise<ModelBenchResult> {
  const dir = defaultModelDir();
  const classifier = await loadClassifier(dir);
  const seconds = 60;
  const y = await speechSignal(seconds);
  let frames = computeFrameFeatures(y);
  const featureMs = await time(2, async () => (frames = computeFrameFeatures(y)));
  const win = Math.round((3 * FEATURE_SPEC.sampleRate) / FEATURE_SPEC.hopLength);
  const hop = Math.round(win / 2);
  const windows: Array<[number, number]> = [];
  for (let s = 0; s + win <= frames.nFrames; s += hop) windows.push([s, s + win]);
  const batched = await time(5, () => classifier.classifyWindows(frames, windows));
  const single = await time(1, async () => {
    for (const w of windows) await classifier.classifyWindows(frames, [w]);
  });
  const adapted = await time(5, () => classifier.classifyWindows(frames, windows, { adaptation: true }));
  const result: ModelBenchResult = {
    backend: classifier.backend,
    modelVersion: classifier.metadata.version,
    modelBytes: await modelBytes(dir, [classifier.metadata.model.file, ...(classifier.metadata.adaptation ? [classifier.metadata.adaptation.file] : [])]),
    windowS: 3,
    windows: windows.length,
    msPerWindowBatched: batched / windows.length,
    msPerWindowSingle: single / windows.length,
    msPerWindowAdapted: adapted / windows.length,
    msFeaturesPerAudioSecond: featureMs / seconds,
  };
  classifier.dispose();
  printModelBench(result);
  return result;
}

function printModelBench(r: ModelBenchResult): void {
  const f = (x: number): string => x.toFixed(3);
  process.stdout.write([
    `model ${r.modelVersion} (${(r.modelBytes / 1024).toFixed(0)} KiB on disk), backend ${r.backend}, one core`,
    `${r.windows} windows of ${r.windowS} s over 60 s of speech`,
    `  pooling + model, batched per call: ${f(r.msPerWindowBatched)} ms/window`,
    `  pooling + model, one window a call: ${f(r.msPerWindowSingle)} ms/window`,
    `  with per-party adaptation (batched): ${f(r.msPerWindowAdapted)} ms/window`,
    `  frame features of the call (shared STFT): ${f(r.msFeaturesPerAudioSecond)} ms per second of audio`,
    `  budget: <= 2 ms per 3 s window on one core without tfjs-node, <= 5 MB`,
  ].join('\n') + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runModelBench();
}


