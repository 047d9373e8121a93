/**
 * Which database a URL names: `postgresql://…` / `postgres://…`, `sqlite:PATH` / `sqlite://PATH`,
 * or a plain file path (SQLite). Kept apart from the openers so a command that only parses a URL
 * loads neither pg nor the migrations.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { EmoqaError } from '../shared/errors';

export type DatabaseTarget = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; path: string };

export const DATABASE_URL_ENV = 'EMOQA_DATABASE_URL';

const urlText = z.string().trim().min(1, 'the database URL is empty').max(4096);

/** `postgresql://…` / `postgres://…`, `sqlite:PATH` / `sqlite://PATH`, or a plain file path. */
export function parseDatabaseUrl(text: string): DatabaseTarget {
  const parsed = urlText.safeParse(text);
  if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', `bad database URL: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const value = parsed.data;
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', url: value };
  const sqlite = /^sqlite:(\/\/)?(.+)$/i.exec(value);
  if (sqlite) return { dialect: 'sqlite', path: sqlite[2] === ':memory:' ? ':memory:' : resolve(sqlite[2]) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new EmoqaError('INVALID_ARGUMENT', `unsupported database URL ${value.split('://')[0]}://…: use postgresql://… or a SQLite file path`);
  }
  return { dialect: 'sqlite', path: value === ':memory:' ? value : resolve(value) };
}

/** The option, else $EMOQA_DATABASE_URL; neither is an error (team mode names its database). */
export function resolveDatabaseUrl(given: string | undefined): string {
  const url = given ?? process.env[DATABASE_URL_ENV];
  if (!url) throw new EmoqaError('INVALID_ARGUMENT', `name the team database: --database-url URL or $${DATABASE_URL_ENV}`);
  return url;
}

/** The database without its password, for log lines. */
export function shownTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return target.path;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}
