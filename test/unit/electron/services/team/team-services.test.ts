import { afterEach, expect, it } from 'vitest';
import { openTeamDatabase, type TeamDatabaseHandle } from '../../../../../electron/db/team-database';
import { AssignmentsService } from '../../../../../electron/services/team/assignments-service';
import { SessionsService } from '../../../../../electron/services/team/sessions-service';
import { UsersService } from '../../../../../electron/services/team/users-service';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';

const PASSWORD = 'correct horse battery';

describeOnBothDatabases('team services', (fresh) => {
  let handle: TeamDatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  async function open(): Promise<TeamDatabaseHandle> {
    handle = await openTeamDatabase(await fresh());
    return handle;
  }

  it('adds, lists, verifies, changes passwords and disables accounts', async () => {
    const users = new UsersService((await open()).db);
    await users.add('ana', 'lead', PASSWORD);
    await users.add('rex', 'reviewer', PASSWORD);
    await expect(users.add('ana', 'admin', PASSWORD)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(users.add('bad name', 'admin', PASSWORD)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(users.add('short', 'admin', 'abc')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await users.list()).map((u) => [u.name, u.role, u.disabled])).toEqual([['ana', 'lead', false], ['rex', 'reviewer', false]]);
    const stored = await handle!.db.selectFrom('team_users').select('password_hash').where('name', '=', 'ana').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain(PASSWORD);
    expect(await users.verifyLogin('ana', PASSWORD)).toEqual({ name: 'ana', role: 'lead' });
    expect(await users.verifyLogin('ana', 'wrong password')).toBeNull();
    expect(await users.verifyLogin('nobody', PASSWORD)).toBeNull();
    await users.setPassword('ana', 'another long password');
    expect(await users.verifyLogin('ana', PASSWORD)).toBeNull();
    expect(await users.verifyLogin('ana', 'another long password')).not.toBeNull();
    await users.disable('rex');
    expect(await users.verifyLogin('rex', PASSWORD)).toBeNull();
    await expect(users.disable('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(users.setPassword('nobody', PASSWORD)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('opens sessions stored by hash, ends them on logout, expiry, disabling and a new password', async () => {
    const { db } = await open();
    const users = new UsersService(db);
    await users.add('rex', 'reviewer', PASSWORD);
    let clock = new Date('2026-03-01T08:00:00Z');
    const sessions = new SessionsService(db, 12, () => clock);
    const first = await sessions.open({ name: 'rex', role: 'reviewer' });
    const row = await db.selectFrom('team_sessions').selectAll().executeTakeFirstOrThrow();
    expect(row.id_hash).not.toBe(first.token);
    expect(row.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await sessions.find(first.token)).toMatchObject({ name: 'rex', role: 'reviewer', csrfToken: first.csrfToken });
    expect(await sessions.find('not-a-session-token-at-all')).toBeNull();
    await sessions.close(first.token);
    expect(await sessions.find(first.token)).toBeNull();

    const second = await sessions.open({ name: 'rex', role: 'reviewer' });
    clock = new Date('2026-03-01T20:00:01Z');
    expect(await sessions.find(second.token)).toBeNull();
    expect(await sessions.sweep()).toBe(1);

    const third = await sessions.open({ name: 'rex', role: 'reviewer' });
    await users.setPassword('rex', 'a brand new password');
    expect(await sessions.find(third.token)).toBeNull();
    const fourth = await sessions.open({ name: 'rex', role: 'reviewer' });
    await users.disable('rex');
    expect(await sessions.find(fourth.token)).toBeNull();
  });

  it('assigns calls to reviewers once each and lists them', async () => {
    const { db } = await open();
    const users = new UsersService(db);
    await users.add('lea', 'lead', PASSWORD);
    await users.add('rex', 'reviewer', PASSWORD);
    const assignments = new AssignmentsService(db);
    expect(await assignments.assign(['c2', 'c1', 'c2'], 'rex', 'lea')).toBe(2);
    expect(await assignments.assign(['c1', 'c3'], 'rex', 'lea')).toBe(1);
    expect(await assignments.callsOf('rex')).toEqual(['c1', 'c2', 'c3']);
    await expect(assignments.assign(['c1'], 'ghost', 'lea')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await assignments.unassign(['c2'], 'rex')).toBe(1);
    expect(await assignments.callsOf('rex')).toEqual(['c1', 'c3']);
    expect(await assignments.callsOf('lea')).toEqual([]);
  });
});
