/**
 * The DSP's one resampler: a band-limited windowed-sinc interpolator in resampy 0.4.2's form (a
 * Kaiser-windowed sinc tabulated per zero crossing, weights interpolated linearly from the table),
 * with the filter as a parameter.
 * - `resampleKaiserBest`: librosa.load's resampler, resampy `kaiser_best` (50 zero crossings, 2^13
 *   table entries per crossing, β 12.9846, roll-off 0.917347 of the lower Nyquist), then librosa's
 *   fix_length to ceil(n · sr_new / sr_orig). With these (resampy's documented) parameters the output
 *   matches librosa's resampled signal to float32 resolution (see test/unit/ml/dsp/resample.test.ts).
 * - `resampleWindowedSinc` with a shorter filter serves the telephone chain (telephone.ts).
 *
 * resampy evaluates, for every output sample, weights interpolated linearly from the filter
 * table; for integer rates the fractional position repeats every sr_new/gcd outputs, so the
 * weights are computed once per phase (exactly as resampy would at that phase) and reused.
 */

/** A Kaiser-windowed sinc low-pass: its length in zero crossings, table density, shape and cutoff. */
export interface SincFilter {
  numZeros: number;
  /** log2 of the table entries per zero crossing. */
  precision: number;
  beta: number;
  /** Cutoff as a share of the lower of the two Nyquist frequencies. */
  rolloff: number;
}

export const KAISER_BEST: SincFilter = { beta: 12.9846, rolloff: 0.917347, numZeros: 50, precision: 13 };

/** Modified Bessel function I0 by its power series (all terms positive; converges for beta ~13). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500 && term > sum * 1e-17; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** The Kaiser window at r ∈ [0, 1] from its centre: I0(β·√(1 − r²)) / I0(β). */
export function kaiserTaper(beta: number, r: number, i0Beta = besselI0(beta)): number {
  return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
}

interface Table {
  win: Float64Array;
  numTable: number;
}
const tables = new Map<string, Table>();

/** resampy.filters.sinc_window(num_zeros, precision, kaiser(beta), rolloff): the right wing. */
function sincTable(filter: SincFilter): Table {
  const key = `${filter.numZeros}/${filter.precision}/${filter.beta}/${filter.rolloff}`;
  const known = tables.get(key);
  if (known) return known;
  const { beta, rolloff, numZeros, precision } = filter;
  const numTable = 2 ** precision;
  const n = numTable * numZeros;
  const win = new Float64Array(n + 1);
  const i0Beta = besselI0(beta);
  const step = numZeros / n; // np.linspace(0, num_zeros, n + 1)
  for (let j = 0; j <= n; j++) {
    const x = rolloff * (j === n ? numZeros : j * step);
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const r = j / n; // scipy kaiser(2n + 1)[n:]: I0(beta·sqrt(1 - (j/n)²)) / I0(beta)
    const taper = kaiserTaper(beta, r, i0Beta);
    win[j] = taper * (rolloff * sinc);
  }
  const table = { win, numTable };
  tables.set(key, table);
  return table;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Weights of one wing at fractional position `frac`, as resampy's loop forms them. */
function wing(win: Float64Array, scaleWin: number, numTable: number, indexStep: number, frac: number): Float64Array {
  const indexFrac = frac * numTable;
  const offset = Math.floor(indexFrac);
  const eta = indexFrac - offset;
  const nwin = win.length;
  const count = Math.max(0, Math.floor((nwin - offset) / indexStep));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const idx = offset + i * indexStep;
    // delta = diff(win, append=win[-1]): zero past the last entry.
    const delta = idx + 1 < nwin ? win[idx + 1] - win[idx] : 0;
    out[i] = scaleWin * win[idx] + eta * (scaleWin * delta);
  }
  return out;
}

/**
 * Resamples like librosa.resample(y, orig_sr, target_sr, res_type='kaiser_best') in librosa 0.9.2
 * (integer sample rates). Accumulates in float64; librosa's float32 accumulation differs by ~1e-7.
 */
