import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { decodeBank, encodeBank, readFeatureBank, writeFeatureBank, type BankInfo, type BaseRow } from '../../../../ml/retrain/feature-bank';
import { makeTempDir } from '../../../helpers/fixtures';

const DIM = 6;
const info: BankInfo = {
  pooling: 'stats-v1', featureSpec: 'test', dim: DIM, classes: [...EMOTIONS],
  speakers: [{ id: 'A01', corpus: 'ravdess', gender: 'male' }, { id: 'A02', corpus: 'ravdess', gender: 'female' }],
  validationSpeakers: ['A02'], validationSeenByShipped: true, excludedSpeakers: ['A03'], source: 'test rows', createdAt: '2026-01-01T00:00:00.000Z',
};

function rows(): BaseRow[] {
  return Array.from({ length: 40 }, (_, i) => ({
    // Mixed scales (dB-like, Hz/1000-like, a constant column) as pooled vectors have.
    pooled: Float32Array.from([-60 + i, 0.001 * i, 3.5, Math.sin(i) * 200, i % 7, -i / 3]),
    label: i % EMOTIONS.length,
    speaker: i < 20 ? 'A01' : 'A02',
    variant: i % 2 ? 'tel' : 'clean',
  }));
}

describe('feature bank', () => {
  const temp = makeTempDir('emoqa-bank-');
  afterAll(() => temp.cleanup());

  it('round-trips rows within the 16-bit quantisation step of each dimension', () => {
    const original = rows();
    const { header, rows: decoded } = decodeBank(encodeBank(original, info));
    expect(header).toMatchObject({ format: 1, rows: 40, dim: DIM, validationSpeakers: ['A02'], excludedSpeakers: ['A03'] });
    expect(header.groups).toEqual(['A01|clean', 'A01|tel', 'A02|clean', 'A02|tel']);
    decoded.forEach((row, i) => {
      expect(row).toMatchObject({ label: original[i].label, speaker: original[i].speaker, variant: original[i].variant });
      for (let d = 0; d < DIM; d++) {
        const range = Math.max(...original.map((r) => r.pooled[d])) - Math.min(...original.map((r) => r.pooled[d]));
        expect(Math.abs(row.pooled[d] - original[i].pooled[d])).toBeLessThanOrEqual(range / 65535 + 1e-4 * Math.abs(original[i].pooled[d]) + 1e-6);
      }
    });
  });

  it('is a quarter of float32 plus its header, and refuses what is not a bank', async () => {
    const file = join(temp.dir, 'bank.bin');
    await writeFeatureBank(file, rows(), info);
    expect((await readFeatureBank(file)).rows).toHaveLength(40);
    const encoded = encodeBank(rows(), info);
    expect(encoded.length).toBeLessThan(40 * DIM * 2 + 40 * 3 + 8 * DIM + 2000);
    expect(() => decodeBank(Buffer.from('nope, not a bank'))).toThrow(/not an emoqa feature bank/);
    expect(() => decodeBank(encoded.subarray(0, encoded.length - 10))).toThrow(/truncated/);
    await expect(readFeatureBank(join(temp.dir, 'missing.bin'))).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});

describe('base data', () => {
  const temp = makeTempDir('emoqa-base-');
  afterAll(() => temp.cleanup());

  it('splits the bank by speaker into training rows and the validation set, and refuses a bank of other features', async () => {
    const { loadBaseData } = await import('../../../../ml/retrain/base-data');
    const { FEATURE_SPEC } = await import('../../../../ml/dsp');
    const { POOLED_DIM, POOLING_VERSION } = await import('../../../../ml/model/pooling');
    const wide = rows().map((r) => ({ ...r, pooled: new Float32Array(POOLED_DIM).fill(r.label) }));
    const current = join(temp.dir, 'current.bin');
    await writeFeatureBank(current, wide, { ...info, dim: POOLED_DIM, pooling: POOLING_VERSION, featureSpec: FEATURE_SPEC.version });
    const base = await loadBaseData(current, { datasets: null });
    expect(base.source).toBe('bank');
    expect(new Set(base.train.map((r) => r.speaker))).toEqual(new Set(['A01']));
    expect(base.validation).toHaveLength(20);
    const stale = join(temp.dir, 'stale.bin');
    await writeFeatureBank(stale, wide, { ...info, dim: POOLED_DIM, pooling: 'stats-v0', featureSpec: FEATURE_SPEC.version });
    await expect(loadBaseData(stale, { datasets: null })).rejects.toThrow(/rebuild it/);
  });
});
