/**
 * Which regions a reviewer should correct to teach the model most, in order. The most uncertain
 * regions alone come from a few calls and one or two confusions (near-duplicates): each pick here
 * is the most uncertain region after discounting those from a call party and a predicted emotion
 * already picked, so picks spread across calls, parties and classes while staying uncertain.
 */
import { regionUncertainty, type UncertaintyInput } from './uncertainty';

export interface PickCandidate extends UncertaintyInput {
  /** The party lane it lies on (e.g. `${recordingId}|${channel}`). */
  group: string;
  /** The emotion the model predicted. */
  emotion: string;
}

export interface SpreadOptions {
  /** Each earlier pick from the same party multiplies a region's score by this. */
  groupDiscount?: number;
  /** Each earlier pick of the same predicted emotion multiplies it by this. */
  labelDiscount?: number;
}

export function spreadPicks<T extends PickCandidate>(candidates: readonly T[], n: number, options: SpreadOptions = {}): T[] {
  const groupDiscount = options.groupDiscount ?? 0.5;
  const labelDiscount = options.labelDiscount ?? 0.8;
  const left = [...candidates];
  const byGroup = new Map<string, number>();
  const byLabel = new Map<string, number>();
  const picked: T[] = [];
  while (picked.length < n && left.length) {
    let best = 0;
    let bestScore = -Infinity;
    left.forEach((c, i) => {
      // A small floor keeps fully confident regions orderable by spread alone.
      const score = (regionUncertainty(c) + 1e-3) * groupDiscount ** (byGroup.get(c.group) ?? 0) * labelDiscount ** (byLabel.get(c.emotion) ?? 0);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    const [chosen] = left.splice(best, 1);
    picked.push(chosen);
    byGroup.set(chosen.group, (byGroup.get(chosen.group) ?? 0) + 1);
    byLabel.set(chosen.emotion, (byLabel.get(chosen.emotion) ?? 0) + 1);
  }
  return picked;
}
