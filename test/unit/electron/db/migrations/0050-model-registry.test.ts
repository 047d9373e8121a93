import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW } from './migration-test-helpers';

describe('migration 0050 model registry', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('keeps every label (ids, links, soft deletes) and marks the active version as activated', () => {
    const at = databaseAt(40);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO model_versions (version, created_at, active, source) VALUES ('v1', ?, 1, 'shipped'), ('v0', ?, 0, 'shipped')`).run(NOW, NOW);
    at.db.prepare(`INSERT INTO model_regions (id, recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version)
      VALUES (7, ?, 0, 0, 1, 'sad', 0.5, '{}', 'v1')`).run(id);
    const label = at.db.prepare(`INSERT INTO labels (id, recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at, replaces_region_id, deleted)
      VALUES (?, ?, 0, ?, ?, 'angry', 'ann', ?, ?, ?, ?, ?)`);
    label.run(3, id, 0, 1, 'ui', NOW, NOW, 7, 0);
    label.run(9, id, 2, 3, 'audacity', NOW, NOW, null, 1);
    migrate(at.db, undefined, 50);

    expect(columns(at.db, 'model_versions')).toEqual(expect.arrayContaining(['activated_at', 'report']));
    expect(at.db.prepare('SELECT version, activated_at FROM model_versions ORDER BY version').all()).toEqual([
      { version: 'v0', activated_at: null },
      { version: 'v1', activated_at: NOW },
    ]);
    expect(at.db.prepare('SELECT id, source, replaces_region_id, deleted FROM labels ORDER BY id').all()).toEqual([
      { id: 3, source: 'ui', replaces_region_id: 7, deleted: 0 },
      { id: 9, source: 'audacity', replaces_region_id: null, deleted: 1 },
    ]);
    expect(at.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'labels'`).all()).toEqual([{ name: 'labels_recording' }]);
  });

  it('accepts csv labels, still refuses unknown sources, and keeps the foreign keys', () => {
    const at = databaseAt(50);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    const insert = at.db.prepare(`INSERT INTO labels (recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at)
      VALUES (?, 0, 0, 1, 'sad', 'ann', ?, ?, ?)`);
    insert.run(id, 'csv', NOW, NOW);
    expect(() => insert.run(id, 'fax', NOW, NOW)).toThrow(/CHECK/);
    expect(() => insert.run('missing', 'ui', NOW, NOW)).toThrow(/FOREIGN KEY/);
    at.db.prepare('DELETE FROM recordings').run();
    expect(at.db.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 0 });
    expect(at.db.pragma('foreign_key_check')).toEqual([]);
  });
});
