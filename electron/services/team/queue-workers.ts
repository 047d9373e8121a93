/**
 * Who works on the analysis queue: one row per `emoqa worker` process in the team database,
 * renewed every few seconds, so status can say what each is doing and spot the ones that died.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TeamDatabase } from '../../db/team-schema';
import type { QueueWorker } from '../../shared/queue-status';

export const WORKER_HEARTBEAT_MS = 5000;
/** Workers silent this long are shown as lost; after an hour they are no longer listed. */
const ALIVE_MS = 3 * WORKER_HEARTBEAT_MS;
const LISTED_MS = 3_600_000;

const currentSchema = z.array(z.object({ file: z.string(), since: z.string() }));

/** The jobs in hand as a worker wrote them; a row that does not parse shows as idle rather than failing status. */
function parseCurrent(text: string): Array<{ file: string; since: string }> {
  try {
    return currentSchema.catch([]).parse(JSON.parse(text));
  } catch {
    return [];
  }
}

export class WorkerRegistry {
  readonly id = randomUUID();
  private readonly current = new Map<string, { file: string; since: string }>();
  private done = 0;
  private failed = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<TeamDatabase>, private readonly concurrency: number) {}

  async register(): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('team_workers')
      .values({ id: this.id, host: hostname(), pid: process.pid, concurrency: this.concurrency, started_at: now, seen_at: now, stopped_at: null, current: '[]', done: 0, failed: 0 })
      .execute();
    this.timer = setInterval(() => void this.save(), WORKER_HEARTBEAT_MS);
    this.timer.unref();
  }

  begin(jobId: string, file: string): Promise<void> {
    this.current.set(jobId, { file, since: new Date().toISOString() });
    return this.save();
  }

  end(jobId: string, ok: boolean): Promise<void> {
    this.current.delete(jobId);
    if (ok) this.done++;
    else this.failed++;
    return this.save();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.current.clear();
    await this.save(new Date().toISOString());
  }

  /** Writes are chained so a heartbeat never lands after a newer state. */
  private save(stoppedAt: string | null = null): Promise<void> {
    const values = { seen_at: new Date().toISOString(), current: JSON.stringify([...this.current.values()]), done: this.done, failed: this.failed };
    this.writing = this.writing.then(async () => {
      try {
        await this.db.updateTable('team_workers').set(stoppedAt ? { ...values, stopped_at: stoppedAt } : values).where('id', '=', this.id).execute();
      } catch (error) {
        console.error(`emoqa: worker heartbeat: ${(error as Error).message}`);
      }
    });
    return this.writing;
  }
}

/** Workers not stopped and heard from within the hour, newest first. */
export async function listWorkers(db: Kysely<TeamDatabase>, now = Date.now()): Promise<QueueWorker[]> {
  const rows = await db
    .selectFrom('team_workers')
    .selectAll()
    .where('stopped_at', 'is', null)
    .where('seen_at', '>', new Date(now - LISTED_MS).toISOString())
    .orderBy('started_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    host: row.host,
    pid: row.pid,
    concurrency: row.concurrency,
    startedAt: row.started_at,
    seenAt: row.seen_at,
    alive: now - Date.parse(row.seen_at) < ALIVE_MS,
    current: parseCurrent(row.current),
    done: row.done,
    failed: row.failed,
  }));
}
