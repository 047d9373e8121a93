import { promises as fs, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { DirectoryListing } from '../../shared/contract';
import { EmoqaError } from '../../shared/errors';

/** Entries one listing returns: a folder of 200 000 calls is answered quickly and small. */
export const MAX_LISTED = 2_000;

/**
 * A folder's contents for the in-app browser (browser mode has no native dialog). Folders first,
 * then files, by name; hidden entries left out. Every file is listed: audio is recognised by
 * probing at import, not by its extension. Read as a stream; past `limit` entries only counted
 * (`omitted`), folders kept first so one can still open them.
 */
export async function listDirectory(dir: string | undefined, limit = MAX_LISTED): Promise<DirectoryListing> {
  const target = resolve(dir ?? homedir());
  const dirs: Dirent[] = [];
  const files: Dirent[] = [];
  let omitted = 0;
  try {
    const stat = await fs.stat(target);
    if (!stat.isDirectory()) throw new EmoqaError('INVALID_ARGUMENT', `${target} is not a folder`);
    for await (const entry of await fs.opendir(target, { bufferSize: 256 })) {
      if (entry.name.startsWith('.')) continue;
      if (dirs.length + files.length < limit) (entry.isDirectory() ? dirs : files).push(entry);
      else if (entry.isDirectory() && files.length > 0) {
        files.pop();
        dirs.push(entry);
        omitted++;
      } else omitted++;
    }
  } catch (error) {
    if (error instanceof EmoqaError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EmoqaError('NOT_FOUND', `${target}: no such folder`);
    throw new EmoqaError('UNREADABLE', `${target}: cannot be read (${code ?? String(error)})`);
  }
  const listed = await Promise.all(
    [...dirs, ...files]
      .map(async (entry) => {
        const path = join(target, entry.name);
        // Follow links so a linked folder can be opened; a broken link shows as a file.
        const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await fs.stat(path).then((s) => s.isDirectory(), () => false)));
        return { name: entry.name, path, kind: isDir ? ('dir' as const) : ('file' as const) };
      }),
  );
  listed.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = dirname(target);
  return { dir: target, parent: parent === target ? null : parent, entries: listed, omitted };
}
