import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW } from './migration-test-helpers';

describe('migration 0090 review counts', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds labels.kind and classifies stored confirmations of the model as agreements', () => {
    const at = databaseAt(50);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO model_versions (version, created_at, source) VALUES ('m1', ?, 'shipped')`).run(NOW);
    const regionId = at.db
      .prepare(`INSERT INTO model_regions (recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version) VALUES (?, 0, 1, 2, 'sad', 0.5, '{}', 'm1')`)
      .run(id).lastInsertRowid;
    const insert = at.db.prepare(
      `INSERT INTO labels (recording_id, channel, start_s, end_s, emotion, reviewer, created_at, updated_at, replaces_region_id) VALUES (?, 0, ?, ?, ?, 'ann', ?, ?, ?)`,
    );
    insert.run(id, 1, 2, 'sad', NOW, NOW, regionId); // the model's own label: agreement
    insert.run(id, 1, 2, 'angry', NOW, NOW, regionId); // relabelled
    insert.run(id, 1, 1.5, 'sad', NOW, NOW, regionId); // moved edge
    insert.run(id, 1, 2, 'sad', NOW, NOW, null); // drawn, names nothing

    migrate(at.db, undefined, 90);
    expect(columns(at.db, 'labels')).toContain('kind');
    expect(columns(at.db, 'jobs')).toContain('files_already');
    expect((at.db.prepare('SELECT kind FROM labels ORDER BY id').all() as Array<{ kind: string }>).map((r) => r.kind)).toEqual([
      'agreement', 'correction', 'correction', 'correction',
    ]);
    expect(() => at.db.prepare(`UPDATE labels SET kind = 'maybe'`).run()).toThrow(/CHECK/);
  });
});
