/**
 * Said before anything is trained: what the labels in the store allow, what is missing and why,
 * and how the new version will be judged. The figures are estimated from the labels' lengths with
 * the same window plan as the feature pass (speech the VAD drops inside a label can make fewer).
 */
import type { RetrainReadiness } from '../../shared/contract';
import type { Emotion } from '../../shared/domain';
import type { RetrainConfig } from '../../../ml/retrain/protocol';
import { planWindows } from '../../../ml/segment/windows';
import type { CorrectionSet } from './corrections';

/** Below this many corrected calls the bootstrap over calls can hardly be sure of a gain. */
const FEW_CALLS = 4;

export function retrainReadiness(set: CorrectionSet, config: Pick<RetrainConfig, 'folds' | 'minTrainWindows' | 'minProbabilityBetter'>): RetrainReadiness {
  const calls = new Set(set.parties.map((p) => p.recordingId)).size;
  const spans = set.parties.flatMap((p) => p.spans);
  const windows = spans.reduce((n, s) => n + planWindows(s).length, 0);
  const classes: Partial<Record<Emotion, number>> = {};
  for (const s of spans) classes[s.emotion] = (classes[s.emotion] ?? 0) + 1;
  const needs: string[] = [];
  const ready = calls >= 2 && windows >= config.minTrainWindows;
  if (calls < 2) {
    needs.push(`labels on at least 2 calls (there are ${calls}): every corrected call is judged by a version trained without it, so a second call is needed to train that version`);
  }
  if (windows < config.minTrainWindows) {
    needs.push(`at least ${config.minTrainWindows} correction windows (about ${Math.ceil(config.minTrainWindows * 1.5)} s of labelled speech; there are about ${windows}): fewer cannot move the model or measure it`);
  }
  // Unusable labels matter when they are why it is not ready.
  if (!ready) for (const skipped of set.skipped.slice(0, 3)) needs.push(`skipped: ${skipped}`);
  const folds = Math.min(config.folds, calls);
  const method = calls <= config.folds ? `leaving each of the ${calls} corrected calls out in turn` : `${folds} folds of the ${calls} corrected calls (by call)`;
  const caution = calls >= 2 && calls < FEW_CALLS
    ? ` With ${calls} calls the gain is uncertain: it must be better in ${Math.round(100 * config.minProbabilityBetter)}% of resamples of the calls, so correct ${FEW_CALLS} or more calls for a firmer judgement.`
    : '';
  return {
    ready,
    calls, labels: set.labels, windows, classes,
    needs,
    plan: `Judged by ${method}, every held-out window pooled, against the current model; then trained on all ${set.labels} labels.${caution}`,
  };
}
