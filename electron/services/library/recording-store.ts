/**
 * The one module that writes the `recordings` table: registering files, moving them, and every
 * status change (queued → analysing → done | error, back to queued). Ingest, the job queue, the
 * results writer and re-analysis call these instead of their own SQL, so the rules of a status
 * (a finished call is never re-queued by a stale job; an error row never hides a good one) live
 * in one place. Reads stay in recording-rows.ts and list-query.ts.
 */
import { nowIso } from '../../db/database';
import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import type { PartyRole } from '../../shared/domain';
import type { ErrorPayload } from '../../shared/errors';
import { pathErrorId } from '../ingest/hash-file';
import type { ProbeInfo } from '../../../ml/audio/probe';
import { fileNameOf, type RecordingRow } from './recording-rows';

/** A per-path error row: the file could not be identified by content, but the reviewer must see why. */
export async function registerPathError(db: LibraryDb, path: string, error: ErrorPayload, sizeBytes = 0): Promise<string> {
  const id = pathErrorId(path);
  await db
    .insertInto('recordings')
    .values({ id, path, file_name: fileNameOf(path), size_bytes: sizeBytes, status: 'error', error_code: error.code, error_message: error.message, imported_at: nowIso() })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        size_bytes: eb.ref('excluded.size_bytes'),
        error_code: eb.ref('excluded.error_code'),
        error_message: eb.ref('excluded.error_message'),
        imported_at: eb.ref('excluded.imported_at'),
      })),
    )
    .execute();
  return id;
}

/** The same path with other content is an older version of this call: kept, but superseded. */
async function supersedeOthersAt(db: LibraryDb, path: string, id: string): Promise<void> {
  await db
    .updateTable('recordings')
    .set({ superseded_by: id })
    .where('path', '=', path)
    .where('id', '<>', id)
    .where('content_hash', 'is not', null)
    .where('superseded_by', 'is', null)
    .execute();
  await db.deleteFrom('recordings').where('id', '=', pathErrorId(path)).execute();
}

/**
 * Registers probed content as queued; returns the row instead when that content was analysed
 * meanwhile (a copy of a call being analysed right now: re-queueing it would analyse it twice).
 */
export function registerProbed(db: LibraryDb, path: string, hash: string, size: number, probe: ProbeInfo, roles: [PartyRole, PartyRole]): Promise<RecordingRow | null> {
  return libraryTransaction(db, async (trx) => {
    const current = await trx.selectFrom('recordings').selectAll().where('id', '=', hash).executeTakeFirst();
    if (current?.status === 'done') return current;
    await trx
      .insertInto('recordings')
      .values({
        id: hash, content_hash: hash, path, file_name: fileNameOf(path), size_bytes: size, duration_s: probe.durationS, format: probe.format,
        codec: probe.codec, sample_rate: probe.sampleRate, channels: probe.channels, roles: JSON.stringify(roles), status: 'queued', imported_at: nowIso(),
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          path: eb.ref('excluded.path'),
          file_name: eb.ref('excluded.file_name'),
          size_bytes: eb.ref('excluded.size_bytes'),
          duration_s: eb.ref('excluded.duration_s'),
          format: eb.ref('excluded.format'),
          codec: eb.ref('excluded.codec'),
          sample_rate: eb.ref('excluded.sample_rate'),
          channels: eb.ref('excluded.channels'),
          roles: eb.ref('excluded.roles'),
          error_code: null,
          error_message: null,
          status: eb.case().when('recordings.status', '=', 'analysing').then('analysing' as const).else('queued' as const).end(),
          superseded_by: null,
        })),
      )
      .execute();
    await supersedeOthersAt(trx, path, hash);
    return null;
  });
}

/** An analysed call found again (maybe moved or renamed): it is the current version at `path`. */
export function relinkAnalysed(db: LibraryDb, row: RecordingRow, path: string): Promise<void> {
  return libraryTransaction(db, async (trx) => {
    if (row.path !== path) await trx.updateTable('recordings').set({ path, file_name: fileNameOf(path) }).where('id', '=', row.id).execute();
    await supersedeOthersAt(trx, path, row.id);
    await trx.updateTable('recordings').set({ superseded_by: null }).where('id', '=', row.id).execute();
  });
}

export async function markAnalysing(db: LibraryDb, id: string): Promise<void> {
  await db.updateTable('recordings').set({ status: 'analysing' }).where('id', '=', id).where('status', '=', 'queued').execute();
}

/** Stopped by shutdown, not by the reviewer: queued again for the next start. */
export async function markInterrupted(db: LibraryDb, id: string): Promise<void> {
  await db.updateTable('recordings').set({ status: 'queued' }).where('id', '=', id).where('status', '<>', 'done').execute();
}

export async function markFailed(db: LibraryDb, id: string, error: ErrorPayload): Promise<void> {
  await db
    .updateTable('recordings')
    .set({ status: 'error', error_code: error.code, error_message: error.message })
    .where('id', '=', id)
    .where('status', '<>', 'done')
    .execute();
}

/** Part of the results writer's transaction: the call is done, with what the analysis found. */
export async function markAnalysed(db: LibraryDb, id: string, result: { durationS: number; sourceChannels: number; downmixed: boolean; modelVersion: string }): Promise<void> {
  await db
    .updateTable('recordings')
    .set({
      status: 'done', error_code: null, error_message: null, duration_s: result.durationS, channels: result.sourceChannels,
      downmixed: result.downmixed ? 1 : 0, model_version: result.modelVersion, analysed_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

/** Current recordings still queued or analysing (left by a crash). */
export function unfinishedRecordings(db: LibraryDb): Promise<Array<{ id: string; path: string }>> {
  return db
    .selectFrom('recordings')
    .select(['id', 'path'])
    .where('status', 'in', ['queued', 'analysing'])
    .where('content_hash', 'is not', null)
    .where('superseded_by', 'is', null)
    .execute();
}

/**
 * Queues every current analysed call that another version produced, and returns their paths.
 * 'queued' first: a crash before the job ends still re-analyses them on the next start.
 */
export function requeueOtherVersions(db: LibraryDb, version: string): Promise<string[]> {
  return libraryTransaction(db, async (trx) => {
    const rows = await trx
      .updateTable('recordings')
      .set({ status: 'queued' })
      .where('status', '=', 'done')
      .where('content_hash', 'is not', null)
      .where('superseded_by', 'is', null)
      .where((eb) => eb.or([eb('model_version', 'is', null), eb('model_version', '<>', version)]))
      .returning('path')
      .execute();
    return rows.map((r) => r.path);
  });
}
