import { checkAudioFile } from '../../../ml/audio/check-file';
import type { LibraryDb } from '../../db/library-database';
import type { PartyRole } from '../../shared/domain';
import { EmoqaError, toErrorPayload, type ErrorPayload } from '../../shared/errors';
import { parseRoles } from '../library/recording-rows';
import { registerPathError, registerProbed, relinkAnalysed } from '../library/recording-store';
import { hashFileWithHead, type HashedFile } from '../../../ml/audio/content-hash';
import { HEADER_BYTES } from '../../../ml/audio/header-probe';
import { probeAudio, type ProbeInfo } from '../../../ml/audio/probe';
import { looksLikeMedia, type ScanEntry } from './scan';

export type IngestOutcome =
  | { kind: 'queued'; path: string; recordingId: string; durationS: number | null; channels: number | null; roles: [PartyRole, PartyRole] }
  | { kind: 'done'; path: string; recordingId: string; durationS: number | null }
  | { kind: 'skipped'; path: string; reason: string }
  | { kind: 'error'; path: string; recordingId: string; error: ErrorPayload };

/** The content hash, and the file's first bytes for the probe, in one read. */
async function hashOrFail(path: string): Promise<HashedFile> {
  try {
    return await hashFileWithHead(path, HEADER_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EmoqaError('UNREADABLE', `cannot be read (${code ?? (error as Error).message})`, { cause: error });
  }
}

/**
 * Identifies one file by its content and registers it: unchanged (or only moved) analysed calls are
 * not analysed again; new content is queued; anything unusable gets a per-file error row.
 * `roles` null keeps the roles a recording was first queued with (resume after a crash).
 */
export async function ingestFile(
  db: LibraryDb,
  entry: ScanEntry,
  roles: [PartyRole, PartyRole] | null,
  defaultRoles: [PartyRole, PartyRole],
): Promise<IngestOutcome> {
  const { path } = entry;
  let size = 0;
  try {
    size = await checkAudioFile(path);
    const hashed = await hashOrFail(path);
    const { hash } = hashed;
    const existing = await db.selectFrom('recordings').selectAll().where('id', '=', hash).executeTakeFirst();
    if (existing?.status === 'done') {
      await relinkAnalysed(db, existing, path);
      return { kind: 'done', path, recordingId: hash, durationS: existing.duration_s };
    }
    let probe: ProbeInfo;
    try {
      probe = await probeAudio(path, hashed);
    } catch (error) {
      const notAudio = error instanceof EmoqaError && error.code === 'NOT_AUDIO';
      if (notAudio && !entry.explicit && !looksLikeMedia(path)) return { kind: 'skipped', path, reason: error.message };
      throw error;
    }
    const chosen = roles ?? parseRoles(existing?.roles ?? null, defaultRoles);
    const analysed = await registerProbed(db, path, hash, size, probe, chosen);
    if (analysed) {
      await relinkAnalysed(db, analysed, path);
      return { kind: 'done', path, recordingId: hash, durationS: analysed.duration_s };
    }
    return { kind: 'queued', path, recordingId: hash, durationS: probe.durationS, channels: probe.channels, roles: chosen };
  } catch (error) {
    const payload = toErrorPayload(error);
    return { kind: 'error', path, recordingId: await registerPathError(db, path, payload, size), error: payload };
  }
}
