/**
 * Feature-extraction speed: 10 minutes of deterministic speech-like audio, synthesised at 16 kHz
 * (a telephone-band-ish source), brought to 22050 Hz by the project's decoder (ffmpeg soxr; not
 * timed), then computeFrameFeatures + meanFeatures timed on one core.
 *
 * Run: npx tsx bench/features-bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeFile } from '../ml/audio/decode';
import { computeFrameFeatures, FeatureWorkspace, meanFeatures, type FrameFeatureOptions } from '../ml/dsp';
import { writeWav } from '../test/unit/electron/services/analysis/synth';

const DURATION_S = 600;
const SOURCE_RATE = 16000;
const TARGET_RATE = 22050;
/** librosa 0.9.2 on the same 10 minutes (the study's extractor: one STFT per feature). */
const LIBROSA_SECONDS = 4.1;
const TARGET_X_REALTIME = 1000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

/**
 * Voiced syllables (glottal pulse train with jittered f0 through three formant resonators),
 * fricative noise bursts and pauses with a faint noise floor: enough spectral variety that chroma,
 * piptrack and the roll-off search behave as they do on speech.
 */
export function speechLikeSignal(seconds = DURATION_S, rate = SOURCE_RATE): Float32Array {
  const rnd = lcg(20240601);
  const y = new Float32Array(Math.round(seconds * rate));
  const formants = [
    [700, 1200, 2600], [300, 2300, 3000], [500, 900, 2400], [400, 1900, 2550], [600, 1000, 2700],
  ];
  let i = 0;
  let phase = 0;
  const state = new Float64Array(6);
  while (i < y.length) {
    const kind = rnd();
    const length = Math.floor((0.12 + 0.15 * Math.abs(rnd())) * rate);
    const end = Math.min(y.length, i + length);
    if (kind < -0.6) {
      for (; i < end; i++) y[i] = 0.0005 * rnd(); // pause
      continue;
    }
    if (kind < -0.3) {
      for (let j = 0; i < end; i++, j++) y[i] = 0.08 * Math.sin((Math.PI * j) / length) * rnd(); // fricative
      continue;
    }
    const f = formants[Math.floor(Math.abs(rnd()) * formants.length) % formants.length];
    const f0 = 110 + 90 * Math.abs(rnd());
    const coeffs = f.map((fc, n) => {
      const r = Math.exp((-Math.PI * (60 + 40 * n)) / rate);
      return [2 * r * Math.cos((2 * Math.PI * fc) / rate), -r * r, 1 - r];
    });
    for (let j = 0; i < end; i++, j++) {
      phase += (f0 * (1 + 0.1 * Math.sin((2 * Math.PI * j) / length) + 0.01 * rnd())) / rate;
      let x = phase >= 1 ? 1 : 0; // glottal pulse
      if (phase >= 1) phase -= 1;
      let out = 0;
      for (let n = 0; n < 3; n++) {
        const [a1, a2, g] = coeffs[n];
        const v = g * x + a1 * state[2 * n] + a2 * state[2 * n + 1];
        state[2 * n + 1] = state[2 * n];
        state[2 * n] = v;
        out += v;
        x = 0.5 * x;
      }
      y[i] = 0.3 * Math.sin((Math.PI * j) / length) * out + 0.002 * rnd();
    }
  }
  return y;
}

/** The 10-minute signal at 22050 Hz, through ffmpeg like production audio (not timed). */
async function benchSignal(): Promise<{ y: Float32Array; via: string }> {
  const source = speechLikeSignal();
  const dir = mkdtempSync(path.join(tmpdir(), 'emoqa-features-bench-'));
  try {
    const file = path.join(dir, 'speech16k.wav');
    writeWav(file, [source], SOURCE_RATE);
    const decoded = await decodeFile(file, { sampleRate: TARGET_RATE });
    return { y: decoded.channels[0], via: 'ffmpeg soxr 16000 -> 22050' };
  } catch (error) {
    // Without ffmpeg, linear interpolation: the timing does not depend on how the signal was made.
    const n = Math.floor((source.length * TARGET_RATE) / SOURCE_RATE);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const x = (i * SOURCE_RATE) / TARGET_RATE;
      const j = Math.floor(x);
      y[i] = source[j] + (x - j) * ((source[Math.min(j + 1, source.length - 1)] ?? 0) - source[j]);
    }
    return { y, via: `linear interpolation (decoder unavailable: ${(error as Error).message})` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall and CPU seconds of `runs` runs. CPU time is what to compare on a shared machine. */
function timeRuns(y: Float32Array, options: FrameFeatureOptions, runs: number): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ff = computeFrameFeatures(y, options);
    meanFeatures(ff);
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

function line(label: string, audioSeconds: number, t: { wall: number; cpu: number }): string {
  const x = (s: number) => (audioSeconds / s).toFixed(0);
  return `  ${label.padEnd(38)} ${t.wall.toFixed(3)} s wall = ${x(t.wall)}x real time (CPU ${t.cpu.toFixed(3)} s = ${x(t.cpu)}x)`;
}

export async function runFeaturesBench(): Promise<{ seconds: number; xRealtime: number; cpuSeconds: number }> {
  const { y, via } = await benchSignal();
  const audioSeconds = y.length / TARGET_RATE;
  // The study's 184 features need no pitch track; the models' pooled input adds it (last line).
  const study = { pitch: false } as const;
  computeFrameFeatures(y.subarray(0, TARGET_RATE * 20)); // JIT warm-up on 20 s
  const plain = timeRuns(y, study, 3);
  const workspace = new FeatureWorkspace();
  computeFrameFeatures(y, { ...study, workspace });
  const reused = timeRuns(y, { ...study, workspace }, 3);
  workspace.release();
  const tuning = computeFrameFeatures(y.subarray(0, TARGET_RATE * 20)).chromaTuning;
  const givenTuning = timeRuns(y, { ...study, tuning }, 3);
  const withPitch = timeRuns(y, { tuning }, 3);
  const xRealtime = audioSeconds / plain.wall;
  const librosaX = (DURATION_S / LIBROSA_SECONDS).toFixed(0);
  console.log(`features bench: ${(audioSeconds / 60).toFixed(1)} min of speech-like audio at ${TARGET_RATE} Hz (${via}); median of 3, one thread`);
  console.log(line('computeFrameFeatures + meanFeatures', audioSeconds, plain));
  console.log(line('  with a reused FeatureWorkspace', audioSeconds, reused));
  console.log(line('  with the tuning given (no piptrack)', audioSeconds, givenTuning));
  console.log(line('  + pitch track (as analysis runs it)', audioSeconds, withPitch));
  console.log(`  librosa 0.9.2 anchor: ~${LIBROSA_SECONDS} s for 10 min = ~${librosaX}x (features only); ~310x with one shared STFT`);
  // On a shared machine the wall clock measures the others' load too: judge by CPU time there.
  const cpuX = audioSeconds / plain.cpu;
  const verdict = (x: number): string => (x >= TARGET_X_REALTIME ? 'met' : 'NOT met');
  console.log(`  target: >= ${TARGET_X_REALTIME}x -> ${verdict(xRealtime)} by wall clock, ${verdict(cpuX)} by CPU time (${cpuX.toFixed(0)}x; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores)`);
  return { seconds: plain.wall, xRealtime, cpuSeconds: plain.cpu };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFeaturesBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
