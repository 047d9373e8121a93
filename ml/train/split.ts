import type { Utterance } from './manifest';
import { mulberry32, shuffleInPlace } from './random';

/** One train/test partition by speaker: no speaker is ever on both sides. */
export interface SpeakerFold {
  name: string;
  /** `ravdess` folds make the headline figure; `tess` folds are reported on their own. */
  group: 'ravdess' | 'tess';
  trainSpeakers: string[];
  testSpeakers: string[];
}

/**
 * 5 folds of 4 RAVDESS actors (2 male, 2 female each: actors 2i+1, 2i+2, 2i+11, 2i+12), TESS always
 * in training; then TESS cross-speaker folds (train on RAVDESS + one TESS speaker, test on the other).
 */
export function speakerFolds(items: readonly Utterance[], options: { tess?: boolean } = {}): SpeakerFold[] {
  const speakers = [...new Set(items.map((u) => u.speaker))].sort();
  const ravdess = [...new Set(items.filter((u) => u.corpus === 'ravdess').map((u) => u.speaker))].sort();
  const tess = [...new Set(items.filter((u) => u.corpus === 'tess').map((u) => u.speaker))].sort();
  const folds: SpeakerFold[] = [];
  const nFolds = Math.min(5, Math.floor(ravdess.length / 2));
  for (let f = 0; f < nFolds; f++) {
    // Pair neighbours (odd = male, even = female) from both halves of the actor list.
    const half = Math.floor(ravdess.length / 2);
    const pick = (i: number): string[] => ravdess.slice(i, i + 2);
    const testSpeakers = [...pick(2 * f), ...(half >= 2 * nFolds ? pick(half + 2 * f) : [])].filter(Boolean);
    folds.push({ name: `ravdess-${f + 1}`, group: 'ravdess', testSpeakers, trainSpeakers: speakers.filter((s) => !testSpeakers.includes(s)) });
  }
  if (options.tess !== false) {
    for (const held of tess) {
      folds.push({ name: `tess-${held}`, group: 'tess', testSpeakers: [held], trainSpeakers: speakers.filter((s) => s !== held) });
    }
  }
  return folds;
}

export function partition<T extends { speaker: string }>(items: readonly T[], fold: SpeakerFold): { train: T[]; test: T[] } {
  const test = new Set(fold.testSpeakers);
  const train = new Set(fold.trainSpeakers);
  return { train: items.filter((u) => train.has(u.speaker)), test: items.filter((u) => test.has(u.speaker)) };
}

/** The study's split: 80/20 over rows, whoever spoke them (leaks speakers and, with augmented rows, files). */
export function randomSplit<T>(items: readonly T[], seed: number, testShare = 0.2): { train: T[]; test: T[] } {
  const shuffled = shuffleInPlace([...items], mulberry32(seed));
  const nTest = Math.round(shuffled.length * testShare);
  return { test: shuffled.slice(0, nTest), train: shuffled.slice(nTest) };
}
