import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { defaultModelDir } from '../../../../ml/model';
import { modelMetadataSchema } from '../../../../ml/model/metadata';
import { conditionTable, type TestRecord } from '../../../../ml/train/party-protocol';
import { figureDifferences, figuresOf } from '../../../../ml/train/party-ship';

const K = EMOTIONS.length;
const onehot = (k: number, p = 0.9): Float32Array => Float32Array.from(EMOTIONS, (_, j) => (j === k ? p : (1 - p) / (K - 1)));

describe('party figures carry confusion matrices', () => {
  it('counts the decided predictions: rows true class, columns predicted', () => {
    const records: TestRecord[] = [
      { truth: 0, probabilities: onehot(0), condition: 'single', corpus: 'ravdess', variant: 'clean' },
      { truth: 0, probabilities: onehot(3), condition: 'single', corpus: 'ravdess', variant: 'clean' },
      { truth: 4, probabilities: onehot(4), condition: 'single', corpus: 'ravdess', variant: 'clean' },
    ];
    const figures = figuresOf([{ split: 'validation folds', rows: conditionTable(records, null) }]);
    const f = figures['validation folds | single | wideband'];
    expect(f.n).toBe(3);
    expect(f.confusion).toHaveLength(K);
    expect(f.confusion?.[0][0]).toBe(1);
    expect(f.confusion?.[0][3]).toBe(1);
    expect(f.confusion?.[4][4]).toBe(1);
    expect(f.confusion?.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(figureDifferences(figures, figures)).toEqual([]);
    expect(figureDifferences(figures, { x: { n: 1 } })).toHaveLength(2);
  });

  it('the shipped model has a 7×7 count matrix per validation-fold figure, its rows summing to n and its diagonal to the accuracy', async () => {
    const metadata = modelMetadataSchema.parse(JSON.parse(await fs.readFile(path.join(defaultModelDir(), 'metadata.json'), 'utf8')));
    expect(metadata.classes).toEqual([...EMOTIONS]);
    const validation = Object.entries(metadata.figures ?? {}).filter(([key]) => key.startsWith('validation folds'));
    expect(validation.length).toBeGreaterThanOrEqual(40);
    for (const [key, f] of validation) {
      const m = f.confusion;
      expect(m, key).toBeDefined();
      if (!m) continue;
      expect(m.map((row) => row.length), key).toEqual(EMOTIONS.map(() => K));
      const total = m.flat().reduce((a, b) => a + b, 0);
      expect(total, key).toBe(f.n);
      const correct = m.reduce((s, row, i) => s + row[i], 0);
      expect(correct / total, key).toBeCloseTo(f.accuracy, 9);
      const N = EMOTIONS.indexOf('neutral');
      const neutralRow = m[N].reduce((a, b) => a + b, 0);
      if (f.neutralRecall !== undefined) expect(m[N][N] / neutralRow, key).toBeCloseTo(f.neutralRecall, 9);
    }
  });
});

describe('what trained the shipped model', () => {
  it('names the new party head once and carries the plain/adapted heads\' data over, however often a head ships', async () => {
    const { partyTrainingData } = await import('../../../../ml/train/party-ship');
    const first = partyTrainingData('clips', 'RAVDESS A01-A20');
    const second = partyTrainingData('clips + call windows', first);
    expect(second).toBe(partyTrainingData('clips + call windows', 'RAVDESS A01-A20'));
    expect(second.match(/party head:/g)).toHaveLength(1);
    expect(second.endsWith('Plain/adapted heads: RAVDESS A01-A20')).toBe(true);
  });
});

describe('call figures in the metadata', () => {
  it('are added beside what is there, and a new one replaces the old one of its name', async () => {
    const { recordCallFigures } = await import('../../../../ml/train/party-ship');
    const { callFigure } = await import('../../../../ml/train/call-scores');
    const { makeTempDir } = await import('../../../helpers/fixtures');
    const temp = makeTempDir('emoqa-call-figures-');
    try {
      const source = await fs.readFile(path.join(defaultModelDir(), 'metadata.json'), 'utf8');
      await fs.writeFile(path.join(temp.dir, 'metadata.json'), source);
      const frames = { frames: [{ truth: 4, predicted: 4, confidence: 0.8, uncertain: false, covered: true }, { truth: 0, predicted: -1, confidence: 0, uncertain: false, covered: false }], total: 2 };
      await recordCallFigures(temp.dir, { 'realistic calls | test': callFigure([frames], 1, [0.25]) });
      await recordCallFigures(temp.dir, { 'mixed calls | test': callFigure([frames], 1, [0.5]) });
      const meta = modelMetadataSchema.parse(JSON.parse(await fs.readFile(path.join(temp.dir, 'metadata.json'), 'utf8')));
      expect(meta.callFigures?.['realistic calls | test']).toMatchObject({ calls: 1, frames: 2, accuracy: 0.5, coverage: 0.5, negativeShareError: 0.25 });
      expect(meta.callFigures?.['mixed calls | test']?.negativeShareError).toBe(0.5);
      // Nothing called emotional: no precision to give, kept as null rather than NaN.
      expect(meta.callFigures?.['realistic calls | test']?.notNeutralPrecision).toBeNull();
      expect(meta.decision).toEqual(modelMetadataSchema.parse(JSON.parse(source)).decision);
    } finally {
      temp.cleanup();
    }
  });
});
