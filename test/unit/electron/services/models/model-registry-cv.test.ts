import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../../../../electron/services/models/model-registry';
import { libraryDb } from '../../../../../electron/db/library-database';
import { writeStubModel } from '../analysis/stub-model';
import { tempDatabase } from '../store-helpers';

describe('model registry: the shipped model’s cross-validation', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());

  it('lists the confusion matrices its cross-validation recorded, one per condition', async () => {
    const shipped = await writeStubModel(join(store.dir, 'shipped'));
    const file = join(shipped, 'metadata.json');
    const metadata = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, unknown> };
    const confusion = Array.from({ length: 7 }, (_, i) => Array.from({ length: 7 }, (_, j) => (i === j ? 8 : 1)));
    metadata.metrics = {
      'speaker-cv/ravdess/telephone': { n: 98, accuracy: 0.57, macroF1: 0.55, recall: {}, confusion },
      'speaker-cv/tess/wideband': { n: 10, accuracy: 0.6, macroF1: 0.6, recall: {} },
    };
    writeFileSync(file, JSON.stringify(metadata));
    const registry = new ModelRegistry(libraryDb(store.db), { databasePath: store.path, shippedDir: shipped });
    await registry.shippedVersion();
    const [info] = await registry.list();
    // Only the condition that kept its matrix (older models kept none: the page says so).
    expect(info.crossValidation).toEqual([{ condition: 'speaker-cv/ravdess/telephone', n: 98, accuracy: 0.57, confusion }]);
  });

  it('shows the party head’s matrices of the shipped model: validation folds over all corpora, then the held-out voices', async () => {
    const registry = new ModelRegistry(libraryDb(store.db), { databasePath: store.path });
    await registry.shippedVersion();
    const [info] = await registry.list();
    const conditions = info.crossValidation.map((run) => run.condition);
    expect(conditions.length).toBeGreaterThanOrEqual(20);
    expect(conditions[0]).toMatch(/^validation folds \(3 folds by voice, all four corpora.* \| single \| wideband$/);
    expect(conditions.filter((c) => c.startsWith('HELD-OUT'))).toHaveLength(10);
    for (const run of info.crossValidation) {
      expect(run.confusion.flat().reduce((a, b) => a + b, 0)).toBe(run.n);
    }
  });
});
