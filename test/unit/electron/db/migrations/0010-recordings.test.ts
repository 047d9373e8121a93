import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0010 recordings', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('creates the recordings table keyed by content hash', () => {
    const at = databaseAt(10);
    cleanup = at.cleanup;
    expect(schemaVersion(at.db)).toBe(10);
    expect(tables(at.db)).toEqual(['recordings']);
    expect(columns(at.db, 'recordings')).toEqual(
      expect.arrayContaining(['id', 'content_hash', 'path', 'size_bytes', 'duration_s', 'codec', 'sample_rate', 'channels', 'status',
        'error_code', 'error_message', 'imported_at', 'analysed_at', 'model_version', 'downmixed', 'superseded_by']),
    );
  });

  it('enforces status values, unique content and an error code exactly when in error', () => {
    const at = databaseAt(10);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    expect(() => insertRecording(at.db, 'b'.repeat(64), 'finished')).toThrow(/CHECK/);
    expect(() =>
      at.db.prepare(`INSERT INTO recordings (id, content_hash, path, file_name, status, imported_at) VALUES ('x', ?, '/p', 'p', 'queued', ?)`).run(id, NOW),
    ).toThrow(/UNIQUE/);
    expect(() =>
      at.db.prepare(`INSERT INTO recordings (id, path, file_name, status, imported_at) VALUES ('y', '/p', 'p', 'error', ?)`).run(NOW),
    ).toThrow(/CHECK/);
    insertRecording(at.db, 'c'.repeat(64), 'error');
  });
});
