import { EmoqaError } from '../../shared/errors';

const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * A failed file-system call as the error a user can act on: a missing path is NOT_FOUND, a refused
 * one PERMISSION_DENIED, anything else UNREADABLE (never INTERNAL: it is about the user's files).
 */
export function fsError(path: string, error: unknown, action: 'read' | 'write' = 'read'): EmoqaError {
  if (error instanceof EmoqaError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new EmoqaError('NOT_FOUND', `${path}: no such file or folder`, { cause: error });
  if (code !== undefined && DENIED.has(code)) {
    return new EmoqaError('PERMISSION_DENIED', `${path}: permission denied, cannot ${action} it (${code})`, { cause: error });
  }
  return new EmoqaError('UNREADABLE', `${path}: cannot be ${action === 'read' ? 'read' : 'written'} (${code ?? String(error)})`, { cause: error });
}

/** Runs a write to `path`, reporting a refusal as PERMISSION_DENIED rather than INTERNAL. */
export async function writing<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw fsError(path, error, 'write');
  }
}
