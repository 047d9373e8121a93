import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, NOW } from './migration-test-helpers';

describe('migration 0070 job leases', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds owner and lease to jobs, keeping the jobs and files already there (as expired: no owner)', () => {
    const at = databaseAt(50);
    cleanup = at.cleanup;
    at.db.prepare(`INSERT INTO jobs (id, state, created_at, paths, roles) VALUES ('j1', 'running', ?, '["/calls"]', 'null')`).run(NOW);
    at.db.prepare(`INSERT INTO job_files (job_id, path, outcome) VALUES ('j1', '/calls/a.wav', 'pending')`).run();
    migrate(at.db, undefined, 70);
    expect(columns(at.db, 'jobs')).toEqual(expect.arrayContaining(['owner', 'lease_until']));
    expect(at.db.prepare('SELECT id, state, owner, lease_until FROM jobs').all()).toEqual([{ id: 'j1', state: 'running', owner: null, lease_until: null }]);
    expect(at.db.prepare('SELECT count(*) AS n FROM job_files').get()).toEqual({ n: 1 });
    // STRICT still holds for the new column.
    expect(() => at.db.prepare(`UPDATE jobs SET lease_until = 'soon'`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
    at.db.prepare(`UPDATE jobs SET owner = 'p1', lease_until = ?`).run(Date.now());
    expect(at.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs'`).all()).toContainEqual({ name: 'jobs_running' });
  });
});
