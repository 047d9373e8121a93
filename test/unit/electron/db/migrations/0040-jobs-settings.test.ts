import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0040 jobs and settings', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds jobs, job files and settings on top of 0030 data', () => {
    const at = databaseAt(30);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    at.db.prepare(`INSERT INTO reviews (recording_id, reviewed, reviewer, reviewed_at) VALUES (?, 1, 'ann', ?)`).run(id, NOW);
    migrate(at.db, undefined, 40);
    expect(tables(at.db)).toEqual(expect.arrayContaining(['jobs', 'job_files', 'settings']));
    expect(at.db.prepare('SELECT reviewer FROM reviews').get()).toEqual({ reviewer: 'ann' });
  });

  it('checks job states and file outcomes', () => {
    const at = databaseAt(40);
    cleanup = at.cleanup;
    const insertJob = at.db.prepare(`INSERT INTO jobs (id, state, created_at, paths, roles) VALUES (?, ?, ?, '[]', 'null')`);
    insertJob.run('j1', 'running', NOW);
    expect(() => insertJob.run('j2', 'paused', NOW)).toThrow(/CHECK/);
    const insertFile = at.db.prepare(`INSERT INTO job_files (job_id, path, outcome) VALUES ('j1', ?, ?)`);
    insertFile.run('/a.wav', 'done');
    expect(() => insertFile.run('/b.wav', 'maybe')).toThrow(/CHECK/);
    at.db.prepare('DELETE FROM jobs').run();
    expect(at.db.prepare('SELECT count(*) AS n FROM job_files').get()).toEqual({ n: 0 });
  });
});
