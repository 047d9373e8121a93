/**
 * Two-speaker diarization of a mono call over the frame features the analysis already computes
 * (MFCC per STFT frame): speech is cut into short overlapping windows, each described by the mean
 * and spread of its MFCCs (c1..c19, normalised over the call), the windows are split into two
 * clusters (k-means, seeded with the two most distant windows), each frame takes the vote of the
 * windows covering it, and turns shorter than a minimum are absorbed by their neighbours. The agent
 * is the speaker of the first turn (call-centre agents open the call).
 */
import type { TimeSpan } from '../segment/spans';

export interface MfccFrames {
  /** Frames per second (sampleRate / hop). */
  frameRate: number;
  nFrames: number;
  /** Coefficients, layout [d * nFrames + t]. */
  mfcc: Float32Array;
  nMfcc: number;
}

export interface SpeakerTurn extends TimeSpan {
  speaker: 0 | 1;
}

export interface Diarization {
  turns: SpeakerTurn[];
  /** Which speaker is the agent (the one who speaks first). */
  agent: 0 | 1;
}

export interface DiarizeOptions {
  windowS?: number;
  hopS?: number;
  /** Turns shorter than this take their neighbours' speaker. */
  minTurnS?: number;
  /** MFCC coefficients used, from c1 (c0 is loudness). */
  coefficients?: number;
  /** Also describe a window by the spread of its MFCCs (not only their mean). */
  spread?: boolean;
  /** Gaussian re-segmentation passes after the clustering (0: none). */
  rounds?: number;
  /** Spectral bipartition (default) instead of two-means for the first split. */
  spectral?: boolean;
  neighbours?: number;
}

const DEFAULTS = { windowS: 1.5, hopS: 0.25, minTurnS: 0.75, coefficients: 19, spread: true, rounds: 0, spectral: true, neighbours: 40 };

interface Window {
  from: number;
  to: number;
  vector: Float64Array;
}

function windowsOver(frames: MfccFrames, speech: readonly TimeSpan[], o: typeof DEFAULTS): Window[] {
  const size = Math.max(2, Math.round(o.windowS * frames.frameRate));
  const hop = Math.max(1, Math.round(o.hopS * frames.frameRate));
  const dims = Math.min(o.coefficients, frames.nMfcc - 1);
  const out: Window[] = [];
  for (const span of speech) {
    const first = Math.max(0, Math.floor(span.start * frames.frameRate));
    const last = Math.min(frames.nFrames, Math.ceil(span.end * frames.frameRate));
    if (last - first < 2) continue;
    for (let from = first; from < last; from += hop) {
      const to = Math.min(last, from + size);
      // A short tail joins the previous window's span rather than standing on a few frames.
      if (to - from < size / 2 && from > first) break;
      const vector = new Float64Array(o.spread ? dims * 2 : dims);
      for (let d = 0; d < dims; d++) {
        const row = (d + 1) * frames.nFrames;
        let sum = 0, sq = 0;
        for (let t = from; t < to; t++) {
          const v = frames.mfcc[row + t];
          sum += v;
          sq += v * v;
        }
        const n = to - from;
        const mean = sum / n;
        vector[d] = mean;
        if (o.spread) vector[dims + d] = Math.sqrt(Math.max(0, sq / n - mean * mean));
      }
      out.push({ from, to: Math.max(to, Math.min(last, from + size)), vector });
      if (to >= last) break;
    }
  }
  return out;
}

function normalise(windows: Window[]): void {
  if (windows.length === 0) return;
  const dims = windows[0].vector.length;
  for (let d = 0; d < dims; d++) {
    let sum = 0, sq = 0;
    for (const w of windows) {
      sum += w.vector[d];
      sq += w.vector[d] ** 2;
    }
    const mean = sum / windows.length;
    const sd = Math.sqrt(Math.max(1e-12, sq / windows.length - mean * mean));
    for (const w of windows) w.vector[d] = (w.vector[d] - mean) / sd;
  }
}

const distance = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
};

