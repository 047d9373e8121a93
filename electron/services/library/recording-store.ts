/**
 * The one module that writes the `recordings` table: registering files, moving them, and every
 * status change (queued → analysing → done | error, back to queued). Ingest, the job queue, the
 * results writer and re-analysis call these instead of their own SQL, so the rules of a status
 * (a finished call is never re-queued by a stale job; an error row never hides a good one) live
 * in one place. Reads stay in recording-rows.ts and list-query.ts.
 */
import type { Database } from '../../db/database';
import { nowIso } from '../../db/database';
import type { PartyRole } from '../../shared/domain';
import type { ErrorPayload } from '../../shared/errors';
import { pathErrorId } from '../ingest/hash-file';
import type { ProbeInfo } from '../../../ml/audio/probe';
import { fileNameOf, type RecordingRow } from './recording-rows';

/** A per-path error row: the file could not be identified by content, but the reviewer must see why. */
export function registerPathError(db: Database, path: string, error: ErrorPayload, sizeBytes = 0): string {
  const id = pathErrorId(path);
  db.prepare(
    `INSERT INTO recordings (id, path, file_name, size_bytes, status, error_code, error_message, imported_at)
     VALUES (@id, @path, @name, @size, 'error', @code, @message, @now)
     ON CONFLICT(id) DO UPDATE SET size_bytes = excluded.size_bytes, error_code = excluded.error_code,
       error_message = excluded.error_message, imported_at = excluded.imported_at`,
  ).run({ id, path, name: fileNameOf(path), size: sizeBytes, code: error.code, message: error.message, now: nowIso() });
  return id;
}

/** The same path with other content is an older version of this call: kept, but superseded. */
function supersedeOthersAt(db: Database, path: string, id: string): void {
  db.prepare(`UPDATE recordings SET superseded_by = ? WHERE path = ? AND id <> ? AND content_hash IS NOT NULL AND superseded_by IS NULL`).run(id, path, id);
  db.prepare('DELETE FROM recordings WHERE id = ?').run(pathErrorId(path));
}

/**
 * Registers probed content as queued; returns the row instead when that content was analysed
 * meanwhile (a copy of a call being analysed right now: re-queueing it would analyse it twice).
 */
export function registerProbed(db: Database, path: string, hash: string, size: number, probe: ProbeInfo, roles: [PartyRole, PartyRole]): RecordingRow | null {
  // IMMEDIATE (here and below): a deferred transaction that reads before it writes cannot wait for
  // another process's write lock and fails with SQLITE_BUSY at once (workers beside the server).
  return db.transaction((): RecordingRow | null => {
    const current = db.prepare('SELECT * FROM recordings WHERE id = ?').get(hash) as RecordingRow | undefined;
    if (current?.status === 'done') return current;
    const values = {
      id: hash, path, name: fileNameOf(path), size, format: probe.format, codec: probe.codec, rate: probe.sampleRate,
      channels: probe.channels, duration: probe.durationS, roles: JSON.stringify(roles), now: nowIso(),
    };
    db.prepare(
      `INSERT INTO recordings (id, content_hash, path, file_name, size_bytes, duration_s, format, codec, sample_rate, channels,
         roles, status, imported_at)
       VALUES (@id, @id, @path, @name, @size, @duration, @format, @codec, @rate, @channels, @roles, 'queued', @now)
       ON CONFLICT(id) DO UPDATE SET path = excluded.path, file_name = excluded.file_name, size_bytes = excluded.size_bytes,
         duration_s = excluded.duration_s, format = excluded.format, codec = excluded.codec, sample_rate = excluded.sample_rate,
         channels = excluded.channels, roles = excluded.roles, error_code = NULL, error_message = NULL,
         status = CASE recordings.status WHEN 'analysing' THEN 'analysing' ELSE 'queued' END,
         superseded_by = NULL`,
    ).run(values);
    supersedeOthersAt(db, path, hash);
    return null;
  }).immediate();
}

/** An analysed call found again (maybe moved or renamed): it is the current version at `path`. */
export function relinkAnalysed(db: Database, row: RecordingRow, path: string): void {
  db.transaction(() => {
    if (row.path !== path) db.prepare('UPDATE recordings SET path = ?, file_name = ? WHERE id = ?').run(path, fileNameOf(path), row.id);
    supersedeOthersAt(db, path, row.id);
    db.prepare('UPDATE recordings SET superseded_by = NULL WHERE id = ?').run(row.id);
  }).immediate();
}

export function markAnalysing(db: Database, id: string): void {
  db.prepare(`UPDATE recordings SET status = 'analysing' WHERE id = ? AND status = 'queued'`).run(id);
}

/** Stopped by shutdown, not by the reviewer: queued again for the next start. */
export function markInterrupted(db: Database, id: string): void {
  db.prepare(`UPDATE recordings SET status = 'queued' WHERE id = ? AND status <> 'done'`).run(id);
}

export function markFailed(db: Database, id: string, error: ErrorPayload): void {
  db.prepare(`UPDATE recordings SET status = 'error', error_code = ?, error_message = ? WHERE id = ? AND status <> 'done'`).run(error.code, error.message, id);
}

/** Part of the results writer's transaction: the call is done, with what the analysis found. */
export function markAnalysed(db: Database, id: string, result: { durationS: number; sourceChannels: number; downmixed: boolean; modelVersion: string }): void {
  db.prepare(
    `UPDATE recordings SET status = 'done', error_code = NULL, error_message = NULL, duration_s = ?, channels = ?,
       downmixed = ?, model_version = ?, analysed_at = ? WHERE id = ?`,
  ).run(result.durationS, result.sourceChannels, result.downmixed ? 1 : 0, result.modelVersion, nowIso(), id);
}

/** Current recordings still queued or analysing (left by a crash). */
export function unfinishedRecordings(db: Database): Array<{ id: string; path: string }> {
  return db
    .prepare(`SELECT id, path FROM recordings WHERE status IN ('queued', 'analysing') AND content_hash IS NOT NULL AND superseded_by IS NULL`)
    .all() as Array<{ id: string; path: string }>;
}

/**
 * Queues every current analysed call that another version produced, and returns their paths.
 * 'queued' first: a crash before the job ends still re-analyses them on the next start.
 */
export function requeueOtherVersions(db: Database, version: string): string[] {
  const where = `status = 'done' AND content_hash IS NOT NULL AND superseded_by IS NULL AND (model_version IS NULL OR model_version <> ?)`;
  return db.transaction(() => {
    const rows = db.prepare(`SELECT path FROM recordings WHERE ${where}`).all(version) as Array<{ path: string }>;
    if (rows.length) db.prepare(`UPDATE recordings SET status = 'queued' WHERE ${where}`).run(version);
    return rows.map((r) => r.path);
  }).immediate();
}
