import type { Migration } from '../migration-types';

/**
 * Who took a call and when (agent, team, started_at: from a metadata CSV or the folder layout), a
 * reviewer's note on the call, and the cached conversation measures (JSON, recomputed in the same
 * transaction as any change to regions or labels, like parties.emotion_seconds). Region notes are
 * anchored to a channel and a time span, not to a prediction id, so they survive a re-analysis.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'call-metadata-notes',
  up(db) {
    db.exec(`
      ALTER TABLE recordings ADD COLUMN agent TEXT;
      ALTER TABLE recordings ADD COLUMN team TEXT;
      ALTER TABLE recordings ADD COLUMN started_at TEXT;
      ALTER TABLE recordings ADD COLUMN note TEXT;
      ALTER TABLE recordings ADD COLUMN measures TEXT;
      CREATE INDEX recordings_agent ON recordings(agent) WHERE agent IS NOT NULL;

      CREATE TABLE region_notes (
        id           INTEGER PRIMARY KEY,
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        channel      INTEGER NOT NULL CHECK (channel >= 0),
        start_s      REAL NOT NULL,
        end_s        REAL NOT NULL,
        text         TEXT NOT NULL CHECK (length(text) > 0),
        author       TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK (end_s > start_s),
        UNIQUE (recording_id, channel, start_s, end_s)
      ) STRICT;
    `);
  },
};
