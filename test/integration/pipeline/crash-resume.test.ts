/**
 * kill -9 in the middle of a batch: whatever was committed is whole, nothing is half-written, and
 * the next run finishes the rest, analysing each recording exactly once, with no duplicate regions.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { makeTempDir } from '../../helpers/fixtures';
import { synthParty, writeWav } from '../../unit/electron/services/analysis/synth';
import { finished, killGroup, parseJsonEntries, pipelineModelDir, runCli, spawnCli } from './pipeline-helpers';

const FILES = 6;

function doneCount(dbPath: string): number {
  try {
    const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM recordings WHERE status = 'done'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

describe('crash and resume', () => {
  const temp = makeTempDir('emoqa-crash-');
  const calls = join(temp.dir, 'calls');
  const dbPath = join(temp.dir, 'emoqa.sqlite');
  let modelDir = '';

  beforeAll(async () => {
    modelDir = await pipelineModelDir(temp.dir);
    mkdirSync(calls);
    for (let i = 0; i < FILES; i++) {
      const bursts = [{ start: 0.5, end: 6 }, { start: 8, end: 14 }, { start: 16, end: 19.5 }];
      const left = synthParty(20, 16_000, bursts, 10 + i);
      const right = synthParty(20, 16_000, bursts.map((b) => ({ start: b.start + 1, end: b.end + 0.3 })), 50 + i);
      writeWav(join(calls, `call-${i}.wav`), [left, right], 16_000);
    }
  });
  afterAll(() => temp.cleanup());

  it('finishes an interrupted batch with every call analysed exactly once', async () => {
    const args = ['analyze', calls, '--db', dbPath, '--model-dir', modelDir, '--jobs', '1'];
    const child = spawnCli(args);
    const run = finished(child);
    const deadline = Date.now() + 120_000;
    while (doneCount(dbPath) === 0) {
      if (Date.now() > deadline) throw new Error(`no recording stored in time:\n${(await run).stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    killGroup(child);
    expect((await run).signal).toBe('SIGKILL');

    const db = openDatabase(dbPath);
    const first = db.prepare(`SELECT id, analysed_at FROM recordings WHERE status = 'done'`).all() as Array<{ id: string; analysed_at: string }>;
    const statuses = db.prepare('SELECT status, count(*) AS n FROM recordings GROUP BY status').all();
    expect(first.length, `killed too late to test anything: ${JSON.stringify(statuses)}`).toBeLessThan(FILES);
    // Nothing half-written: a call is either done with all its results, or has none of them.
    for (const table of ['parties', 'model_regions', 'peaks']) {
      const orphans = db.prepare(`SELECT count(*) AS n FROM ${table} t JOIN recordings r ON r.id = t.recording_id WHERE r.status <> 'done'`).get();
      expect(orphans, table).toEqual({ n: 0 });
    }
    for (const { id } of first) {
      expect(db.prepare('SELECT count(*) AS n FROM parties WHERE recording_id = ?').get(id)).toEqual({ n: 2 });
      expect((db.prepare('SELECT count(*) AS n FROM peaks WHERE recording_id = ?').get(id) as { n: number }).n).toBeGreaterThan(0);
    }
    db.close();

    const again = await runCli([...args, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const entries = parseJsonEntries(again.stdout);
    expect(entries).toHaveLength(FILES);
    expect(entries.every((e) => e.recordingId && !e.error)).toBe(true);

    const after = openDatabase(dbPath);
    expect(after.prepare('SELECT status, count(*) AS n FROM recordings GROUP BY status').all()).toEqual([{ status: 'done', n: FILES }]);
    // The calls finished before the kill were not analysed again.
    for (const { id, analysed_at } of first) {
      expect(after.prepare('SELECT analysed_at FROM recordings WHERE id = ?').get(id)).toEqual({ analysed_at });
    }
    const duplicates = after
      .prepare('SELECT recording_id, channel, start_s, end_s, count(*) AS n FROM model_regions GROUP BY 1, 2, 3, 4 HAVING n > 1')
      .all();
    expect(duplicates).toEqual([]);
    expect((after.prepare('SELECT count(*) AS n FROM model_regions').get() as { n: number }).n).toBeGreaterThan(0);
    expect(after.prepare('SELECT count(*) AS n FROM parties').get()).toEqual({ n: 2 * FILES });
    for (const entry of entries) {
      const stored = after.prepare('SELECT count(*) AS n FROM model_regions WHERE recording_id = ?').get(entry.recordingId) as { n: number };
      expect(stored.n).toBe(entry.segments?.length);
    }
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
