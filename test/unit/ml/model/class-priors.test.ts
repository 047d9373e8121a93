import { describe, expect, it } from 'vitest';
import { adjustPosterior, estimatePriors, priorWeights } from '../../../../ml/model/class-priors';
import { mulberry32 } from '../../../../ml/train/random';

/** Draws from 7 one-dimensional Gaussian classes with `priors`; posteriors by Bayes under uniform priors (what a balanced-trained classifier gives). */
function synthetic(priors: number[], n: number, seed: number): { posteriors: Float32Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const means = priors.map((_, k) => 1.5 * k);
  const posteriors: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    let u = random();
    let label = 0;
    while (label < priors.length - 1 && u > priors[label]) u -= priors[label++];
    const x = means[label] + gauss();
    const likelihood = means.map((m) => Math.exp(-0.5 * (x - m) ** 2));
    const sum = likelihood.reduce((s, v) => s + v, 0);
    posteriors.push(Float32Array.from(likelihood, (v) => v / sum));
    labels.push(label);
  }
  return { posteriors, labels };
}

const argmax = (p: ArrayLike<number>): number => Array.from(p).reduce((best, v, i, a) => (v > a[best] ? i : best), 0);

describe('EM class priors (Saerens et al. 2002)', () => {
  const mostlyNeutral = [0.04, 0.03, 0.03, 0.08, 0.7, 0.07, 0.05];

  it('recovers known priors from unlabelled posteriors', () => {
    const { posteriors } = synthetic(mostlyNeutral, 20_000, 1);
    const naive = Array.from({ length: 7 }, (_, k) => posteriors.reduce((s, p) => s + p[k], 0) / posteriors.length);
    const estimate = estimatePriors(posteriors);
    expect(estimate.converged).toBe(true);
    estimate.priors.forEach((p, k) => expect(Math.abs(p - mostlyNeutral[k])).toBeLessThan(0.02));
    // The mean posterior alone is pulled towards the training priors: EM is what recovers them.
    expect(Math.abs(naive[4] - 0.7)).toBeGreaterThan(0.05);
    expect(estimate.priors.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
  });

  it('recovers uniform priors when the data are balanced, and weights count as repeated rows', () => {
    const { posteriors } = synthetic(new Array<number>(7).fill(1 / 7), 10_000, 2);
    estimatePriors(posteriors).priors.forEach((p) => expect(Math.abs(p - 1 / 7)).toBeLessThan(0.02));
    const few = posteriors.slice(0, 50);
    const doubled = estimatePriors([...few, ...few]).priors;
    estimatePriors(few, { weights: new Array<number>(50).fill(2) }).priors.forEach((p, k) => expect(p).toBeCloseTo(doubled[k], 6));
  });

  it('corrects posteriors: accuracy rises on the shifted data, and smoothing keeps an unseen class alive', () => {
    const { posteriors, labels } = synthetic(mostlyNeutral, 5_000, 3);
    const estimate = estimatePriors(posteriors);
    const uniform = new Array<number>(7).fill(1 / 7);
    const correct = (ps: readonly ArrayLike<number>[]): number => ps.filter((p, i) => argmax(p) === labels[i]).length / ps.length;
    const adjusted = posteriors.map((p) => adjustPosterior(p, uniform, estimate.priors));
    expect(correct(adjusted)).toBeGreaterThan(correct(posteriors) + 0.1);
    const weights = priorWeights(estimate.priors);
    expect(Math.max(...weights)).toBe(1);
    expect(weights.indexOf(1)).toBe(4);
    const noSad = synthetic([0.1, 0.1, 0.1, 0.1, 0.6, 0, 0], 2_000, 4).posteriors;
    expect(Math.min(...estimatePriors(noSad, { smoothing: 0.05 }).priors)).toBeGreaterThan(0.005);
  });
});
