import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0120 class priors', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds the class_priors table and the weights a party was decided with (NULL for the parties already there)', () => {
    const at = databaseAt(100);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO model_versions (version, created_at, active, source) VALUES ('v1', ?, 1, 'shipped')`).run(NOW);
    at.db.prepare(`INSERT INTO parties (recording_id, channel, role, talk_time_s) VALUES (?, 0, 'agent', 3)`).run(id);
    migrate(at.db, undefined, 120);
    expect(tables(at.db)).toContain('class_priors');
    expect(columns(at.db, 'parties')).toContain('class_weights');
    expect(at.db.prepare('SELECT class_weights FROM parties').all()).toEqual([{ class_weights: null }]);
    at.db.prepare(`INSERT INTO class_priors VALUES ('v1', 'agent', '[]', '[]', 3, 60, ?)`).run(NOW);
    expect(() => at.db.prepare(`INSERT INTO class_priors VALUES ('v1', 'boss', '[]', '[]', 3, 60, ?)`).run(NOW)).toThrow();
    expect(() => at.db.prepare(`INSERT INTO class_priors VALUES ('v1', 'agent', '[]', '[]', 3, 60, ?)`).run(NOW)).toThrow();
  });
});
