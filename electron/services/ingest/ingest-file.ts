import { promises as fs } from 'node:fs';
import type { Database } from '../../db/database';
import { nowIso } from '../../db/database';
import type { PartyRole } from '../../shared/domain';
import { EmoqaError, toErrorPayload, type ErrorPayload } from '../../shared/errors';
import { fileNameOf, parseRoles, type RecordingRow } from '../library/recording-rows';
import { hashFile, pathErrorId } from './hash-file';
import { probeAudio, type ProbeInfo } from '../../../ml/audio/probe';
import { looksLikeMedia, type ScanEntry } from './scan';

export type IngestOutcome =
  | { kind: 'queued'; path: string; recordingId: string; durationS: number | null; channels: number | null; roles: [PartyRole, PartyRole] }
  | { kind: 'done'; path: string; recordingId: string; durationS: number | null }
  | { kind: 'skipped'; path: string; reason: string }
  | { kind: 'error'; path: string; recordingId: string; error: ErrorPayload };

function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Checks the file without opening anything that could block (a FIFO would hang a read). */
async function checkFile(path: string): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const exists = await fs.lstat(path).then(() => true, () => false);
    if (code === 'ENOENT') throw new EmoqaError('NOT_FOUND', exists ? 'a link to a file that does not exist' : 'no such file');
    throw new EmoqaError('UNREADABLE', `cannot be read (${code ?? String(error)})`);
  }
  if (stat.isDirectory()) throw new EmoqaError('UNREADABLE', 'is a folder, not a file');
  if (!stat.isFile()) throw new EmoqaError('UNREADABLE', `cannot be read as audio (${kindOf(stat)})`);
  if (stat.size === 0) throw new EmoqaError('EMPTY_FILE', 'the file is empty (0 bytes)');
  return stat.size;
}

async function hashOrFail(path: string): Promise<string> {
  try {
    return await hashFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EmoqaError('UNREADABLE', `cannot be read (${code ?? (error as Error).message})`, { cause: error });
  }
}

/** A per-path error row: the file could not be identified by content, but the reviewer must see why. */
export function recordPathError(db: Database, path: string, error: ErrorPayload, sizeBytes = 0): string {
  const id = pathErrorId(path);
  db.prepare(
    `INSERT INTO recordings (id, path, file_name, size_bytes, status, error_code, error_message, imported_at)
     VALUES (@id, @path, @name, @size, 'error', @code, @message, @now)
     ON CONFLICT(id) DO UPDATE SET size_bytes = excluded.size_bytes, error_code = excluded.error_code,
       error_message = excluded.error_message, imported_at = excluded.imported_at`,
  ).run({ id, path, name: fileNameOf(path), size: sizeBytes, code: error.code, message: error.message, now: nowIso() });
  return id;
}

/**
 * Registers probed content as queued; returns the row instead when that content was analysed
 * meanwhile (a copy of a call being analysed right now: re-queueing it would analyse it twice).
 */
function storeProbed(db: Database, path: string, hash: string, size: number, probe: ProbeInfo, roles: [PartyRole, PartyRole]): RecordingRow | null {
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
    // The same path with other content is an older version of this call: kept, but superseded.
    db.prepare(
      `UPDATE recordings SET superseded_by = ? WHERE path = ? AND id <> ? AND content_hash IS NOT NULL AND superseded_by IS NULL`,
    ).run(hash, path, hash);
    db.prepare('DELETE FROM recordings WHERE id = ?').run(pathErrorId(path));
    return null;
  })();
}

function moveDone(db: Database, row: RecordingRow, path: string): void {
  db.transaction(() => {
    if (row.path !== path) db.prepare('UPDATE recordings SET path = ?, file_name = ? WHERE id = ?').run(path, fileNameOf(path), row.id);
    db.prepare(
      `UPDATE recordings SET superseded_by = ? WHERE path = ? AND id <> ? AND content_hash IS NOT NULL AND superseded_by IS NULL`,
    ).run(row.id, path, row.id);
    db.prepare('UPDATE recordings SET superseded_by = NULL WHERE id = ?').run(row.id);
    db.prepare('DELETE FROM recordings WHERE id = ?').run(pathErrorId(path));
  })();
}

/**
 * Identifies one file by its content and registers it: unchanged (or only moved) analysed calls are
 * not analysed again; new content is queued; anything unusable gets a per-file error row.
 * `roles` null keeps the roles a recording was first queued with (resume after a crash).
 */
export async function ingestFile(
  db: Database,
  entry: ScanEntry,
  roles: [PartyRole, PartyRole] | null,
  defaultRoles: [PartyRole, PartyRole],
): Promise<IngestOutcome> {
  const { path } = entry;
  let size = 0;
  try {
    size = await checkFile(path);
    const hash = await hashOrFail(path);
    const existing = db.prepare('SELECT * FROM recordings WHERE id = ?').get(hash) as RecordingRow | undefined;
    if (existing?.status === 'done') {
      moveDone(db, existing, path);
      return { kind: 'done', path, recordingId: hash, durationS: existing.duration_s };
    }
    let probe: ProbeInfo;
    try {
      probe = await probeAudio(path);
    } catch (error) {
      const notAudio = error instanceof EmoqaError && error.code === 'NOT_AUDIO';
      if (notAudio && !entry.explicit && !looksLikeMedia(path)) return { kind: 'skipped', path, reason: error.message };
      throw error;
    }
    const chosen = roles ?? parseRoles(existing?.roles ?? null, defaultRoles);
    const analysed = storeProbed(db, path, hash, size, probe, chosen);
    if (analysed) {
      moveDone(db, analysed, path);
      return { kind: 'done', path, recordingId: hash, durationS: analysed.duration_s };
    }
    return { kind: 'queued', path, recordingId: hash, durationS: probe.durationS, channels: probe.channels, roles: chosen };
  } catch (error) {
    const payload = toErrorPayload(error);
    return { kind: 'error', path, recordingId: recordPathError(db, path, payload, size), error: payload };
  }
}
