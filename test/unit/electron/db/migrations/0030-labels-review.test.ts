import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0030 labels and review', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds labels, reviews and the audit log on top of 0020 data', () => {
    const at = databaseAt(20);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO parties (recording_id, channel, role, talk_time_s) VALUES (?, 0, 'agent', 3)`).run(id);
    migrate(at.db, undefined, 30);
    expect(tables(at.db)).toEqual(expect.arrayContaining(['labels', 'reviews', 'audit_log']));
    expect(at.db.prepare('SELECT talk_time_s FROM parties').get()).toEqual({ talk_time_s: 3 });
  });

  it('keeps a label when the prediction it replaced is removed, and refuses empty spans', () => {
    const at = databaseAt(30);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO model_versions (version, created_at, source) VALUES ('m1', ?, 'shipped')`).run(NOW);
    const regionId = at.db
      .prepare(`INSERT INTO model_regions (recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version) VALUES (?, 0, 0, 1, 'sad', 0.5, '{}', 'm1')`)
      .run(id).lastInsertRowid;
    const insertLabel = at.db.prepare(
      `INSERT INTO labels (recording_id, channel, start_s, end_s, emotion, reviewer, created_at, updated_at, replaces_region_id) VALUES (?, 0, ?, ?, 'angry', 'ann', ?, ?, ?)`,
    );
    insertLabel.run(id, 0, 1, NOW, NOW, regionId);
    expect(() => insertLabel.run(id, 1, 1, NOW, NOW, null)).toThrow(/CHECK/);
    at.db.prepare('DELETE FROM model_regions').run();
    expect(at.db.prepare('SELECT emotion, replaces_region_id FROM labels').get()).toEqual({ emotion: 'angry', replaces_region_id: null });
  });
});
