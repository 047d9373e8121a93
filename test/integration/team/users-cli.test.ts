/** `emoqa users …` as a user runs it (the bin and its bundle): a real process, the password on stdin, both databases. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openTeamDatabase } from '../../../electron/db/team-database';
import { UsersService } from '../../../electron/services/team/users-service';
import { repoRoot } from '../../helpers/fixtures';
import { describeOnBothDatabases } from '../../helpers/team-databases';

function emoqa(args: string[], stdin = '', env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/emoqa.mjs'), ...args], {
    cwd: repoRoot, input: stdin, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeOnBothDatabases('emoqa users', (fresh) => {
  it('adds, lists, changes a password, disables; the server side sees each step', async () => {
    const url = await fresh();
    const db = ['--database-url', url];
    expect(emoqa(['users', 'add', 'ana', '--role', 'lead', ...db], 'first long password\n')).toMatchObject({ code: 0, stdout: 'added ana (lead)\n' });
    // The URL may come from the environment instead.
    expect(emoqa(['users', 'add', 'rex', '--role', 'reviewer'], 'rex long password\n', { EMOQA_DATABASE_URL: url }).code).toBe(0);
    const duplicate = emoqa(['users', 'add', 'ana', '--role', 'admin', ...db], 'whatever password\n');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/exists already \(CONFLICT\)/);
    expect(emoqa(['users', 'add', 'bo', '--role', 'owner', ...db], 'whatever password\n').stderr).toMatch(/--role/);
    expect(emoqa(['users', 'add', 'bo', '--role', 'admin', ...db], '').stderr).toMatch(/no password on stdin/);
    const listed = JSON.parse(emoqa(['users', 'list', '--json', ...db]).stdout) as Array<{ name: string; role: string; disabled: boolean }>;
    expect(listed.map((u) => [u.name, u.role, u.disabled])).toEqual([['ana', 'lead', false], ['rex', 'reviewer', false]]);
    expect(emoqa(['users', 'passwd', 'ana', ...db], 'second long password\n')).toMatchObject({ code: 0 });
    expect(emoqa(['users', 'disable', 'rex', ...db])).toMatchObject({ code: 0, stdout: 'disabled rex\n' });
    expect(emoqa(['users', 'list', ...db]).stdout).toMatch(/^rex +reviewer +\S+ +disabled$/m);

    const handle = await openTeamDatabase(url);
    try {
      const users = new UsersService(handle.db);
      expect(await users.verifyLogin('ana', 'first long password')).toBeNull();
      expect(await users.verifyLogin('ana', 'second long password')).toEqual({ name: 'ana', role: 'lead' });
      expect(await users.verifyLogin('rex', 'rex long password')).toBeNull();
    } finally {
      await handle.close();
    }
  }, 180_000);
});
