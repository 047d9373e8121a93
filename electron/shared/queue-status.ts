import { z } from 'zod';

/** The team's analysis queue as `emoqa status` and the contract's `queue.status` report it. */
export const queueWorkerSchema = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number().int(),
  concurrency: z.number().int(),
  startedAt: z.string(),
  seenAt: z.string(),
  /** Seen within the last few heartbeats; a false one was killed or lost its database. */
  alive: z.boolean(),
  current: z.array(z.object({ file: z.string(), since: z.string() })),
  done: z.number().int(),
  failed: z.number().int(),
});

export const queueStatusSchema = z.object({
  counts: z.object({ queued: z.number().int(), active: z.number().int(), completed: z.number().int(), failed: z.number().int() }),
  workers: z.array(queueWorkerSchema),
  /** Calls finished per minute over the last 15 minutes, all workers together; null before the first. */
  callsPerMinute: z.number().nullable(),
  /** Seconds until queued and active calls are done at that rate. */
  etaS: z.number().nullable(),
  recentFailures: z.array(z.object({ file: z.string(), error: z.string(), at: z.string() })),
});

export type QueueWorker = z.infer<typeof queueWorkerSchema>;
export type QueueStatus = z.infer<typeof queueStatusSchema>;

/** Files queued from the UI (`queue.enqueue`, a lead's): how many went in; the paths that could not be read. */
export interface QueueEnqueueResult {
  queued: number;
  /** Already waiting (or, once more, already being analysed). */
  alreadyQueued: number;
  problems: Array<{ path: string; message: string }>;
}

/** Paths as the server and its workers see them: absolute (POSIX or Windows), so no one guesses a folder. */
export const serverPathSchema = z.string().min(1).max(4096).regex(/^(\/|[A-Za-z]:[\\/])/, 'a path on the server, from its root (/srv/calls/…)');
