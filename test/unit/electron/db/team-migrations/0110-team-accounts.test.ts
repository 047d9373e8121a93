import { expect, it } from 'vitest';
import { openTeamDatabase, type TeamDatabaseHandle } from '../../../../../electron/db/team-database';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { columnsOf, tableNames } from './team-migration-helpers';

const NOW = '2026-01-01T00:00:00.000Z';

async function user(handle: TeamDatabaseHandle, name: string, role: string): Promise<void> {
  await handle.db
    .insertInto('team_users')
    // A role outside the union is the point of one test: the database must refuse it too.
    .values({ name, role: role as 'reviewer', password_hash: 'x', created_at: NOW, password_changed_at: NOW, disabled_at: null })
    .execute();
}

describeOnBothDatabases('team migration 0110 accounts', (fresh) => {
  it('creates users, sessions and assignments', async () => {
    const handle = await openTeamDatabase(await fresh(), { targetVersion: 110 });
    try {
      expect(await tableNames(handle)).toEqual(['team_assignments', 'team_sessions', 'team_users']);
      expect(await columnsOf(handle, 'team_assignments')).toEqual(['assigned_at', 'assigned_by', 'recording_id', 'reviewer_name']);
      expect(await columnsOf(handle, 'team_users')).toEqual(['created_at', 'disabled_at', 'name', 'password_changed_at', 'password_hash', 'role']);
      expect(await columnsOf(handle, 'team_sessions')).toEqual(['created_at', 'csrf_token', 'expires_at', 'id_hash', 'user_name']);
    } finally {
      await handle.close();
    }
  });

  it('refuses an unknown role and a duplicate name; deleting a user ends their sessions', async () => {
    const handle = await openTeamDatabase(await fresh(), { targetVersion: 110 });
    try {
      await user(handle, 'ana', 'lead');
      await expect(user(handle, 'bo', 'owner')).rejects.toThrow(/check/i);
      await expect(user(handle, 'ana', 'reviewer')).rejects.toThrow(/unique|duplicate/i);
      await handle.db.insertInto('team_sessions').values({ id_hash: 'h', user_name: 'ana', csrf_token: 'c', created_at: NOW, expires_at: NOW }).execute();
      await expect(
        handle.db.insertInto('team_sessions').values({ id_hash: 'h2', user_name: 'nobody', csrf_token: 'c', created_at: NOW, expires_at: NOW }).execute(),
      ).rejects.toThrow(/foreign key/i);
      await handle.db.deleteFrom('team_users').where('name', '=', 'ana').execute();
      expect(await handle.db.selectFrom('team_sessions').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

describeOnBothDatabases('team migration 0110 call assignments', (fresh) => {
  it('one row per call and reviewer, only for known users, gone with the reviewer', async () => {
    const handle = await openTeamDatabase(await fresh(), { targetVersion: 110 });
    try {
      for (const name of ['lea', 'rex']) await user(handle, name, 'reviewer');
      const row = { recording_id: 'r1', reviewer_name: 'rex', assigned_by: 'lea', assigned_at: NOW };
      await handle.db.insertInto('team_assignments').values(row).execute();
      await handle.db.insertInto('team_assignments').values({ ...row, reviewer_name: 'lea' }).execute();
      await expect(handle.db.insertInto('team_assignments').values(row).execute()).rejects.toThrow(/unique|duplicate/i);
      await expect(handle.db.insertInto('team_assignments').values({ ...row, reviewer_name: 'ghost' }).execute()).rejects.toThrow(/foreign key/i);
      await handle.db.deleteFrom('team_users').where('name', '=', 'rex').execute();
      expect(await handle.db.selectFrom('team_assignments').select('reviewer_name').execute()).toEqual([{ reviewer_name: 'lea' }]);
    } finally {
      await handle.close();
    }
  });
});
