import { userInfo } from 'node:os';
import { z } from 'zod';
import type { Database } from '../../db/database';
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

/** Key/value settings stored as JSON in the database, so the CLI and the app agree on them. */
export class SettingsService {
  constructor(
    private readonly db: Database,
    private readonly databasePath: string,
  ) {}

  private read(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }

  /** Who corrections are attributed to: the configured name, else the operating-system user. */
  reviewerName(): string {
    const stored = this.read('reviewerName');
    return typeof stored === 'string' && stored.trim() ? stored.trim() : osUser();
  }

  defaultRoles(): [PartyRole, PartyRole] {
    const parsed = rolesSchema.safeParse(this.read('defaultRoles'));
    return parsed.success ? [parsed.data[0], parsed.data[1]] : [...DEFAULT_ROLES];
  }

  /** The active model, else the one that produced the latest stored predictions. */
  modelVersion(): string | null {
    const active = activeVersionName(this.db);
    if (active) return active;
    const latest = this.db
      .prepare('SELECT model_version AS version FROM recordings WHERE model_version IS NOT NULL ORDER BY analysed_at DESC LIMIT 1')
      .get() as { version: string } | undefined;
    return latest?.version ?? null;
  }

  pathPattern(): string {
    const parsed = pathPatternSchema.safeParse(this.read('pathPattern'));
    return parsed.success ? parsed.data : '';
  }

  /** Split mono calls into agent and customer (ml/diarize); off unless asked for. */
  separateMono(): boolean {
    return this.read('separateMono') === true;
  }

  get(): Settings {
    return {
      reviewerName: this.reviewerName(),
      defaultRoles: this.defaultRoles(),
      databasePath: this.databasePath,
      modelVersion: this.modelVersion(),
      pathPattern: this.pathPattern(),
      separateMono: this.separateMono(),
    };
  }

  update(args: HandlerArgs<'settings.update'>): Settings {
    this.db.transaction(() => {
      if (args.reviewerName !== undefined) this.write('reviewerName', args.reviewerName);
      if (args.defaultRoles !== undefined) this.write('defaultRoles', args.defaultRoles);
      if (args.pathPattern !== undefined) this.write('pathPattern', args.pathPattern);
      if (args.separateMono !== undefined) this.write('separateMono', args.separateMono);
    })();
    return this.get();
  }
}
