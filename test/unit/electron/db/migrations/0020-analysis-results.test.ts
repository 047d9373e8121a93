import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0020 analysis results', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds parties, model regions, peaks and model versions and keeps existing recordings', () => {
    const at = databaseAt(10);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    migrate(at.db, undefined, 20);
    expect(tables(at.db)).toEqual(['model_regions', 'model_versions', 'parties', 'peaks', 'recordings']);
    expect(at.db.prepare('SELECT id FROM recordings').all()).toEqual([{ id }]);
  });

  it('cascades a recording deletion and refuses regions of an unknown model or with end <= start', () => {
    const at = databaseAt(20);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO model_versions (version, created_at, source) VALUES ('m1', ?, 'shipped')`).run(NOW);
    const insertRegion = at.db.prepare(
      `INSERT INTO model_regions (recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version) VALUES (?, 0, ?, ?, 'sad', 0.5, '{}', ?)`,
    );
    insertRegion.run(id, 0, 1, 'm1');
    expect(() => insertRegion.run(id, 2, 1, 'm1')).toThrow(/CHECK/);
    expect(() => insertRegion.run(id, 0, 1, 'nope')).toThrow(/FOREIGN KEY/);
    at.db.prepare(`INSERT INTO parties (recording_id, channel, role, talk_time_s) VALUES (?, 0, 'agent', 1)`).run(id);
    at.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
    expect(at.db.prepare('SELECT count(*) AS n FROM model_regions').get()).toEqual({ n: 0 });
    expect(at.db.prepare('SELECT count(*) AS n FROM parties').get()).toEqual({ n: 0 });
  });

  it('allows only one active model version', () => {
    const at = databaseAt(20);
    cleanup = at.cleanup;
    const insert = at.db.prepare(`INSERT INTO model_versions (version, created_at, source, active) VALUES (?, ?, 'shipped', 1)`);
    insert.run('m1', NOW);
    expect(() => insert.run('m2', NOW)).toThrow(/UNIQUE/);
  });
});
