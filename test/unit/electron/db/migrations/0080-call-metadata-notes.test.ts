import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/db/migrate';
import { columns, databaseAt, insertRecording, NOW, tables } from './migration-test-helpers';

describe('migration 0080 call metadata and notes', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('adds agent, team, start time, note and measures to existing recordings without touching them', () => {
    const at = databaseAt(50);
    cleanup = at.cleanup;
    const id = insertRecording(at.db, 'b'.repeat(64), 'done');
    migrate(at.db, undefined, 80);
    expect(columns(at.db, 'recordings')).toEqual(expect.arrayContaining(['agent', 'team', 'started_at', 'note', 'measures']));
    expect(tables(at.db)).toContain('region_notes');
    expect(at.db.prepare('SELECT id, status, agent, note, measures FROM recordings').get()).toEqual({ id, status: 'done', agent: null, note: null, measures: null });
  });

  it('keeps one note per region span, refuses empty ones and removes them with the recording', () => {
    const at = databaseAt(80);
    cleanup = at.cleanup;
    const id = insertRecording(at.db);
    const insert = at.db.prepare('INSERT INTO region_notes (recording_id, channel, start_s, end_s, text, author, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)');
    insert.run(id, 1, 2, 'shouting', 'ann', NOW);
    expect(() => insert.run(id, 1, 2, 'again', 'ann', NOW)).toThrow(/UNIQUE/);
    expect(() => insert.run(id, 3, 4, '', 'ann', NOW)).toThrow(/CHECK/);
    expect(() => insert.run(id, 4, 3, 'backwards', 'ann', NOW)).toThrow(/CHECK/);
    at.db.prepare('DELETE FROM recordings').run();
    expect(at.db.prepare('SELECT count(*) AS n FROM region_notes').get()).toEqual({ n: 0 });
  });
});
