import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/database';
import { libraryTransaction } from '../../../../electron/db/library-database';
import { openLibraryDatabase, type LibraryHandle } from '../../../../electron/db/library-open';
import { MIGRATIONS } from '../../../../electron/db/migrations';
import { EmoqaError } from '../../../../electron/shared/errors';
import { describeOnBothDatabases } from '../../../helpers/team-databases';

const NOW = '2025-01-01T00:00:00.000Z';

/**
 * Each table's columns at a step on SQLite (held to the released schema by
 * library-schema-sqlite.test.ts): what every database must have at that step.
 */
function releasedColumns(version: number): Record<string, string[]> {
  const db = openDatabase(':memory:', { targetVersion: version });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>;
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>).map((c) => c.name).sort()]),
    );
  } finally {
    db.close();
  }
}

async function columnsNow(handle: LibraryHandle): Promise<Record<string, string[]>> {
  const tables = await handle.db.introspection.getTables();
  return Object.fromEntries(
    tables.filter((t) => !t.name.includes('migration')).map((t) => [t.name, t.columns.map((c) => c.name).sort()]),
  );
}

describeOnBothDatabases('library migrations', (fresh, dialect) => {
  for (const migration of MIGRATIONS) {
    it(`step ${migration.version} (${migration.name}) gives the released tables and columns, from the step before it`, async () => {
      const url = await fresh();
      const before = MIGRATIONS[MIGRATIONS.indexOf(migration) - 1];
      if (before) await (await openLibraryDatabase(url, { targetVersion: before.version })).close();
      const handle = await openLibraryDatabase(url, { targetVersion: migration.version });
      try {
        expect(await columnsNow(handle)).toEqual(releasedColumns(migration.version));
      } finally {
        await handle.close();
      }
    });
  }

  it('0050 keeps every label and its id while csv becomes a source; an unknown source is still refused', async () => {
    const url = await fresh();
    const at40 = await openLibraryDatabase(url, { targetVersion: 40 });
    await sql`INSERT INTO recordings (id, path, file_name, status, imported_at) VALUES ('r', '/c/r.wav', 'r.wav', 'done', ${NOW})`.execute(at40.db);
    await sql`INSERT INTO model_versions (version, created_at, active, source) VALUES ('v1', ${NOW}, 1, 'shipped')`.execute(at40.db);
    await sql`INSERT INTO labels (id, recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at)
              VALUES (3, 'r', 0, 0, 1, 'angry', 'ann', 'audacity', ${NOW}, ${NOW})`.execute(at40.db);
    await at40.close();
    const handle = await openLibraryDatabase(url, { targetVersion: 50 });
    try {
      expect(await handle.db.selectFrom('labels').select(['id', 'source']).execute()).toEqual([{ id: 3, source: 'audacity' }]);
      expect(await handle.db.selectFrom('model_versions').select('activated_at').execute()).toEqual([{ activated_at: NOW }]);
      const insert = (source: string) =>
        sql`INSERT INTO labels (recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at)
            VALUES ('r', 0, 1, 2, 'sad', 'ann', ${source}, ${NOW}, ${NOW})`.execute(handle.db);
      await insert('csv');
      await expect(insert('fax')).rejects.toThrow(/check/i);
    } finally {
      await handle.close();
    }
  });

  it('0090 classifies a stored label that repeats its prediction as agreement', async () => {
    const url = await fresh();
    const at80 = await openLibraryDatabase(url, { targetVersion: 80 });
    await sql`INSERT INTO recordings (id, path, file_name, status, imported_at) VALUES ('r', '/c/r.wav', 'r.wav', 'done', ${NOW})`.execute(at80.db);
    await sql`INSERT INTO model_versions (version, created_at, source) VALUES ('v1', ${NOW}, 'shipped')`.execute(at80.db);
    await sql`INSERT INTO model_regions (id, recording_id, channel, start_s, end_s, emotion, confidence, probabilities, model_version)
              VALUES (7, 'r', 0, 0, 1, 'sad', 0.5, '{}', 'v1')`.execute(at80.db);
    await sql`INSERT INTO labels (id, recording_id, channel, start_s, end_s, emotion, reviewer, created_at, updated_at, replaces_region_id)
              VALUES (1, 'r', 0, 0.004, 1, 'sad', 'ann', ${NOW}, ${NOW}, 7), (2, 'r', 0, 0, 1, 'angry', 'ann', ${NOW}, ${NOW}, 7)`.execute(at80.db);
    await at80.close();
    const handle = await openLibraryDatabase(url, { targetVersion: 90 });
    try {
      expect(await handle.db.selectFrom('labels').select(['id', 'kind']).orderBy('id').execute()).toEqual([
        { id: 1, kind: 'agreement' },
        { id: 2, kind: 'correction' },
      ]);
    } finally {
      await handle.close();
    }
  });

  it('at the newest step: ids are assigned, bytes and epoch milliseconds round-trip, counts read as numbers', async () => {
    const handle = await openLibraryDatabase(await fresh());
    try {
      await libraryTransaction(handle.db, async (trx) => {
        await trx.insertInto('recordings').values({ id: 'r', path: '/c/r.wav', file_name: 'r.wav', status: 'done', imported_at: NOW }).execute();
        await trx.insertInto('model_versions').values({ version: 'v1', created_at: NOW, source: 'shipped' }).execute();
        await trx.insertInto('peaks').values({ recording_id: 'r', level: 0, channel: 0, samples_per_peak: 256, sample_rate: 8000, data: Buffer.from([1, 2, 250]) }).execute();
        for (const start of [0, 1]) {
          await trx
            .insertInto('model_regions')
            .values({ recording_id: 'r', channel: 0, start_s: start, end_s: start + 0.5, emotion: 'sad', confidence: 0.25, probabilities: '{}', model_version: 'v1' })
            .execute();
        }
        await trx.insertInto('jobs').values({ id: 'j', state: 'running', created_at: NOW, paths: '[]', roles: 'null', lease_until: 1_764_000_000_123 }).execute();
      });
      expect((await handle.db.selectFrom('model_regions').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2]);
      expect(await handle.db.selectFrom('peaks').select('data').executeTakeFirstOrThrow()).toEqual({ data: Buffer.from([1, 2, 250]) });
      expect(await handle.db.selectFrom('jobs').select('lease_until').executeTakeFirstOrThrow()).toEqual({ lease_until: 1_764_000_000_123 });
      expect(
        await handle.db
          .selectFrom('model_regions')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('end_s').as('ends'), eb.fn.sum<number>('channel').as('channels')])
          .executeTakeFirstOrThrow(),
      ).toEqual({ n: 2, ends: 2, channels: 0 });
      await expect(
        handle.db.insertInto('recordings').values({ id: 'x', path: '/c/x.wav', file_name: 'x.wav', status: 'error', imported_at: NOW }).execute(),
      ).rejects.toThrow(/check/i);
    } finally {
      await handle.close();
    }
    expect(dialect === 'sqlite' || dialect === 'postgres').toBe(true);
  });

  it('0180 keeps one window summary per analysed party: bytes round-trip, a second one for the party is refused, deleting the call deletes it', async () => {
    const url = await fresh();
    const at150 = await openLibraryDatabase(url, { targetVersion: 150 });
    await sql`INSERT INTO recordings (id, path, file_name, status, imported_at) VALUES ('r', '/c/r.wav', 'r.wav', 'done', ${NOW})`.execute(at150.db);
    await at150.close();
    const handle = await openLibraryDatabase(url, { targetVersion: 180 });
    try {
      const quantiles = Buffer.from(new Float32Array([-1.5, 0, 0.25, 2, 1e6]).buffer);
      const row = { recording_id: 'r', channel: 1, kind: 'f/p', windows: 12, dim: 1, quantiles, analysed_at: NOW };
      await handle.db.insertInto('window_stats').values(row).execute();
      expect(await handle.db.selectFrom('window_stats').selectAll().executeTakeFirstOrThrow()).toEqual(row);
      await expect(handle.db.insertInto('window_stats').values(row).execute()).rejects.toThrow();
      await expect(handle.db.insertInto('window_stats').values({ ...row, channel: 0, windows: 0 }).execute()).rejects.toThrow(/check/i);
      await handle.db.deleteFrom('recordings').where('id', '=', 'r').execute();
      expect(await handle.db.selectFrom('window_stats').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('refuses a library migrated by a newer emoqa', async () => {
    const url = await fresh();
    await (await openLibraryDatabase(url)).close();
    const error = await openLibraryDatabase(url, { migrations: MIGRATIONS.slice(0, -1) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmoqaError);
    expect((error as EmoqaError).code).toBe('DATABASE_TOO_NEW');
  });
});