function lloyd(vectors: readonly Float64Array[], seeds: [number, number], iterations: number): { labels: Uint8Array; inertia: number } {
  const dims = vectors[0].length;
  const labels = new Uint8Array(vectors.length);
  const centres = [Float64Array.from(vectors[seeds[0]]), Float64Array.from(vectors[seeds[1]])];
  let inertia = 0;
  for (let it = 0; it < iterations; it++) {
    let changed = false;
    inertia = 0;
    vectors.forEach((v, i) => {
      const d0 = distance(v, centres[0]);
      const d1 = distance(v, centres[1]);
      const label = d0 <= d1 ? 0 : 1;
      inertia += Math.min(d0, d1);
      if (label !== labels[i]) changed = true;
      labels[i] = label;
    });
    for (const c of [0, 1]) {
      const members = vectors.filter((_, i) => labels[i] === c);
      if (members.length === 0) continue;
      centres[c].fill(0);
      for (const v of members) for (let d = 0; d < dims; d++) centres[c][d] += v[d] / members.length;
    }
    if (!changed && it > 0) break;
  }
  return { labels, inertia };
}

/**
 * Two-means over the window vectors: k-means++ seeding from a fixed-seed generator, several
 * restarts, the split with the least within-cluster spread kept (a single farthest-point seed
 * lands on an outlier window and splits off a handful of frames).
 */
export function twoMeans(vectors: readonly Float64Array[], restarts = 16, iterations = 40): Uint8Array {
  if (vectors.length < 2) return new Uint8Array(vectors.length);
  let state = 0x9e3779b9;
  const random = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
  let best: { labels: Uint8Array; inertia: number } | null = null;
  for (let r = 0; r < restarts; r++) {
    const first = Math.floor(random() * vectors.length);
    const weights = vectors.map((v) => distance(v, vectors[first]));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    let pick = random() * totalWeight;
    let second = 0;
    while (second < vectors.length - 1 && (pick -= weights[second]) > 0) second++;
    const run = lloyd(vectors, [first, second], iterations);
    if (!best || run.inertia < best.inertia) best = run;
  }
  return best?.labels ?? new Uint8Array(vectors.length);
}

/**
 * Spectral bipartition: the sign of the second eigenvector of the normalised affinity matrix
 * (cosine similarity of the window vectors, negatives cut to zero, each row's k nearest kept).
 * Follows the graph's weakest cut, which between two voices is sturdier than the widest spread
 * k-means finds (often loudness or emotion).
 */
export function spectralSplit(vectors: readonly Float64Array[], neighbours = 10, iterations = 300): Uint8Array {
  const n = vectors.length;
  if (n < 3) return new Uint8Array(n);
  const unit = vectors.map((v) => {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    return v.map((x) => x / norm);
  });
  const a = new Float64Array(n * n);
  const k = Math.min(n - 1, neighbours);
  for (let i = 0; i < n; i++) {
    const sims = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let d = 0; d < unit[i].length; d++) dot += unit[i][d] * unit[j][d];
      sims[j] = i === j ? -Infinity : dot;
    }
    const threshold = [...sims].sort((x, y) => y - x)[k - 1];
    for (let j = 0; j < n; j++) if (sims[j] >= threshold && sims[j] > 0) a[i * n + j] = sims[j];
  }
  // Symmetrise (a kept neighbour either way) and normalise: M = D^-1/2 A D^-1/2.
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i] = Math.max(a[i * n + j], a[j * n + i]);
  const degree = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) degree[i] += a[i * n + j];
  const inv = degree.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] *= inv[i] * inv[j];
  // The top eigenvector is sqrt(degree); power iteration on (M + I) with it projected out gives the second.
  const top = degree.map((d) => Math.sqrt(d));
  const topNorm = Math.sqrt(top.reduce((s, x) => s + x * x, 0)) || 1;
  for (let i = 0; i < n; i++) top[i] /= topNorm;
  let v = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + 1) );
  for (let it = 0; it < iterations; it++) {
    const dot = v.reduce((s, x, i) => s + x * top[i], 0);
    for (let i = 0; i < n; i++) v[i] -= dot * top[i];
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = v[i];
      for (let j = 0; j < n; j++) s += a[i * n + j] * v[j];
      next[i] = s;
    }
    const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0)) || 1;
    v = next.map((x) => x / norm);
  }
  return Uint8Array.from(v, (x, i) => (x * inv[i] > 0 ? 1 : 0));
}

