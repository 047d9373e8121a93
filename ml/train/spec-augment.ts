/**
 * SpecAugment (Park et al. 2019) on a sequence input of [steps × groups·channels]: time masks zero
 * whole steps, frequency masks zero coefficients — the same coefficients in every group (absolute
 * and party-relative halves), so the two descriptions of a frame stay consistent. Zero is the mean
 * of a z-scored input.
 */
export interface SpecAugmentOptions {
  timeMasks: number;
  /** Longest time mask, in steps. */
  maxTime: number;
  freqMasks: number;
  /** Widest frequency mask, in coefficients. */
  maxFreq: number;
}

export const SPEC_AUGMENT: SpecAugmentOptions = { timeMasks: 2, maxTime: 8, freqMasks: 2, maxFreq: 6 };

export interface MaskSpan {
  start: number;
  width: number;
}

/** Draws masks inside [0, size): width 0..max (clamped to size), start so that the mask fits. */
export function drawMasks(count: number, max: number, size: number, random: () => number): MaskSpan[] {
  const out: MaskSpan[] = [];
  for (let i = 0; i < count; i++) {
    const width = Math.min(size, Math.floor(random() * (max + 1)));
    out.push({ start: Math.floor(random() * (size - width + 1)), width });
  }
  return out;
}

/** Masks `x` in place ([steps × groups·channels], time-major); returns the masks drawn. */
export function specAugment(x: Float32Array, shape: { steps: number; channels: number; groups: number }, o: SpecAugmentOptions,
  random: () => number): { time: MaskSpan[]; freq: MaskSpan[] } {
  const { steps, channels, groups } = shape;
  const width = channels * groups;
  const time = drawMasks(o.timeMasks, o.maxTime, steps, random);
  const freq = drawMasks(o.freqMasks, o.maxFreq, channels, random);
  for (const m of time) x.fill(0, m.start * width, (m.start + m.width) * width);
  for (const m of freq) {
    for (let s = 0; s < steps; s++) {
      for (let g = 0; g < groups; g++) {
        const at = s * width + g * channels + m.start;
        x.fill(0, at, at + m.width);
      }
    }
  }
  return { time, freq };
}
