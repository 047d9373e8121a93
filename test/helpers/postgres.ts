/**
 * A throwaway PostgreSQL cluster for a test file: `initdb` in a temp dir, `pg_ctl start` on a free
 * port (TCP on 127.0.0.1 only, socket in the same dir), stopped and deleted after. PostgreSQL
 * refuses to run as root, so as root the binaries run as the `postgres` user (Debian's package
 * creates it) in a dir that user owns. Missing binaries: see `postgresNeed` (fails in CI).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Need } from './requirements';

function binDir(): string | null {
  if (process.env.EMOQA_PG_BIN) return process.env.EMOQA_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

const isRoot = process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
    return { uid, gid };
  } catch {
    return null;
  }
}

export function postgresNeed(): Need {
  const bin = binDir();
  const user = !isRoot || postgresUser() !== null;
  return { what: 'PostgreSQL server binaries (apt-get install postgresql; or EMOQA_PG_BIN) and, as root, the postgres user', ok: bin !== null && user };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, tool: string, args: string[]): void {
  const [command, all] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  try {
    execFileSync(command, all, { stdio: 'pipe', cwd: tmpdir() });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`${tool} failed: ${stderr || (error as Error).message}`);
  }
}

export interface PostgresCluster {
  /** `postgresql://postgres@127.0.0.1:PORT/postgres` (trust authentication, loopback only). */
  url: string;
  /** A new empty database on the cluster; its URL. */
  createDatabase(name: string): Promise<string>;
  /** The postmaster's pid (its backends are its children): for benches that count the server's CPU. */
  pid(): number;
  stop(): void;
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  if (!bin) throw new Error('no PostgreSQL binaries: apt-get install postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'emoqa-pg-'));
  const data = join(dir, 'data');
  if (isRoot) {
    const user = postgresUser();
    if (!user) throw new Error('running as root without a postgres user to run PostgreSQL as');
    chownSync(dir, user.uid, user.gid);
  }
  const port = await freePort();
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(bin, 'pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    pid() {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