/** Frames → turns: runs of one speaker inside speech, short runs merged into their neighbours. */
function toTurns(votes: Float64Array, counts: Uint16Array, frameRate: number, minTurnS: number): SpeakerTurn[] {
  const runs: Array<{ from: number; to: number; speaker: 0 | 1 }> = [];
  for (let t = 0; t < votes.length; t++) {
    if (counts[t] === 0) continue;
    const speaker: 0 | 1 = votes[t] / counts[t] > 0.5 ? 1 : 0;
    const last = runs.at(-1);
    if (last && last.to === t && last.speaker === speaker) last.to = t + 1;
    else runs.push({ from: t, to: t + 1, speaker });
  }
  const minFrames = minTurnS * frameRate;
  // Absorb short runs that sit between runs of one speaker, shortest first, until none is left.
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      if (run.to - run.from >= minFrames) continue;
      const prev = runs[i - 1];
      const next = runs[i + 1];
      const neighbour = prev && prev.to === run.from ? prev : next && next.from === run.to ? next : null;
      if (!neighbour || neighbour.speaker === run.speaker) continue;
      run.speaker = neighbour.speaker;
      changed = true;
    }
    for (let i = runs.length - 1; i > 0; i--) {
      if (runs[i - 1].to === runs[i].from && runs[i - 1].speaker === runs[i].speaker) {
        runs[i - 1].to = runs[i].to;
        runs.splice(i, 1);
      }
    }
  }
  return runs.map((r) => ({ start: r.from / frameRate, end: r.to / frameRate, speaker: r.speaker }));
}

/** Per-frame vectors c1..cN, normalised over the call's speech frames (cepstral mean and variance normalisation). */
function speechFrameVectors(frames: MfccFrames, speechMask: Uint8Array, dims: number): Float64Array[] {
  const mean = new Float64Array(dims);
  const sq = new Float64Array(dims);
  let n = 0;
  for (let t = 0; t < frames.nFrames; t++) {
    if (!speechMask[t]) continue;
    n++;
    for (let d = 0; d < dims; d++) {
      const v = frames.mfcc[(d + 1) * frames.nFrames + t];
      mean[d] += v;
      sq[d] += v * v;
    }
  }
  for (let d = 0; d < dims; d++) {
    mean[d] /= Math.max(1, n);
    sq[d] = Math.sqrt(Math.max(1e-9, sq[d] / Math.max(1, n) - mean[d] ** 2));
  }
  const out: Float64Array[] = new Array<Float64Array>(frames.nFrames);
  for (let t = 0; t < frames.nFrames; t++) {
    const v = new Float64Array(dims);
    for (let d = 0; d < dims; d++) v[d] = (frames.mfcc[(d + 1) * frames.nFrames + t] - mean[d]) / sq[d];
    out[t] = v;
  }
  return out;
}

interface Gaussian {
  mean: Float64Array;
  variance: Float64Array;
  logNorm: number;
}

function fitGaussian(vectors: Float64Array[], frameIds: number[], dims: number): Gaussian | null {
  if (frameIds.length < dims * 2) return null;
  const mean = new Float64Array(dims);
  const variance = new Float64Array(dims);
  for (const t of frameIds) for (let d = 0; d < dims; d++) mean[d] += vectors[t][d] / frameIds.length;
  for (const t of frameIds) for (let d = 0; d < dims; d++) variance[d] += (vectors[t][d] - mean[d]) ** 2 / frameIds.length;
  let logNorm = 0;
  for (let d = 0; d < dims; d++) {
    variance[d] = Math.max(variance[d], 1e-3);
    logNorm -= 0.5 * Math.log(2 * Math.PI * variance[d]);
  }
  return { mean, variance, logNorm };
}

function logLikelihood(g: Gaussian, v: Float64Array): number {
  let s = g.logNorm;
  for (let d = 0; d < v.length; d++) s -= ((v[d] - g.mean[d]) ** 2) / (2 * g.variance[d]);
  return s;
}

/**
 * Re-segmentation: one diagonal Gaussian per speaker fitted on the frames currently given to it,
 * frames re-assigned by their log-likelihood ratio averaged over a sliding second of speech,
 * repeated a few times. It corrects windows that the first clustering split on emotion or loudness.
 */
