import type { Migration } from '../migration-types';

/**
 * Recordings, identified by the sha256 of their content so a renamed or moved call stays the same
 * call. A path that failed before it could be read (empty, unreadable, not audio) still gets a row,
 * keyed by its path (`content_hash` NULL), so every file's error is visible in the library.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'recordings',
  up(db) {
    db.exec(`
      CREATE TABLE recordings (
        id            TEXT PRIMARY KEY,
        content_hash  TEXT UNIQUE,
        path          TEXT NOT NULL,
        file_name     TEXT NOT NULL,
        size_bytes    INTEGER NOT NULL DEFAULT 0,
        duration_s    REAL,
        format        TEXT,
        codec         TEXT,
        sample_rate   INTEGER,
        channels      INTEGER,
        roles         TEXT,
        status        TEXT NOT NULL CHECK (status IN ('queued', 'analysing', 'done', 'error')),
        error_code    TEXT,
        error_message TEXT,
        imported_at   TEXT NOT NULL,
        analysed_at   TEXT,
        model_version TEXT,
        downmixed     INTEGER NOT NULL DEFAULT 0 CHECK (downmixed IN (0, 1)),
        superseded_by TEXT REFERENCES recordings(id) ON DELETE SET NULL,
        CHECK ((status = 'error') = (error_code IS NOT NULL))
      ) STRICT;
      CREATE INDEX recordings_path ON recordings(path);
      CREATE INDEX recordings_status ON recordings(status) WHERE status IN ('queued', 'analysing');
    `);
  },
};
