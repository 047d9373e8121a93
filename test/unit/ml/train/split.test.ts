import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import type { Variant } from '../../../../ml/train/augment';
import type { Sample } from '../../../../ml/train/dataset';
import type { Utterance } from '../../../../ml/train/manifest';
import { parseManifest } from '../../../../ml/train/manifest';
import { foldRows } from '../../../../ml/train/protocol';
import { partition, randomSplit, speakerFolds } from '../../../../ml/train/split';

function corpus(): Utterance[] {
  const items: Utterance[] = [];
  const push = (corpus: string, speaker: string, gender: 'male' | 'female', n: number): void => {
    for (let i = 0; i < n; i++) {
      const emotion = EMOTIONS[i % EMOTIONS.length];
      items.push({ id: `${speaker}/${i}`, absPath: `/x/${speaker}/${i}.flac`, corpus, speaker, gender, emotion, label: EMOTIONS.indexOf(emotion), durationS: 3 });
    }
  };
  for (let a = 1; a <= 20; a++) push('ravdess', `A${String(a).padStart(2, '0')}`, a % 2 ? 'male' : 'female', 14);
  push('tess', 'OAF', 'female', 14);
  push('tess', 'YAF', 'female', 14);
  return items;
}

describe('speaker split', () => {
  const items = corpus();
  const folds = speakerFolds(items);

  it('makes 5 RAVDESS folds of 4 actors (2 male, 2 female) and 2 TESS folds', () => {
    const ravdess = folds.filter((f) => f.group === 'ravdess');
    expect(ravdess).toHaveLength(5);
    for (const f of ravdess) {
      expect(f.testSpeakers).toHaveLength(4);
      const genders = f.testSpeakers.map((s) => items.find((u) => u.speaker === s)?.gender);
      expect(genders.filter((g) => g === 'male')).toHaveLength(2);
      expect(f.trainSpeakers).toContain('OAF');
      expect(f.trainSpeakers).toContain('YAF');
    }
    expect(new Set(ravdess.flatMap((f) => f.testSpeakers)).size).toBe(20);
    expect(folds.filter((f) => f.group === 'tess').map((f) => f.testSpeakers)).toEqual([['OAF'], ['YAF']]);
  });

  it('never shares a speaker between train and test', () => {
    for (const f of folds) {
      const { train, test } = partition(items, f);
      const trainSpeakers = new Set(train.map((u) => u.speaker));
      expect(test.length).toBeGreaterThan(0);
      expect(test.some((u) => trainSpeakers.has(u.speaker))).toBe(false);
      expect(train.length + test.length).toBe(items.length);
    }
  });

  it('augments after the split: test speakers only ever get clean and telephone copies', () => {
    const requested: Array<{ speaker: string; variant: Variant }> = [];
    const source = (item: Utterance, variant: Variant): Sample => {
      requested.push({ speaker: item.speaker, variant });
      return { item, variant, pooled: new Float32Array(1), study: new Float32Array(1), seq: new Float32Array(40), seqLen: 1 };
    };
    for (const fold of folds) {
      requested.length = 0;
      const rows = foldRows(items, fold, source);
      const test = new Set(fold.testSpeakers);
      const augmentedTest = requested.filter((r) => test.has(r.speaker) && r.variant.startsWith('aug'));
      expect(augmentedTest).toEqual([]);
      expect(rows.train.some((s) => s.variant.startsWith('aug'))).toBe(true);
      expect(rows.train.every((s) => !test.has(s.item.speaker))).toBe(true);
      expect(rows.test.wide.every((s) => s.variant === 'clean' && test.has(s.item.speaker))).toBe(true);
      expect(rows.test.tel.every((s) => s.variant === 'tel')).toBe(true);
    }
  });

  it('random split is seeded and disjoint', () => {
    const a = randomSplit(items, 3);
    const b = randomSplit(items, 3);
    expect(a.test.map((u) => u.id)).toEqual(b.test.map((u) => u.id));
    expect(a.test.length).toBe(Math.round(items.length * 0.2));
    const ids = new Set(a.train.map((u) => u.id));
    expect(a.test.some((u) => ids.has(u.id))).toBe(false);
  });
});

describe('manifest', () => {
  it('parses and validates rows', () => {
    const csv = 'path,corpus,speaker,gender,label,emotion,duration_s\nravdess/a.flac,ravdess,A01,male,calm,neutral,3.3\n';
    const [u] = parseManifest(csv, '/data');
    expect(u).toMatchObject({ absPath: '/data/ravdess/a.flac', emotion: 'neutral', label: 4, durationS: 3.3 });
    expect(() => parseManifest(csv.replace('neutral,3.3', 'bored,3.3'), '/data')).toThrow(/row 2/);
  });
});
