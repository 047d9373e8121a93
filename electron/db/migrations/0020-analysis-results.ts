import type { Migration } from '../migration-types';

/**
 * What the model produced for a recording: its parties (one per analysed channel), its emotion
 * regions and the waveform peaks. All three are replaced together, in one transaction, when a
 * recording is (re)analysed. `parties.emotion_seconds` caches each party's seconds per emotion with
 * corrections applied, so the library list is one aggregate query.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'analysis-results',
  up(db) {
    db.exec(`
      CREATE TABLE model_versions (
        version    TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
        source     TEXT NOT NULL CHECK (source IN ('shipped', 'retrained')),
        metrics    TEXT NOT NULL DEFAULT '{}',
        confusion  TEXT,
        notes      TEXT
      ) STRICT;
      CREATE UNIQUE INDEX model_versions_one_active ON model_versions(active) WHERE active = 1;

      CREATE TABLE parties (
        recording_id    TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        channel         INTEGER NOT NULL CHECK (channel >= 0),
        role            TEXT NOT NULL CHECK (role IN ('agent', 'customer', 'speaker')),
        talk_time_s     REAL NOT NULL,
        emotion_seconds TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (recording_id, channel)
      ) STRICT;

      CREATE TABLE model_regions (
        id            INTEGER PRIMARY KEY,
        recording_id  TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        channel       INTEGER NOT NULL CHECK (channel >= 0),
        start_s       REAL NOT NULL,
        end_s         REAL NOT NULL,
        emotion       TEXT NOT NULL,
        confidence    REAL NOT NULL,
        probabilities TEXT NOT NULL,
        model_version TEXT NOT NULL REFERENCES model_versions(version),
        CHECK (end_s > start_s)
      ) STRICT;
      CREATE INDEX model_regions_recording ON model_regions(recording_id, channel, start_s);

      CREATE TABLE peaks (
        recording_id     TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        level            INTEGER NOT NULL,
        channel          INTEGER NOT NULL,
        samples_per_peak INTEGER NOT NULL CHECK (samples_per_peak > 0),
        sample_rate      INTEGER NOT NULL,
        data             BLOB NOT NULL,
        PRIMARY KEY (recording_id, level, channel)
      ) STRICT;
    `);
  },
};
