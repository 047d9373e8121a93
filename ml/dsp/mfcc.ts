/**
 * MFCC = DCT-II (orthonormal, first nMfcc rows) of power_to_db(mel, ref=1, amin=1e-10, top_db=80),
 * where the 80 dB floor is taken below the loudest mel bin of the whole signal (librosa clips the
 * whole clip's matrix at once). The dB values follow numpy's float32 steps.
 */

const f32 = Math.fround;
const AMIN_F32 = f32(1e-10);

const LOG10_E = Math.LOG10E;

/**
 * 10·log10(max(amin, power)) as numpy computes it on a float32 array. ln·log10(e) is ~2x faster
 * than Math.log10 and lands on the same float32 except within ~1e-16 of a rounding boundary.
 */
export function powerToDb(power: number): number {
  return f32(10 * f32(Math.log(power > AMIN_F32 ? power : AMIN_F32) * LOG10_E));
}

/** ln(c) and 1/c at the centres c = 1 + (j + 1/2)/128 of the float32 mantissa's top-7-bit cells. */
const CELLS = 128;
const cellLog = new Float64Array(CELLS);
const cellInv = new Float64Array(CELLS);
for (let j = 0; j < CELLS; j++) {
  cellLog[j] = Math.log(1 + (j + 0.5) / CELLS);
  cellInv[j] = 1 / (1 + (j + 0.5) / CELLS);
}
const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so that e · LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10;

/**
 * powerToDb of a float32 given by its bits, for amin < power < Infinity (a positive normal float).
 * ln(2^e · m) = e·ln2 + ln(c) + ln(1 + r), r = (m - c)/c, |r| < 2^-8, the last by its series to r^6
 * (truncation < 1e-17): about as accurate as Math.log and ~2x faster, which matters for the
 * 128 values of every frame.
 */
export function powerToDbBits(bits: number): number {
  const j = (bits >> 16) & (CELLS - 1);
  const e = (bits >> 23) - 127;
  const m = 1 + (bits & 0x7fffff) * 1.1920928955078125e-7; // mantissa · 2^-23, exact
  const r = (m - (1 + (j + 0.5) / CELLS)) * cellInv[j];
  const series = r * (1 + r * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 - r * (1 / 6))))));
  const ln = (e * LN2_HI + cellLog[j]) + (e * LN2_LO + series);
  return f32(10 * f32(ln * LOG10_E));
}

/** The dB floor: max(log_spec) - top_db, rounded to float32 as np.maximum sees it. */
export function dbFloor(maxPower: number, topDb = 80): number {
  return f32(powerToDb(maxPower) - topDb);
}

/**
 * Orthonormal DCT-II rows k < nOut of an nIn-point input, folded by the even/odd symmetry of the
 * cosines: row k only needs the nIn/2 sums (k even) or differences (k odd) of mirrored inputs.
 * Frames go through four at a time, so each basis value loaded feeds four products.
 */
export class DctII {
  private readonly halfIn: number;
  private readonly basis: Float64Array; // nOut × halfIn
  /** Sums and differences of four frames, interleaved: [4·n + f]. */
  private readonly sums: Float64Array;
  private readonly diffs: Float64Array;

  constructor(
    readonly nIn: number,
    readonly nOut: number,
  ) {
    if (nIn % 4 !== 0) throw new Error('DctII: nIn must be a multiple of 4');
    this.halfIn = nIn / 2;
    this.basis = new Float64Array(nOut * this.halfIn);
    for (let k = 0; k < nOut; k++) {
      const scale = k === 0 ? Math.sqrt(1 / nIn) : Math.sqrt(2 / nIn);
      for (let n = 0; n < this.halfIn; n++) {
        this.basis[k * this.halfIn + n] = scale * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * nIn));
      }
    }
    this.sums = new Float64Array(4 * this.halfIn);
    this.diffs = new Float64Array(4 * this.halfIn);
  }

  /** out[k · stride + offset] = DCT(x[from .. from + nIn))[k], rounded to float32. */
  apply(x: Float64Array, from: number, out: Float32Array, stride: number, offset: number): void {
    this.applyFrames(x, from, 1, out, stride, offset);
  }

  /**
   * The DCT of `count` consecutive frames x[from + i·nIn ..] into out[k · stride + offset + i],
   * rounded to float32.
   */
  applyFrames(x: Float64Array, from: number, count: number, out: Float32Array, stride: number, offset: number): void {
    const { halfIn, nIn, basis, sums, diffs, nOut } = this;
    for (let f0 = 0; f0 < count; f0 += 4) {
      const width = Math.min(4, count - f0);
      sums.fill(0);
      diffs.fill(0);
      for (let f = 0; f < width; f++) {
        const base = from + (f0 + f) * nIn;
        for (let n = 0; n < halfIn; n++) {
          const a = x[base + n];
          const b = x[base + nIn - 1 - n];
          sums[4 * n + f] = a + b;
          diffs[4 * n + f] = a - b;
        }
      }
      // One even and one odd row per pass, four frames each: eight independent accumulators.
      for (let k = 0; k < nOut; k += 2) {
        const even = k * halfIn;
        const hasOdd = k + 1 < nOut;
        const odd = hasOdd ? even + halfIn : even;
        let e0 = 0, e1 = 0, e2 = 0, e3 = 0, o0 = 0, o1 = 0, o2 = 0, o3 = 0;
        for (let n = 0, i = 0; n < halfIn; n++, i += 4) {
          const be = basis[even + n];
          const bo = basis[odd + n];
          e0 += be * sums[i]; e1 += be * sums[i + 1]; e2 += be * sums[i + 2]; e3 += be * sums[i + 3];
          o0 += bo * diffs[i]; o1 += bo * diffs[i + 1]; o2 += bo * diffs[i + 2]; o3 += bo * diffs[i + 3];
        }
        const row = k * stride + offset + f0;
        out[row] = e0;
        if (width > 1) out[row + 1] = e1;
        if (width > 2) out[row + 2] = e2;
        if (width > 3) out[row + 3] = e3;
        if (!hasOdd) continue;
        const next = row + stride;
        out[next] = o0;
        if (width > 1) out[next + 1] = o1;
        if (width > 2) out[next + 2] = o2;
        if (width > 3) out[next + 3] = o3;
      }
    }
  }
}
