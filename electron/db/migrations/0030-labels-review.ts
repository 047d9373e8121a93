import type { Migration } from '../migration-types';

/**
 * Human work, kept apart from the model's: labels never overwrite a prediction (they may name the
 * one they replace), are soft-deleted, and every change lands in `audit_log` (who, when, before,
 * after). The audit log has no foreign key so it outlives what it describes.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'labels-review',
  up(db) {
    db.exec(`
      CREATE TABLE labels (
        id                 INTEGER PRIMARY KEY,
        recording_id       TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        channel            INTEGER NOT NULL CHECK (channel >= 0),
        start_s            REAL NOT NULL,
        end_s              REAL NOT NULL,
        emotion            TEXT NOT NULL,
        reviewer           TEXT NOT NULL,
        source             TEXT NOT NULL DEFAULT 'ui' CHECK (source IN ('ui', 'audacity')),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        replaces_region_id INTEGER REFERENCES model_regions(id) ON DELETE SET NULL,
        deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        deleted_at         TEXT,
        deleted_by         TEXT,
        CHECK (end_s > start_s)
      ) STRICT;
      CREATE INDEX labels_recording ON labels(recording_id, channel, start_s);

      CREATE TABLE reviews (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        reviewed     INTEGER NOT NULL CHECK (reviewed IN (0, 1)),
        reviewer     TEXT,
        reviewed_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id           INTEGER PRIMARY KEY,
        recording_id TEXT NOT NULL,
        entity       TEXT NOT NULL CHECK (entity IN ('label', 'review')),
        entity_id    INTEGER,
        action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'review', 'unreview')),
        actor        TEXT NOT NULL,
        at           TEXT NOT NULL,
        before       TEXT,
        after        TEXT
      ) STRICT;
      CREATE INDEX audit_log_recording ON audit_log(recording_id, id);
    `);
  },
};
