/**
 * Real FFT of a windowed frame, in double precision like numpy.fft.rfft (pocketfft) that librosa used.
 *
 * A real frame of n = 2·m samples is packed as m complex points z[j] = x[2j] + i·x[2j+1]
 * (the "real-input packing trick"), transformed by a radix-4 decimation-in-time complex FFT of
 * size m, and split into the n/2 + 1 real-spectrum bins. The window multiply, the digit-reversal
 * permutation and the first radix-4 stage are fused into the load, so the frame is read once.
 * Everything is precomputed per size; a transform allocates nothing.
 */

export class RealFft {
  readonly size: number;
  readonly bins: number;
  /** Output spectrum, bins = size/2 + 1 entries each; overwritten by every transform. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  private readonly half: number;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  /** Position (/4) of the first-stage butterfly that takes packed points j, j+q, j+2q, j+3q. */
  private readonly firstStage: Int32Array;
  /** Per later radix-4 stage (quarter length L >= 4): twiddles w^j, w^2j, w^3j for j < L, interleaved. */
  private readonly stageTwiddles: Float64Array[];
  /** e^{-i·pi·k/half} for the split into real-spectrum bins, k <= half/2. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;

  constructor(size: number) {
    const log2 = Math.log2(size);
    // size = 2·4^m keeps the complex transform pure radix-4.
    if (!Number.isInteger(log2) || log2 < 3 || (log2 - 1) % 2 !== 0) {
      throw new Error(`RealFft: size must be 2·4^m (8, 32, 128, 512, 2048, ...), got ${size}`);
    }
    this.size = size;
    this.half = size >> 1;
    this.bins = this.half + 1;
    this.re = new Float64Array(this.bins);
    this.im = new Float64Array(this.bins);
    this.zr = new Float64Array(this.half);
    this.zi = new Float64Array(this.half);
    const q = this.half >> 2;
    const digits = Math.round(Math.log2(q) / 2);
    this.firstStage = new Int32Array(q);
    for (let j = 0; j < q; j++) {
      let v = j;
      let r = 0;
      for (let d = 0; d < digits; d++) {
        r = (r << 2) | (v & 3);
        v >>= 2;
      }
      this.firstStage[j] = 4 * r;
    }
    this.stageTwiddles = [];
    for (let quarter = 4; quarter * 4 <= this.half; quarter *= 4) {
      const tw = new Float64Array(6 * quarter);
      for (let j = 0; j < quarter; j++) {
        for (let p = 1; p <= 3; p++) {
          const angle = (-2 * Math.PI * p * j) / (4 * quarter);
          tw[6 * j + 2 * (p - 1)] = Math.cos(angle);
          tw[6 * j + 2 * (p - 1) + 1] = Math.sin(angle);
        }
      }
      this.stageTwiddles.push(tw);
    }
    this.splitCos = new Float64Array(this.half / 2 + 1);
    this.splitSin = new Float64Array(this.half / 2 + 1);
    for (let k = 0; k <= this.half / 2; k++) {
      this.splitCos[k] = Math.cos((Math.PI * k) / this.half);
      this.splitSin[k] = -Math.sin((Math.PI * k) / this.half);
    }
  }

  /**
   * Spectrum of window[j] · src[offset + j], j < size, into `re`/`im`. The caller guarantees
   * offset + size <= src.length (edge frames are copied into a zero-padded buffer first).
   */
  transform(src: Float32Array, offset: number, window: Float64Array): void {
    this.load(src, offset, window);
    this.split();
  }

  /** Window, pack, permute and run the complex FFT into zr/zi. */
  private load(src: Float32Array, offset: number, window: Float64Array): void {
    const { zr, zi, half, firstStage } = this;
    const q = half >> 2;
    // Load + window + first radix-4 stage (unit twiddles) on packed points j, j+q, j+2q, j+3q.
    for (let j = 0; j < q; j++) {
      const s0 = 2 * j, s1 = s0 + 2 * q, s2 = s1 + 2 * q, s3 = s2 + 2 * q;
      const ar = window[s0] * src[offset + s0], ai = window[s0 + 1] * src[offset + s0 + 1];
      const br = window[s1] * src[offset + s1], bi = window[s1 + 1] * src[offset + s1 + 1];
      const cr = window[s2] * src[offset + s2], ci = window[s2 + 1] * src[offset + s2 + 1];
      const dr = window[s3] * src[offset + s3], di = window[s3 + 1] * src[offset + s3 + 1];
      const t0r = ar + cr, t0i = ai + ci, t1r = ar - cr, t1i = ai - ci;
      const t2r = br + dr, t2i = bi + di, t3r = br - dr, t3i = bi - di;
      const p = firstStage[j];
      zr[p] = t0r + t2r;
      zi[p] = t0i + t2i;
      zr[p + 2] = t0r - t2r;
      zi[p + 2] = t0i - t2i;
      // X1 = t1 - i·t3, X3 = t1 + i·t3 (forward transform, e^{-i...}).
      zr[p + 1] = t1r + t3i;
      zi[p + 1] = t1i - t3r;
      zr[p + 3] = t1r - t3i;
      zi[p + 3] = t1i + t3r;
    }
    let quarter = 4;
    for (let s = 0; s < this.stageTwiddles.length; s++) {
      radix4Stage(zr, zi, half, quarter, this.stageTwiddles[s]);
      quarter *= 4;
    }
  }

