import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CorrectionMemory } from '../../../../ml/model/correction-memory';
import { readMemory, writeMemory } from '../../../../ml/model/memory-file';
import { makeTempDir } from '../../../helpers/fixtures';

const memory: CorrectionMemory = {
  rule: { k: 5, space: 'relative', bandwidth: 0.8, maxWeight: 0.3, halfSupport: 0.3 },
  nClasses: 7, labels: [4, 0, 6], weights: [1, 0.5, 0.25],
  rows: [Float32Array.from([0.5, -1, 2, 3]), Float32Array.from([1e-3, 7, -2.5, 0]), Float32Array.from([9, 8, 7, 6])],
};

describe('correction memory in a model folder', () => {
  const temp = makeTempDir('emoqa-memory-');
  afterAll(() => temp.cleanup());

  it('round-trips rule, labels, recency weights and rows exactly', async () => {
    await writeMemory(temp.dir, 'memory.json', memory);
    const back = await readMemory(temp.dir, 'memory.json');
    expect(back.rule).toEqual(memory.rule);
    expect(back.labels).toEqual(memory.labels);
    expect(back.weights).toEqual(memory.weights);
    expect(back.nClasses).toBe(7);
    expect(back.rows.map((r) => Array.from(r))).toEqual(memory.rows.map((r) => Array.from(r)));
  });

  it('keeps the corrected parties\' voices, and reads a memory written before them without any', async () => {
    const voices = { centres: [Float32Array.from([0.25, -1]), Float32Array.from([3, 0.5])], ofRow: [0, 1, 0] };
    await writeMemory(temp.dir, 'voiced.json', { ...memory, voices });
    const back = await readMemory(temp.dir, 'voiced.json');
    expect(back.voices?.ofRow).toEqual(voices.ofRow);
    expect(back.voices?.centres.map((c) => Array.from(c))).toEqual(voices.centres.map((c) => Array.from(c)));
    expect((await readMemory(temp.dir, 'memory.json')).voices).toBeUndefined();
    // A row of a voice it does not hold, or a voice of the wrong size, is refused.
    await writeMemory(temp.dir, 'stray.json', { ...memory, voices: { ...voices, ofRow: [0, 2, 0] } });
    await expect(readMemory(temp.dir, 'stray.json')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    await writeMemory(temp.dir, 'wide.json', { ...memory, voices: { ...voices, centres: [Float32Array.from([1, 2, 3]), voices.centres[1]] } });
    await expect(readMemory(temp.dir, 'wide.json')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });

  it('refuses a memory whose rows do not match its labels, or that is missing', async () => {
    await writeMemory(temp.dir, 'cut.json', memory);
    await fs.truncate(path.join(temp.dir, 'cut.bin'), 16);
    await expect(readMemory(temp.dir, 'cut.json')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    await expect(readMemory(temp.dir, 'absent.json')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
