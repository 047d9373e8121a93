import type { Migration } from '../migration-types';

/**
 * Analysis jobs (what was asked, how far it got, what became of each file) and the key/value
 * settings. A job left `running` by a dead process is marked failed on the next start; its
 * recordings are re-queued from their own status.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'jobs-settings',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id                  TEXT PRIMARY KEY,
        state               TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'failed')),
        created_at          TEXT NOT NULL,
        finished_at         TEXT,
        paths               TEXT NOT NULL,
        roles               TEXT NOT NULL,
        files_total         INTEGER NOT NULL DEFAULT 0,
        files_done          INTEGER NOT NULL DEFAULT 0,
        files_failed        INTEGER NOT NULL DEFAULT 0,
        audio_seconds_total REAL NOT NULL DEFAULT 0,
        audio_seconds_done  REAL NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE job_files (
        job_id        TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        path          TEXT NOT NULL,
        recording_id  TEXT,
        outcome       TEXT NOT NULL CHECK (outcome IN ('pending', 'done', 'skipped', 'error', 'cancelled')),
        error_code    TEXT,
        error_message TEXT,
        PRIMARY KEY (job_id, path)
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
