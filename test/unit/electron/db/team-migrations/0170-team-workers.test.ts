import { expect, it } from 'vitest';
import { openTeamDatabase } from '../../../../../electron/db/team-database';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { columnsOf, tableNames } from './team-migration-helpers';

const NOW = '2026-01-01T00:00:00.000Z';

describeOnBothDatabases('team migration 0170 queue workers', (fresh) => {
  it('adds the workers table beside the accounts; a new row starts idle with nothing done', async () => {
    const url = await fresh();
    const before = await openTeamDatabase(url, { targetVersion: 110 });
    expect(await tableNames(before)).not.toContain('team_workers');
    await before.close();
    const handle = await openTeamDatabase(url, { targetVersion: 170 });
    try {
      expect(await tableNames(handle)).toEqual(['team_assignments', 'team_sessions', 'team_users', 'team_workers']);
      expect(await columnsOf(handle, 'team_workers')).toEqual(['concurrency', 'current', 'done', 'failed', 'host', 'id', 'pid', 'seen_at', 'started_at', 'stopped_at']);
      await handle.db.insertInto('team_workers').values({ id: 'w1', host: 'h', pid: 7, concurrency: 1, started_at: NOW, seen_at: NOW }).execute();
      expect(await handle.db.selectFrom('team_workers').select(['current', 'done', 'failed', 'stopped_at']).execute()).toEqual([
        { current: '[]', done: 0, failed: 0, stopped_at: null },
      ]);
      await expect(handle.db.insertInto('team_workers').values({ id: 'w1', host: 'h', pid: 8, concurrency: 1, started_at: NOW, seen_at: NOW }).execute()).rejects.toThrow(
        /unique|duplicate/i,
      );
    } finally {
      await handle.close();
    }
  });
});
