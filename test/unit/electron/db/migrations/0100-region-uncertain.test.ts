import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW } from './migration-test-helpers';

describe('migration 0100 region uncertain', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds the uncertain flag to model regions, 0 for the regions already there', () => {
    const at = databaseAt(50);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO model_versions (version, created_at, active, source) VALUES ('v1', ?, 1, 'shipped')`).run(NOW);
    at.db.prepare(`INSERT INTO model_regions (id, recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version)
      VALUES (7, ?, 0, 0, 1, 'sad', 0.5, '{}', 'v1')`).run(id);
    migrate(at.db, undefined, 100);
    expect(columns(at.db, 'model_regions')).toContain('uncertain');
    expect(at.db.prepare('SELECT id, uncertain FROM model_regions').all()).toEqual([{ id: 7, uncertain: 0 }]);
    expect(() => at.db.prepare(`UPDATE model_regions SET uncertain = 2 WHERE id = 7`).run()).toThrow();
  });
});