  /**
   * Like transform, but writes |X[k]| into mag[magOffset + k] and |X[k]|² into power[k], as
   * numpy's |complex64| and its float32 square (the analysis itself squares on the fly).
   */
  magnitudes(src: Float32Array, offset: number, window: Float64Array, mag: Float32Array, magOffset: number, power: Float64Array): void {
    this.magnitudesMax(src, offset, window, mag, magOffset);
    for (let k = 0; k < this.bins; k++) power[k] = Math.fround(mag[magOffset + k] * mag[magOffset + k]);
  }

  /**
   * |X[k]| into mag[magOffset + k], as numpy's |complex64| (a float32 value), straight from the
   * split step (no pass of its own); returns the largest (its float32 square is the largest power).
   */
  magnitudesMax(src: Float32Array, offset: number, window: Float64Array, mag: Float32Array, magOffset: number): number {
    this.load(src, offset, window);
    const { zr, zi, half, splitCos, splitSin } = this;
    const f32 = Math.fround;
    const m0 = f32(Math.abs(zr[0] + zi[0]));
    const mh = f32(Math.abs(zr[0] - zi[0]));
    mag[magOffset] = m0;
    mag[magOffset + half] = mh;
    let max = Math.max(m0, mh);
    for (let k = 1, l = half - 1; k <= l; k++, l--) {
      const er = 0.5 * (zr[k] + zr[l]), ei = 0.5 * (zi[k] - zi[l]);
      const or = 0.5 * (zi[k] + zi[l]), oi = -0.5 * (zr[k] - zr[l]);
      const c = splitCos[k], s = splitSin[k];
      const tr = or * c - oi * s, ti = or * s + oi * c;
      // The STFT is complex64 in librosa: round each part to float32, then hypot, then round.
      const ar = f32(er + tr), ai = f32(ei + ti), br = f32(er - tr), bi = f32(ti - ei);
      const ma = f32(Math.sqrt(ar * ar + ai * ai));
      const mb = f32(Math.sqrt(br * br + bi * bi));
      mag[magOffset + k] = ma;
      mag[magOffset + l] = mb;
      max = Math.max(max, ma, mb);
    }
    return max;
  }

  /** X[k] = E[k] + e^{-i·pi·k/half}·O[k] with E, O the spectra of the even and odd samples. */
  private split(): void {
    const { zr, zi, re, im, half, splitCos, splitSin } = this;
    re[0] = zr[0] + zi[0];
    im[0] = 0;
    re[half] = zr[0] - zi[0];
    im[half] = 0;
    for (let k = 1, l = half - 1; k <= l; k++, l--) {
      // E[k] = (Z[k] + conj Z[l]) / 2, O[k] = (Z[k] - conj Z[l]) / (2i), with l = half - k.
      const er = 0.5 * (zr[k] + zr[l]), ei = 0.5 * (zi[k] - zi[l]);
      const or = 0.5 * (zi[k] + zi[l]), oi = -0.5 * (zr[k] - zr[l]);
      const c = splitCos[k], s = splitSin[k];
      const tr = or * c - oi * s, ti = or * s + oi * c;
      re[k] = er + tr;
      im[k] = ei + ti;
      // Bin half - k: E[l] = conj E[k], O[l] = conj O[k], twiddle e^{-i·pi·l/half} = -conj(c + i·s).
      re[l] = er - tr;
      im[l] = -ei + ti;
    }
  }
}

const shared = new Map<number, RealFft>();

/** One transform per size for callers that use it synchronously (its output buffers are overwritten by each call). */
export function cachedRealFft(size: number): RealFft {
  let fft = shared.get(size);
  if (!fft) shared.set(size, (fft = new RealFft(size)));
  return fft;
}

/** One radix-4 DIT stage combining 4 sub-transforms of length `quarter`; twiddles stay in registers per j. */
function radix4Stage(zr: Float64Array, zi: Float64Array, n: number, quarter: number, tw: Float64Array): void {
  const span = 4 * quarter;
  for (let j = 0; j < quarter; j++) {
    const t = 6 * j;
    const w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3], w3r = tw[t + 4], w3i = tw[t + 5];
    for (let i0 = j; i0 < n; i0 += span) {
      const i1 = i0 + quarter, i2 = i1 + quarter, i3 = i2 + quarter;
      const ar = zr[i0], ai = zi[i0];
      const xr1 = zr[i1], xi1 = zi[i1], xr2 = zr[i2], xi2 = zi[i2], xr3 = zr[i3], xi3 = zi[i3];
      const br = xr1 * w1r - xi1 * w1i, bi = xr1 * w1i + xi1 * w1r;
      const cr = xr2 * w2r - xi2 * w2i, ci = xr2 * w2i + xi2 * w2r;
      const dr = xr3 * w3r - xi3 * w3i, di = xr3 * w3i + xi3 * w3r;
      const t0r = ar + cr, t0i = ai + ci, t1r = ar - cr, t1i = ai - ci;
      const t2r = br + dr, t2i = bi + di, t3r = br - dr, t3i = bi - di;
      zr[i0] = t0r + t2r;
      zi[i0] = t0i + t2i;
      zr[i2] = t0r - t2r;
      zi[i2] = t0i - t2i;
      zr[i1] = t1r + t3i;
      zi[i1] = t1i - t3r;
      zr[i3] = t1r - t3i;
      zi[i3] = t1i + t3r;
    }
  }
}
