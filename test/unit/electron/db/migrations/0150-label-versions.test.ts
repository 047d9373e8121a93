import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW } from './migration-test-helpers';

describe('migration 0150 label versions', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('gives every label a version, 1 for the labels already there, never below 1', () => {
    const at = databaseAt(100);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO labels (id, recording_id, channel, start_s, end_s, emotion, reviewer, created_at, updated_at) VALUES (3, ?, 0, 0, 1, 'sad', 'ann', ?, ?)`).run(id, NOW, NOW);
    migrate(at.db, undefined, 150);
    expect(columns(at.db, 'labels')).toContain('version');
    expect(at.db.prepare('SELECT id, version FROM labels').all()).toEqual([{ id: 3, version: 1 }]);
    expect(() => at.db.prepare('UPDATE labels SET version = 0 WHERE id = 3').run()).toThrow(/CHECK/);
  });
});
