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

/** The dB floor: max(log_spec) - top_db, rounded to float32 as np.maximum sees it. */
export function dbFloor(maxPower: number, topDb = 80): number {
  return f32(powerToDb(maxPower) - topDb);
}

/**
 * Orthonormal DCT-II rows k < nOut of an nIn-point input, folded by the even/odd symmetry of the
 * cosines: row k only needs the nIn/2 sums (k even) or differences (k odd) of mirrored inputs.
 */
export class DctII {
  private readonly halfIn: number;
  private readonly basis: Float64Array; // nOut × halfIn
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
    this.sums = new Float64Array(this.halfIn);
    this.diffs = new Float64Array(this.halfIn);
  }

  /** out[k · stride + offset] = DCT(x[from .. from + nIn))[k], rounded to float32. */
  apply(x: Float64Array, from: number, out: Float32Array, stride: number, offset: number): void {
    const { halfIn, nIn, basis, sums, diffs, nOut } = this;
    for (let n = 0; n < halfIn; n++) {
      const a = x[from + n];
      const b = x[from + nIn - 1 - n];
      sums[n] = a + b;
      diffs[n] = a - b;
    }
    // Two rows per pass (one even, one odd) with split accumulators to shorten dependency chains.
    for (let k = 0; k < nOut; k += 2) {
      const even = k * halfIn;
      const hasOdd = k + 1 < nOut;
      const odd = hasOdd ? even + halfIn : even;
      let e0 = 0, e1 = 0, o0 = 0, o1 = 0;
      for (let n = 0; n < halfIn; n += 2) {
        e0 += basis[even + n] * sums[n];
        e1 += basis[even + n + 1] * sums[n + 1];
        o0 += basis[odd + n] * diffs[n];
        o1 += basis[odd + n + 1] * diffs[n + 1];
      }
      out[k * stride + offset] = e0 + e1;
      if (hasOdd) out[(k + 1) * stride + offset] = o0 + o1;
    }
  }
}
