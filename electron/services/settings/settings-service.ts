import { userInfo } from 'node:os';
import { z } from 'zod';
import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import type { HandlerArgs, Settings } from '../../shared/contract';
import { pathPatternSchema } from '../../shared/conversation';
import { partyRoleSchema, type PartyRole } from '../../shared/domain';
import { activeVersionName } from '../models/model-registry';

const rolesSchema = z.tuple([partyRoleSchema, partyRoleSchema]);
const DEFAULT_ROLES: [PartyRole, PartyRole] = ['agent', 'customer'];

function osUser(): string {
  try {
    return userInfo().username || 'reviewer';
  } catch {
    return 'reviewer';
  }
}

/** One stored setting (JSON text), undefined when absent or unreadable. Every read of `settings` is here. */
export async function readSetting(db: LibraryDb, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

/** Stores one setting as JSON, replacing what was there. */
export async function writeSetting(db: LibraryDb, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}

/** Key/value settings stored as JSON in the database, so the CLI and the app agree on them. */
export class SettingsService {
  constructor(
    private readonly db: LibraryDb,
    private readonly databasePath: string,
  ) {}

  /** Who corrections are attributed to: the configured name, else the operating-system user. */
  async reviewerName(): Promise<string> {
    const stored = await readSetting(this.db, 'reviewerName');
    return typeof stored === 'string' && stored.trim() ? stored.trim() : osUser();
  }

  async defaultRoles(): Promise<[PartyRole, PartyRole]> {
    const parsed = rolesSchema.safeParse(await readSetting(this.db, 'defaultRoles'));
    return parsed.success ? [parsed.data[0], parsed.data[1]] : [...DEFAULT_ROLES];
  }

  /** The active model, else the one that produced the latest stored predictions. */
  async modelVersion(): Promise<string | null> {
    const active = await activeVersionName(this.db);
    if (active) return active;
    const latest = await this.db
      .selectFrom('recordings')
      .select('model_version')
      .where('model_version', 'is not', null)
      .orderBy('analysed_at', (ob) => ob.desc().nullsLast()) // SQLite's order of NULLs on PostgreSQL too
      .limit(1)
      .executeTakeFirst();
    return latest?.model_version ?? null;
  }

  async pathPattern(): Promise<string> {
    const parsed = pathPatternSchema.safeParse(await readSetting(this.db, 'pathPattern'));
    return parsed.success ? parsed.data : '';
  }

  /** Split mono calls into agent and customer (ml/diarize); off unless asked for. */
  async separateMono(): Promise<boolean> {
    return (await readSetting(this.db, 'separateMono')) === true;
  }

  async get(): Promise<Settings> {
    const [reviewerName, defaultRoles, modelVersion, pathPattern, separateMono] = await Promise.all([
      this.reviewerName(), this.defaultRoles(), this.modelVersion(), this.pathPattern(), this.separateMono(),
    ]);
    return { reviewerName, defaultRoles, databasePath: this.databasePath, modelVersion, pathPattern, separateMono };
  }

  async update(args: HandlerArgs<'settings.update'>): Promise<Settings> {
    await libraryTransaction(this.db, async (trx) => {
      if (args.reviewerName !== undefined) await writeSetting(trx, 'reviewerName', args.reviewerName);
      if (args.defaultRoles !== undefined) await writeSetting(trx, 'defaultRoles', args.defaultRoles);
      if (args.pathPattern !== undefined) await writeSetting(trx, 'pathPattern', args.pathPattern);
      if (args.separateMono !== undefined) await writeSetting(trx, 'separateMono', args.separateMono);
    });
    return this.get();
  }
}
