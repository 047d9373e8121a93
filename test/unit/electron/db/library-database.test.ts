import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../../electron/db/database';
import { libraryDb, libraryDialect, libraryTransaction } from '../../../../electron/db/library-database';
import type { LibraryDatabase } from '../../../../electron/db/library-schema';

const NOW = '2025-01-01T00:00:00.000Z';

function insertSettingSync(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
}

describe('the library through Kysely on the one SQLite connection', () => {
  let db: Database | undefined;
  afterEach(() => db?.close());

  it('is one wrapper per connection, and sees what synchronous statements wrote (and the reverse)', async () => {
    db = openDatabase(':memory:');
    const k = libraryDb(db);
    expect(libraryDb(db)).toBe(k);
    expect(libraryDialect(k)).toBe('sqlite');
    insertSettingSync(db, 'a', '1');
    await k.insertInto('settings').values({ key: 'b', value: '2' }).execute();
    expect(await k.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 2 });
  });

  it('types every library table (each is selectable)', async () => {
    db = openDatabase(':memory:');
    const k = libraryDb(db);
    const tables: Array<keyof LibraryDatabase> = [
      'recordings', 'model_versions', 'parties', 'model_regions', 'peaks', 'labels', 'reviews', 'audit_log',
      'jobs', 'job_files', 'settings', 'region_notes', 'class_priors', 'window_stats',
    ];
    const stored = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((t) => t.name);
    expect([...tables].sort()).toEqual(stored.sort());
    for (const table of tables) expect(await k.selectFrom(table).selectAll().execute()).toEqual([]);
  });

  it('commits a transaction as a whole, rolls it back on a throw, and joins a nested one', async () => {
    db = openDatabase(':memory:');
    const k = libraryDb(db);
    await libraryTransaction(k, async (trx) => {
      await trx.insertInto('settings').values({ key: 'x', value: '1' }).execute();
      await libraryTransaction(trx, (inner) => inner.insertInto('settings').values({ key: 'y', value: '2' }).execute());
    });
    await expect(
      libraryTransaction(k, async (trx) => {
        await trx.insertInto('settings').values({ key: 'z', value: '3' }).execute();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await k.selectFrom('settings').select('key').orderBy('key').execute()).toEqual([{ key: 'x' }, { key: 'y' }]);
    expect(db.inTransaction).toBe(false);
  });

  it('holds the connection for the whole transaction: another Kysely query waits for the commit', async () => {
    db = openDatabase(':memory:');
    const k = libraryDb(db);
    const seen: string[] = [];
    const writer = libraryTransaction(k, async (trx) => {
      await trx.insertInto('recordings').values({ id: 'r', path: '/c/r.wav', file_name: 'r.wav', status: 'queued', imported_at: NOW }).execute();
      seen.push('inserted');
      await trx.updateTable('recordings').set({ status: 'done' }).where('id', '=', 'r').execute();
      seen.push('updated');
    });
    const reader = k.selectFrom('recordings').select('status').executeTakeFirst().then((row) => seen.push(`read ${row?.status ?? 'none'}`));
    await Promise.all([writer, reader]);
    expect(seen).toEqual(['inserted', 'updated', 'read done']);
  });
});