function resegment(vectors: Float64Array[], speechMask: Uint8Array, labels: Int8Array, frameRate: number, dims: number, rounds: number): void {
  const half = Math.max(1, Math.round(frameRate * 0.5));
  for (let r = 0; r < rounds; r++) {
    const ids: number[][] = [[], []];
    for (let t = 0; t < labels.length; t++) if (speechMask[t] && labels[t] >= 0) ids[labels[t]].push(t);
    const models = ids.map((f) => fitGaussian(vectors, f, dims));
    if (!models[0] || !models[1]) return;
    const [m0, m1] = models as [Gaussian, Gaussian];
    const ratio = new Float64Array(labels.length);
    for (let t = 0; t < labels.length; t++) if (speechMask[t]) ratio[t] = logLikelihood(m1, vectors[t]) - logLikelihood(m0, vectors[t]);
    // Prefix sums over speech frames only, so silence does not dilute the average.
    const sum = new Float64Array(labels.length + 1);
    const count = new Float64Array(labels.length + 1);
    for (let t = 0; t < labels.length; t++) {
      sum[t + 1] = sum[t] + (speechMask[t] ? ratio[t] : 0);
      count[t + 1] = count[t] + speechMask[t];
    }
    for (let t = 0; t < labels.length; t++) {
      if (!speechMask[t]) continue;
      const a = Math.max(0, t - half);
      const b = Math.min(labels.length, t + half + 1);
      labels[t] = (sum[b] - sum[a]) / Math.max(1, count[b] - count[a]) > 0 ? 1 : 0;
    }
  }
}

export function diarizeTwoSpeakers(frames: MfccFrames, speech: readonly TimeSpan[], options: DiarizeOptions = {}): Diarization {
  const o = { ...DEFAULTS, ...options };
  const windows = windowsOver(frames, speech, o);
  normalise(windows);
  const windowLabels = o.spectral ? spectralSplit(windows.map((w) => w.vector), o.neighbours) : twoMeans(windows.map((w) => w.vector));
  const votes = new Float64Array(frames.nFrames);
  const counts = new Uint16Array(frames.nFrames);
  windows.forEach((w, i) => {
    for (let t = w.from; t < w.to; t++) {
      votes[t] += windowLabels[i];
      counts[t]++;
    }
  });
  const speechMask = new Uint8Array(frames.nFrames);
  const labels = new Int8Array(frames.nFrames).fill(-1);
  for (let t = 0; t < frames.nFrames; t++) {
    if (counts[t] === 0) continue;
    speechMask[t] = 1;
    labels[t] = votes[t] / counts[t] > 0.5 ? 1 : 0;
  }
  if (o.rounds > 0) {
    const dims = Math.min(o.coefficients, frames.nMfcc - 1);
    resegment(speechFrameVectors(frames, speechMask, dims), speechMask, labels, frames.frameRate, dims, o.rounds);
  }
  for (let t = 0; t < frames.nFrames; t++) {
    if (labels[t] < 0) continue;
    votes[t] = labels[t];
    counts[t] = 1;
  }
  const turns = toTurns(votes, counts, frames.frameRate, o.minTurnS);
  return { turns, agent: turns[0]?.speaker ?? 0 };
}

/** Coefficients kept per frame for diarization (c0..c19). */
const KEPT_MFCC = 20;

/**
 * Gathers the MFCC frames of a party's speech spans as the party pass computes them (one span at a
 * time, frame 0 at the span's start) into one call-long array, silence left at zero.
 */
export class MfccCollector {
  private readonly spans: Array<{ startS: number; nFrames: number; mfcc: Float32Array }> = [];
  private frameRate = 0;

  add(span: TimeSpan, frames: { sampleRate: number; hopLength: number; nFrames: number; mfcc: Float32Array }): void {
    this.frameRate = frames.sampleRate / frames.hopLength;
    const kept = new Float32Array(KEPT_MFCC * frames.nFrames);
    for (let d = 0; d < KEPT_MFCC; d++) kept.set(frames.mfcc.subarray(d * frames.nFrames, (d + 1) * frames.nFrames), d * frames.nFrames);
    this.spans.push({ startS: span.start, nFrames: frames.nFrames, mfcc: kept });
  }

  frames(durationS: number): MfccFrames {
    const frameRate = this.frameRate || 1;
    const nFrames = Math.ceil(durationS * frameRate) + 1;
    const mfcc = new Float32Array(KEPT_MFCC * nFrames);
    for (const s of this.spans) {
      const offset = Math.round(s.startS * frameRate);
      for (let d = 0; d < KEPT_MFCC; d++) {
        for (let t = 0; t < s.nFrames && offset + t < nFrames; t++) mfcc[d * nFrames + offset + t] = s.mfcc[d * s.nFrames + t];
      }
    }
    return { frameRate, nFrames, mfcc, nMfcc: KEPT_MFCC };
  }
}