export function resampleKaiserBest(x: Float32Array, srOrig: number, srNew: number): Float32Array {
  const target = Math.ceil(x.length * (srNew / srOrig)); // librosa: int(np.ceil(n * ratio))
  return resampleWindowedSinc(x, srOrig, srNew, KAISER_BEST, target);
}

/**
 * resampy.resample(x, sr_orig, sr_new, filter) for integer rates: floor(n · sr_new / sr_orig)
 * samples, or `length` (zero-padded or cut, as librosa's fix_length) when given.
 */
export function resampleWindowedSinc(x: Float32Array, srOrig: number, srNew: number, filter: SincFilter, length?: number): Float32Array {
  if (!Number.isInteger(srOrig) || !Number.isInteger(srNew) || srOrig <= 0 || srNew <= 0) {
    throw new RangeError(`resample: sample rates must be positive integers, got ${srOrig} -> ${srNew}`);
  }
  const nOut = Math.floor((x.length * srNew) / srOrig); // resampy's own length
  const target = length ?? nOut;
  if (srOrig === srNew) return x.slice(0, target);
  if (nOut < 1) throw new RangeError(`resample: ${x.length} samples are too few to resample ${srOrig} -> ${srNew}`);
  const { win, numTable } = sincTable(filter);
  const ratio = srNew / srOrig;
  const scale = Math.min(1, ratio);
  const scaleWin = ratio < 1 ? ratio : 1; // resampy scales the table by the ratio when downsampling
  const indexStep = Math.floor(scale * numTable);
  const g = gcd(srNew, srOrig);
  const phases = srNew / g;
  const q = srOrig / g;
  // Output t sits at input position t·q/phases: n = floor, fraction = (t·q mod phases) / phases.
  // Per phase, both wings' weights are stored contiguously in one array (cache-friendly).
  const wings: Float64Array[] = [];
  let total = 0;
  for (let r = 0; r < phases; r++) {
    const frac = scale * (((r * q) % phases) / phases);
    const l = wing(win, scaleWin, numTable, indexStep, frac);
    const rr = wing(win, scaleWin, numTable, indexStep, scale - frac);
    wings.push(l, rr);
    total += l.length + rr.length;
  }
  const weights = new Float64Array(total);
  const leftAt = new Int32Array(phases);
  const leftLen = new Int32Array(phases);
  const rightLen = new Int32Array(phases);
  for (let r = 0, o = 0; r < phases; r++) {
    leftAt[r] = o;
    leftLen[r] = wings[2 * r].length;
    rightLen[r] = wings[2 * r + 1].length;
    weights.set(wings[2 * r], o);
    weights.set(wings[2 * r + 1], o + leftLen[r]);
    o += leftLen[r] + rightLen[r];
  }
  const y = new Float32Array(target);
  const nOrig = x.length;
  const last = Math.min(nOut, target);
  for (let t = 0, r = 0; t < last; t++, r = r + 1 === phases ? 0 : r + 1) {
    const n = Math.floor((t * q) / phases);
    const iMax = Math.min(n + 1, leftLen[r]);
    const kMax = Math.min(nOrig - n - 1, rightLen[r]);
    const wl = leftAt[r];
    const wr = wl + leftLen[r];
    // Four partial sums keep the multiply-adds independent.
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let i = 0;
    for (; i + 1 < iMax; i += 2) {
      a0 += weights[wl + i] * x[n - i];
      a1 += weights[wl + i + 1] * x[n - i - 1];
    }
    if (i < iMax) a0 += weights[wl + i] * x[n - i];
    let k = 0;
    for (; k + 1 < kMax; k += 2) {
      a2 += weights[wr + k] * x[n + 1 + k];
      a3 += weights[wr + k + 1] * x[n + 2 + k];
    }
    if (k < kMax) a2 += weights[wr + k] * x[n + 1 + k];
    y[t] = a0 + a1 + (a2 + a3);
  }
  return y; // samples nOut .. target - 1 stay zero (fix_length pads)
}
