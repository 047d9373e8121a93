import type { Command } from 'commander';
import { z } from 'zod';
import type { UsersService } from '../../services/team/users-service';
import { EmoqaError } from '../../shared/errors';
import { roleSchema, ROLES } from '../../shared/team';
import { readSecret } from '../read-secret';
import { parseOptions } from './retrain';

const DATABASE_URL_HELP = 'team database: postgresql://… or a SQLite file (default: $EMOQA_DATABASE_URL)';
const common = { databaseUrl: z.string().min(1).optional() };
const addSchema = z.object({ ...common, role: roleSchema });
const listSchema = z.object({ ...common, json: z.boolean().optional() });
const plainSchema = z.object(common);

async function withUsers<T>(databaseUrl: string | undefined, run: (users: UsersService) => Promise<T>): Promise<T> {
  // Imported here: the team database (kysely, pg: ~270 modules) loads only for the commands that use it.
  const [{ openTeamDatabase, resolveDatabaseUrl }, { UsersService }] = await Promise.all([
    import('../../db/team-database'), import('../../services/team/users-service')]);
  const handle = await openTeamDatabase(resolveDatabaseUrl(databaseUrl));
  try {
    return await run(new UsersService(handle.db));
  } finally {
    await handle.close();
  }
}

async function newPassword(): Promise<string> {
  const password = await readSecret('Password: ');
  if (!password) throw new EmoqaError('INVALID_ARGUMENT', 'no password on stdin (give it on the first line, or type it at the prompt)');
  return password;
}

/** `emoqa users add|list|disable|passwd`: the accounts of a team server. */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('Accounts of the team server (`emoqa server`): add, list, disable, change a password.');

  users
    .command('add <name>')
    .description('Add an account; its password is read from stdin (first line), or typed at the prompt without echo.')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--database-url <url>', DATABASE_URL_HELP)
    .action(async (name: string, raw: unknown) => {
      const o = parseOptions(addSchema, raw);
      const password = await newPassword();
      const user = await withUsers(o.databaseUrl, (service) => service.add(name, o.role, password));
      process.stdout.write(`added ${user.name} (${user.role})\n`);
    });

  users
    .command('list')
    .description('List the accounts: name, role, created, disabled.')
    .option('--database-url <url>', DATABASE_URL_HELP)
    .option('--json', 'print them as JSON')
    .action(async (raw: unknown) => {
      const o = parseOptions(listSchema, raw);
      const list = await withUsers(o.databaseUrl, (service) => service.list());
      if (o.json) return void process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      for (const u of list) process.stdout.write(`${u.name.padEnd(24)} ${u.role.padEnd(9)} ${u.createdAt.slice(0, 19)}${u.disabled ? '  disabled' : ''}\n`);
    });

  users
    .command('disable <name>')
    .description('Sign the account out everywhere and refuse its logins; its name stays on its work.')
    .option('--database-url <url>', DATABASE_URL_HELP)
    .action(async (name: string, raw: unknown) => {
      const o = parseOptions(plainSchema, raw);
      await withUsers(o.databaseUrl, (service) => service.disable(name));
      process.stdout.write(`disabled ${name}\n`);
    });

  users
    .command('passwd <name>')
    .description('Set a new password (from stdin, or typed at the prompt); the account\'s sessions end.')
    .option('--database-url <url>', DATABASE_URL_HELP)
    .action(async (name: string, raw: unknown) => {
      const o = parseOptions(plainSchema, raw);
      const password = await newPassword();
      await withUsers(o.databaseUrl, (service) => service.setPassword(name, password));
      process.stdout.write(`changed the password of ${name}\n`);
    });
}
