import { stat } from 'node:fs/promises';
import { EmoqaError } from '../../shared/errors';

/** What tells one version of a file from the next without reading it again. */
export interface FileState {
  size: number;
  mtimeMs: number;
  ino: number;
}

export async function fileState(path: string): Promise<FileState | null> {
  const info = await stat(path).catch(() => null);
  return info && { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
}

/** Results of a file rewritten (or deleted) while it was read would belong to no one content. */
export async function checkUnchanged(path: string, before: FileState): Promise<void> {
  const after = await fileState(path);
  if (!after) throw new EmoqaError('NOT_FOUND', `${path} was deleted while it was analysed`);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) {
    throw new EmoqaError('CONFLICT', `${path} changed while it was analysed; analyse it again once it is complete`);
  }
}
