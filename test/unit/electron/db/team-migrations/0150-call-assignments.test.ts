import { expect, it } from 'vitest';
import { openTeamDatabase } from '../../../../../electron/db/team-database';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { columnsOf, tableNames } from './team-migration-helpers';

const NOW = '2026-01-01T00:00:00.000Z';

describeOnBothDatabases('team migration 0150 call assignments', (fresh) => {
  it('upgrades a 0110 database in place: its accounts stay, assignments appear', async () => {
    const url = await fresh();
    const old = await openTeamDatabase(url, { targetVersion: 110 });
    await old.db.insertInto('team_users').values({ name: 'ana', role: 'lead', password_hash: 'x', created_at: NOW, password_changed_at: NOW, disabled_at: null }).execute();
    await old.close();
    const handle = await openTeamDatabase(url);
    try {
      expect(await tableNames(handle)).toEqual(['team_assignments', 'team_sessions', 'team_users']);
      expect(await columnsOf(handle, 'team_assignments')).toEqual(['assigned_at', 'assigned_by', 'recording_id', 'reviewer_name']);
      expect(await handle.db.selectFrom('team_users').select('name').execute()).toEqual([{ name: 'ana' }]);
    } finally {
      await handle.close();
    }
  });

  it('one row per call and reviewer, only for known users, gone with the reviewer', async () => {
    const handle = await openTeamDatabase(await fresh());
    try {
      for (const name of ['lea', 'rex']) {
        await handle.db.insertInto('team_users').values({ name, role: 'reviewer', password_hash: 'x', created_at: NOW, password_changed_at: NOW, disabled_at: null }).execute();
      }
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
