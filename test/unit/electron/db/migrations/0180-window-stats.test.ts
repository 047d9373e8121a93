import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0180 window stats', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds window_stats beside the calls already analysed (they have none until analysed again) and keeps it STRICT', () => {
    const at = databaseAt(150);
    cleanup = at.cleanup;
    const id = insertRecording(at.db, 'b'.repeat(64), 'done');
    migrate(at.db, undefined, 180);
    expect(tables(at.db)).toContain('window_stats');
    expect(columns(at.db, 'window_stats')).toEqual(['recording_id', 'channel', 'kind', 'windows', 'dim', 'quantiles', 'analysed_at']);
    expect(at.db.prepare('SELECT COUNT(*) AS n FROM window_stats').get()).toEqual({ n: 0 });
    const insert = at.db.prepare('INSERT INTO window_stats VALUES (?, 0, ?, 3, 1, ?, ?)');
    expect(() => insert.run(id, 'k', 'not bytes', NOW)).toThrow();
    insert.run(id, 'k', Buffer.alloc(20), NOW);
    expect(() => insert.run('c'.repeat(64), 'k', Buffer.alloc(20), NOW)).toThrow(/FOREIGN KEY/);
  });
});
