import { describe, expect, it } from 'vitest';
import { idChunks, IDS_PER_STATEMENT } from '../../../../electron/db/id-chunks';

describe('idChunks', () => {
  it('cuts ids into runs of IDS_PER_STATEMENT in order, the last one shorter', () => {
    const ids = Array.from({ length: IDS_PER_STATEMENT * 2 + 3 }, (_, i) => `id${i}`);
    const chunks = idChunks(ids);
    expect(chunks.map((c) => c.length)).toEqual([IDS_PER_STATEMENT, IDS_PER_STATEMENT, 3]);
    expect(chunks.flat()).toEqual(ids);
  });

  it('gives no chunk for no ids', () => {
    expect(idChunks([])).toEqual([]);
  });
});
