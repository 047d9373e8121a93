import { promises as fs } from 'node:fs';
import { EmoqaError } from '../../electron/shared/errors';

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (stat.isFIFO()) return 'cannot be read as audio (a named pipe)';
  if (stat.isSocket()) return 'cannot be read as audio (a socket)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'cannot be read as audio (a device)';
  return 'cannot be read as audio (not a regular file)';
}

/**
 * The one check of an input before anything opens it (a FIFO would hang a read, a folder is not a
 * call): missing → NOT_FOUND; a folder, pipe, socket, device or unreadable file → UNREADABLE;
 * zero bytes → EMPTY_FILE. NOT_AUDIO is left to ffmpeg, for files it cannot decode. Returns the
 * size. Messages do not name the path: ingest shows them on the file's row, decoders prefix it.
 */
export async function checkAudioFile(path: string): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const isLink = await fs.lstat(path).then(() => true, () => false);
    if (code === 'ENOENT') throw new EmoqaError('NOT_FOUND', isLink ? 'a link to a file that does not exist' : 'no such file');
    throw new EmoqaError('UNREADABLE', `cannot be read (${code ?? String(error)})`);
  }
  if (!stat.isFile()) throw new EmoqaError('UNREADABLE', kindOf(stat));
  try {
    await fs.access(path, fs.constants.R_OK);
  } catch (error) {
    throw new EmoqaError('UNREADABLE', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (stat.size === 0) throw new EmoqaError('EMPTY_FILE', 'the file is empty (0 bytes)');
  return stat.size;
}

/** checkAudioFile, with the path in the message (decoders report to a caller that may hold many). */
export async function checkReadable(path: string): Promise<number> {
  try {
    return await checkAudioFile(path);
  } catch (error) {
    if (error instanceof EmoqaError) throw new EmoqaError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}
