/**
 * Class priors of unlabelled data by EM (Saerens, Latinne & Decaestecker 2002, "Adjusting the
 * outputs of a classifier to new a priori probabilities"): a classifier's posteriors were made
 * under its training priors; on a library whose base rates differ (a call centre is mostly
 * neutral) the priors that best explain its posteriors are found by alternating
 *   E: p'(k|x) ∝ p(k|x) · π'_k / π_k        M: π'_k = Σ_x w_x p'(k|x) / Σ_x w_x
 * No labels are needed. The corrected posteriors are the E step with the final priors.
 */

export interface PriorEstimateOptions {
  /** Priors the posteriors were made under (default: uniform). */
  trainingPriors?: ArrayLike<number>;
  /** Weight of each posterior (e.g. seconds of a region; default 1). */
  weights?: ArrayLike<number>;
  /**
   * Dirichlet pseudo-count per class towards the training priors (MAP EM): a class no window
   * supports keeps a little mass instead of collapsing to 0. Counted in units of total weight / K.
   */
  smoothing?: number;
  maxIterations?: number;
  /** Stop when no prior moves by more than this. */
  tolerance?: number;
}

export interface PriorEstimate {
  priors: number[];
  iterations: number;
  converged: boolean;
}

const uniform = (k: number): number[] => new Array<number>(k).fill(1 / k);

/** p(k|x) re-weighted from `from` priors to `to` priors, renormalised. */
export function adjustPosterior(p: ArrayLike<number>, from: ArrayLike<number>, to: ArrayLike<number>): Float32Array {
  const out = new Float32Array(p.length);
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    out[k] = (p[k] * to[k]) / Math.max(from[k], 1e-12);
    sum += out[k];
  }
  if (sum > 0) for (let k = 0; k < p.length; k++) out[k] /= sum;
  return out;
}

export function estimatePriors(posteriors: readonly ArrayLike<number>[], options: PriorEstimateOptions = {}): PriorEstimate {
  const k = posteriors[0]?.length ?? 0;
  const training = Array.from(options.trainingPriors ?? uniform(k));
  if (!posteriors.length) return { priors: training, iterations: 0, converged: true };
  const weights = options.weights;
  const totalWeight = posteriors.reduce((s, _, i) => s + (weights ? weights[i] : 1), 0);
  const alpha = ((options.smoothing ?? 0) * totalWeight) / k;
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.tolerance ?? 1e-5;
  let priors = [...training];
  const ratio = new Float64Array(k);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    for (let c = 0; c < k; c++) ratio[c] = priors[c] / Math.max(training[c], 1e-12);
    const mass = new Float64Array(k);
    posteriors.forEach((p, i) => {
      const w = weights ? weights[i] : 1;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[c] * ratio[c];
      if (sum > 0) for (let c = 0; c < k; c++) mass[c] += (w * p[c] * ratio[c]) / sum;
    });
    const next = Array.from(mass, (m, c) => (m + alpha * k * training[c]) / (totalWeight + alpha * k));
    const moved = Math.max(...next.map((v, c) => Math.abs(v - priors[c])));
    priors = next;
    if (moved < tolerance) return { priors, iterations: iteration, converged: true };
  }
  return { priors, iterations: maxIterations, converged: false };
}

/** Multiplicative weights that move posteriors from `training` priors to `priors`, largest 1 (the decision rule's classWeights). */
export function priorWeights(priors: ArrayLike<number>, training: ArrayLike<number> = uniform(priors.length)): number[] {
  const ratio = Array.from(priors, (p, c) => p / Math.max(training[c], 1e-12));
  const top = Math.max(...ratio);
  return ratio.map((r) => Math.max(r / top, 1e-6));
}
