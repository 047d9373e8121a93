import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../electron/db/migrations';
import { openTeamDatabase, parseDatabaseUrl, resolveDatabaseUrl } from '../../../../electron/db/team-database';
import { TEAM_MIGRATIONS } from '../../../../electron/db/team-migrations';
import { migrationKey } from '../../../../electron/db/team-migrations/team-migration';
import { repoRoot } from '../../../helpers/fixtures';
import { describeOnBothDatabases } from '../../../helpers/team-databases';

describe('team database URL', () => {
  it('tells PostgreSQL from SQLite', () => {
    expect(parseDatabaseUrl('postgresql://u:p@db:5432/qa')).toEqual({ dialect: 'postgres', url: 'postgresql://u:p@db:5432/qa' });
    expect(parseDatabaseUrl('postgres://db/qa').dialect).toBe('postgres');
    expect(parseDatabaseUrl('sqlite:/srv/team.sqlite')).toEqual({ dialect: 'sqlite', path: '/srv/team.sqlite' });
    expect(parseDatabaseUrl('sqlite:///srv/team.sqlite')).toEqual({ dialect: 'sqlite', path: '/srv/team.sqlite' });
    expect(parseDatabaseUrl('/srv/team.sqlite')).toEqual({ dialect: 'sqlite', path: '/srv/team.sqlite' });
    expect(() => parseDatabaseUrl('mysql://db/qa')).toThrow(/unsupported/);
    expect(() => parseDatabaseUrl('  ')).toThrow(/empty/);
  });

  it('takes the option, else $EMOQA_DATABASE_URL, else refuses', () => {
    const saved = process.env.EMOQA_DATABASE_URL;
    try {
      process.env.EMOQA_DATABASE_URL = 'sqlite:/from/env';
      expect(resolveDatabaseUrl('sqlite:/given')).toBe('sqlite:/given');
      expect(resolveDatabaseUrl(undefined)).toBe('sqlite:/from/env');
      delete process.env.EMOQA_DATABASE_URL;
      expect(() => resolveDatabaseUrl(undefined)).toThrow(/--database-url/);
    } finally {
      if (saved === undefined) delete process.env.EMOQA_DATABASE_URL;
      else process.env.EMOQA_DATABASE_URL = saved;
    }
  });
});

describe('team migration list', () => {
  it('lists every file, in one numbering with the library steps and never on their numbers', () => {
    const files = readdirSync(resolve(repoRoot, 'electron/db/team-migrations')).filter((f) => /^\d{4}-.*\.ts$/.test(f)).sort();
    expect(TEAM_MIGRATIONS.map((m) => `${migrationKey(m)}.ts`)).toEqual(files);
    const library = new Set(MIGRATIONS.map((m) => m.version));
    for (const m of TEAM_MIGRATIONS) {
      expect(m.version % 10).toBe(0);
      expect(library.has(m.version)).toBe(false);
    }
  });
});

describeOnBothDatabases('team database', (fresh) => {
  it('migrates once: a second open applies nothing and keeps the rows', async () => {
    const url = await fresh();
    const first = await openTeamDatabase(url);
    const now = new Date().toISOString();
    await first.db.insertInto('team_users').values({ name: 'ana', role: 'admin', password_hash: 'x', created_at: now, password_changed_at: now, disabled_at: null }).execute();
    await first.close();
    const second = await openTeamDatabase(url);
    try {
      expect(await second.db.selectFrom('team_users').select('name').execute()).toEqual([{ name: 'ana' }]);
    } finally {
      await second.close();
    }
  });

  it('upgrades in place: a later step runs on a database at an earlier one, its rows kept', async () => {
    const url = await fresh();
    const later = [...TEAM_MIGRATIONS, { version: 9980, name: 'later', up: (db: Kysely<unknown>) => db.schema.createTable('team_later').addColumn('x', 'text').execute() }];
    const old = await openTeamDatabase(url);
    const now = new Date().toISOString();
    await old.db.insertInto('team_users').values({ name: 'bo', role: 'lead', password_hash: 'x', created_at: now, password_changed_at: now, disabled_at: null }).execute();
    await old.close();
    const upgraded = await openTeamDatabase(url, { migrations: later });
    try {
      expect((await upgraded.db.introspection.getTables()).map((t) => t.name)).toContain('team_later');
      expect(await upgraded.db.selectFrom('team_users').select('name').execute()).toEqual([{ name: 'bo' }]);
    } finally {
      await upgraded.close();
    }
  });

  it('refuses a database migrated by a newer emoqa', async () => {
    const url = await fresh();
    const newer = [...TEAM_MIGRATIONS, { version: 9990, name: 'future', up: async () => undefined }];
    await (await openTeamDatabase(url, { migrations: newer })).close();
    await expect(openTeamDatabase(url)).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
  });
});
