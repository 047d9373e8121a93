/**
 * RMS and zero-crossing rate over centred frames, computed from per-hop blocks: when the frame
 * length is a multiple of the hop, every frame is a run of whole blocks, so each sample is visited
 * once instead of frameLength/hop times.
 */

const f32 = Math.fround;

/** Sample i of y padded by `pad` on each side: zeros ('constant') or the end samples ('edge'). */
function padded(y: Float32Array, i: number, pad: number, mode: 'constant' | 'edge'): number {
  const j = i - pad;
  if (j >= 0 && j < y.length) return y[j];
  if (mode === 'constant') return 0;
  return j < 0 ? y[0] : y[y.length - 1];
}

/**
 * librosa.feature.rms(y, frame_length, hop_length, center=True, pad_mode='constant'):
 * sqrt(mean(x²)) over raw frames of the zero-padded signal. Squares are summed in float64
 * (librosa sums float32 squares; the difference is ~1e-7 relative). Returns false when y holds a
 * NaN or an infinity (the sums are then not finite), which librosa rejects.
 */
export function rmsFrames(y: Float32Array, frameLength: number, hop: number, nFrames: number, out: Float32Array): boolean {
  const pad = frameLength >> 1;
  if (frameLength % hop !== 0) {
    for (let t = 0; t < nFrames; t++) {
      let sum = 0;
      for (let j = 0; j < frameLength; j++) {
        const v = f32(padded(y, t * hop + j, pad, 'constant'));
        sum += f32(v * v);
      }
      out[t] = Math.sqrt(sum / frameLength);
    }
    let total = 0;
    for (let i = 0; i < y.length; i++) total += y[i] * y[i];
    return Number.isFinite(total);
  }
  const per = frameLength / hop;
  const blocks = new Float64Array(nFrames + per - 1);
  let finite = true;
  for (let b = 0; b < blocks.length; b++) {
    const start = b * hop - pad; // in y's own indices
    const lo = Math.max(0, start);
    const hi = Math.min(y.length, start + hop);
    // abs2 of a float32 signal is float32; four partial sums keep the adds off one dependency chain.
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = lo;
    for (; i + 3 < hi; i += 4) {
      const v0 = y[i], v1 = y[i + 1], v2 = y[i + 2], v3 = y[i + 3];
      s0 += f32(v0 * v0);
      s1 += f32(v1 * v1);
      s2 += f32(v2 * v2);
      s3 += f32(v3 * v3);
    }
    for (; i < hi; i++) s0 += f32(y[i] * y[i]);
    const sum = (s0 + s1) + (s2 + s3);
    blocks[b] = sum;
    finite &&= Number.isFinite(sum);
  }
  for (let t = 0; t < nFrames; t++) {
    let sum = 0;
    for (let b = t; b < t + per; b++) sum += blocks[b];
    out[t] = Math.sqrt(sum / frameLength);
  }
  return finite;
}

/**
 * librosa.feature.zero_crossing_rate(y, frame_length, hop_length, center=True): edge padding,
 * |x| <= 1e-10 (as float32) counts as 0, a crossing where signbit changes between neighbours
 * inside the frame (0 is positive), rate = crossings / frame_length. Edge padding repeats the end
 * samples, so crossings only happen between neighbours of y itself.
 */
export function zcrFrames(y: Float32Array, frameLength: number, hop: number, nFrames: number, out: Float32Array): void {
  const pad = frameLength >> 1;
  const n = y.length;
  // "Negative after thresholding" from the float's bits, branch-free (speech flips sign unpredictably):
  // sign bit set and |v| > f32(1e-10), i.e. its magnitude bits exceed those of the threshold.
  // (|v| <= threshold is zeroed, and -0 counts positive, as in librosa; NaN keeps its sign bit like np.signbit.)
  const bits = new Int32Array(y.buffer, y.byteOffset, n);
  const thresholdBits = new Int32Array(Float32Array.of(1e-10).buffer)[0];
  const negativeAt = (j: number): number => (bits[j] >>> 31) & ((thresholdBits - (bits[j] & 0x7fffffff)) >>> 31);
  // Crossing "at" j (1 <= j < n) is between y[j-1] and y[j]; in padded coordinates it is pair i = j + pad.
  const crossAt = (j: number): number => (j >= 1 && j < n ? negativeAt(j - 1) ^ negativeAt(j) : 0);
  if (frameLength % hop !== 0) {
    for (let t = 0; t < nFrames; t++) {
      let count = 0;
      for (let i = t * hop + 1; i < t * hop + frameLength; i++) count += crossAt(i - pad);
      out[t] = count / frameLength;
    }
    return;
  }
  const per = frameLength / hop;
  // blocks[b]: crossings at pairs i in (b·hop, (b+1)·hop].
  const blocks = new Int32Array(nFrames + per - 1);
  for (let b = 0; b < blocks.length; b++) {
    const lo = Math.max(1, b * hop + 1 - pad);
    const hi = Math.min(n - 1, (b + 1) * hop - pad);
    if (hi < lo) continue;
    let prev = negativeAt(lo - 1);
    let count = 0;
    for (let j = lo; j <= hi; j++) {
      const v = bits[j];
      const cur = (v >>> 31) & ((thresholdBits - (v & 0x7fffffff)) >>> 31);
      count += prev ^ cur;
      prev = cur;
    }
    blocks[b] = count;
  }
  for (let t = 0; t < nFrames; t++) {
    // Frame t holds pairs i in [t·hop + 1, t·hop + frameLength - 1]: its blocks minus the last pair.
    let count = -crossAt((t + per) * hop - pad);
    for (let b = t; b < t + per; b++) count += blocks[b];
    out[t] = count / frameLength;
  }
}
