/**
 * librosa 0.9.2 estimate_tuning(S=power, sr, bins_per_octave=12) as chroma_stft calls it:
 * piptrack (fmin 150, fmax 4000, threshold 0.1 · per-frame max) on the power spectrogram, keep the
 * peaks whose magnitude reaches the median of all peak magnitudes, then the histogram of their
 * pitch residuals at resolution 0.01. The peaks are collected frame by frame while the one STFT
 * runs (the median needs every frame), so this costs a scan of ~360 bins per frame.
 * Arithmetic follows numpy's float32 steps so the chosen histogram bin is the same.
 */

const f32 = Math.fround;
const TINY_F32 = 1.1754943508222875e-38;
const THRESHOLD_F32 = f32(0.1);

export class TuningEstimator {
  private pitches: Float32Array = new Float32Array(4096);
  private mags: Float32Array = new Float32Array(4096);
  private count = 0;
  private readonly lo: number;
  private readonly hi: number;
  /** Scratch for addMagnitudes: one frame's powers, and the bins where it peaks. */
  private readonly power: Float64Array;
  private readonly found: Int32Array;

  constructor(
    private readonly sampleRate: number,
    private readonly nFft: number,
    fmin = 150,
    fmax = 4000,
  ) {
    const bins = (nFft >> 1) + 1;
    const top = Math.min(fmax, sampleRate / 2);
    const val = 1 / (nFft * (1 / sampleRate)); // fft_frequencies spacing
    // freq_mask = fmin <= f_k < fmax; peaks also need both neighbours, which these bins have.
    let lo = 0;
    while (lo < bins && lo * val < fmin) lo++;
    let hi = lo;
    while (hi < bins && hi * val < top) hi++;
    this.lo = Math.max(lo, 1);
    this.hi = Math.min(hi, bins - 1);
    this.power = new Float64Array(bins);
    this.found = new Int32Array(bins);
  }

  /**
   * Collects one frame's piptrack peaks from its float32 magnitudes mag[offset ..] (power is their
   * float32 square) and the frame's largest magnitude. Same peaks as addFrame, without a power row.
   * Peaks are found without branches (speech makes them unpredictable), then interpolated.
   */
  addMagnitudes(mag: Float32Array, offset: number, maxMag: number): void {
    const ref = f32(THRESHOLD_F32 * f32(maxMag * maxMag));
    const { lo, hi, power, found } = this;
    // localmax of x = S·(S > ref): x[k] > x[k-1] and x[k] >= x[k+1]. Given S[k] > ref >= 0, a
    // neighbour zeroed by the threshold is below S[k] anyway, so the raw neighbours decide.
    let m = mag[offset + lo - 1];
    let down = f32(m * m);
    m = mag[offset + lo];
    let s = f32(m * m);
    power[lo - 1] = down;
    let n = 0;
    for (let k = lo; k < hi; k++) {
      m = mag[offset + k + 1];
      const up = f32(m * m);
      power[k] = s;
      found[n] = k;
      n += +(s > ref) & +(s > down) & +(s >= up);
      down = s;
      s = up;
    }
    power[hi] = s;
    for (let i = 0; i < n; i++) {
      const k = found[i];
      this.peak(k, power[k - 1], power[k], power[k + 1]);
    }
  }

  /** The parabolic interpolation of piptrack at bin k (float32 steps, as numpy). */
  private peak(k: number, down: number, s: number, up: number): void {
    const avg = f32(0.5 * f32(up - down));
    let denom = f32(f32(2 * s - up) - down);
    if (Math.abs(denom) < TINY_F32) denom = f32(denom + 1);
    const shift = f32(avg / denom);
    const dskew = f32(f32(0.5 * avg) * shift);
    const pitch = f32(((k + shift) * this.sampleRate) / this.nFft);
    if (pitch > 0) this.push(pitch, f32(s + dskew));
  }

  /** Collects one frame's piptrack peaks; `power` holds float32 values, `maxPower` its maximum over all bins. */
  addFrame(power: Float64Array, maxPower: number): void {
    const ref = f32(THRESHOLD_F32 * maxPower);
    const { lo, hi } = this;
    // localmax of x = S·(S > ref): x[k] > x[k-1] and x[k] >= x[k+1].
    for (let k = lo; k < hi; k++) {
      const s = power[k];
      if (!(s > ref)) continue;
      const prev = power[k - 1] > ref ? power[k - 1] : 0;
      const next = power[k + 1] > ref ? power[k + 1] : 0;
      if (s > prev && s >= next) this.peak(k, power[k - 1], s, power[k + 1]);
    }
  }

  private push(pitch: number, mag: number): void {
    if (this.count === this.pitches.length) {
      const grow = (a: Float32Array): Float32Array => {
        const b = new Float32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.pitches = grow(this.pitches);
      this.mags = grow(this.mags);
    }
    this.pitches[this.count] = pitch;
    this.mags[this.count] = mag;
    this.count++;
  }

  get peakCount(): number {
    return this.count;
  }

  /** The tuning in fractions of a chroma bin, one of -0.5, -0.49, ..., 0.49 (0 when no peaks). */
  estimate(resolution = 0.01, binsPerOctave = 12): number {
    const n = this.count;
    if (n === 0) return 0.0; // librosa warns "empty frequency set" and returns 0.0
    const threshold = median(this.mags.slice(0, n));
    const nBins = Math.ceil(1.0 / resolution);
    // np.linspace(-0.5, 0.5, nBins + 1): i·step + start, last edge exactly 0.5.
    const step = 1.0 / nBins;
    const edges = new Float64Array(nBins + 1);
    for (let i = 0; i < nBins; i++) edges[i] = i * step + -0.5;
    edges[nBins] = 0.5;
    const counts = new Int32Array(nBins);
    for (let i = 0; i < n; i++) {
      if (!(this.mags[i] >= threshold)) continue;
      // hz_to_octs in float32: log2(f / 27.5); residual = mod(12 · octs, 1) folded to [-0.5, 0.5).
      const octs = f32(Math.log2(f32(this.pitches[i] / 27.5)));
      const x = f32(binsPerOctave * octs);
      let r = x - Math.floor(x);
      if (r >= 0.5) r = f32(r - 1.0);
      // np.histogram with explicit edges: [e_i, e_{i+1}), the last bin closed.
      let b = Math.min(nBins - 1, Math.max(0, Math.floor((r + 0.5) * nBins)));
      while (b > 0 && r < edges[b]) b--;
      while (b < nBins - 1 && r >= edges[b + 1]) b++;
      if (r >= edges[0] && r <= edges[nBins]) counts[b]++;
    }
    let best = 0;
    for (let b = 1; b < nBins; b++) if (counts[b] > counts[best]) best = b;
    return edges[best];
  }
}

/** np.median of float32 values: the middle element, or the float32 mean of the middle two. O(n) selection. */
function median(values: Float32Array): number {
  const n = values.length;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  let lower = -Infinity; // after selection, everything left of n/2 is <= values[n/2]
  for (let i = 0; i < n >> 1; i++) if (values[i] > lower) lower = values[i];
  return f32(f32(lower + upper) / 2);
}

/** Hoare-partition quickselect: reorders `a` so that a[k] is the k-th smallest and returns it. */
function select(a: Float32Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted or constant runs linear.
    const mid = (left + right) >> 1;
    const x = a[left], y = a[mid], z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}
