import { promises as fs } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { EmoqaError } from '../../shared/errors';
import { fsError } from '../files/fs-errors';

export interface ScanEntry {
  /** Absolute path. */
  path: string;
  /** Named directly (not found inside a folder): its failure is always reported. */
  explicit: boolean;
}

export interface ScanProblem {
  path: string;
  error: EmoqaError;
}

export interface ScanResult {
  files: ScanEntry[];
  problems: ScanProblem[];
}

/**
 * Extensions under which a non-audio file inside a folder is worth an error (a broken `.wav`);
 * anything else that does not probe as audio (notes, sidecar JSON) is skipped quietly.
 * Recognition itself is by probing, never by this list.
 */
const MEDIA_EXTENSIONS = new Set(
  ('wav wave bwf rf64 mp3 mp2 m4a m4b aac mp4 m4v mov 3gp 3ga 3g2 mkv mka webm ogg oga opus spx flac amr awb wma wmv asf ' +
    'aif aiff aifc au snd caf gsm vox ac3 avi mpg mpeg ts mts raw pcm sln ulaw alaw').split(' '),
);

export function looksLikeMedia(path: string): boolean {
  return MEDIA_EXTENSIONS.has(extname(path).slice(1).toLowerCase());
}

/** Files one scan may collect: a job this large is already days of analysis; more is a mistake. */
export const MAX_SCAN_FILES = 500_000;

interface WalkState {
  out: ScanResult;
  seen: Set<string>;
  maxFiles: number;
  full: boolean;
}

/**
 * One folder, streamed with `opendir` (no array of every entry's stat): only links and entries of
 * unknown type are stat'ed, so a folder of 200 000 calls lists in about a second.
 */
async function walk(dir: string, state: WalkState): Promise<void> {
  const { out } = state;
  const entries: Array<{ name: string; kind: 'dir' | 'file' | 'unknown' }> = [];
  try {
    const real = await fs.realpath(dir);
    if (state.seen.has(real)) return; // a symlink loop
    state.seen.add(real);
    for await (const entry of await fs.opendir(dir, { bufferSize: 256 })) {
      if (entry.name.startsWith('.')) continue; // .DS_Store, editors' temp files
      entries.push({ name: entry.name, kind: entry.isDirectory() ? 'dir' : entry.isSymbolicLink() || entry.isFile() === false ? 'unknown' : 'file' });
      if (entries.length > state.maxFiles) break; // no folder is read past the cap
    }
  } catch (error) {
    out.problems.push({ path: dir, error: fsError(dir, error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (state.full) return;
    const path = join(dir, entry.name);
    const isDir = entry.kind === 'dir' || (entry.kind === 'unknown' && (await fs.stat(path).then((s) => s.isDirectory(), () => false)));
    if (isDir) {
      await walk(path, state);
      continue;
    }
    if (out.files.length >= state.maxFiles) {
      state.full = true;
      out.problems.push({
        path: dir,
        error: new EmoqaError('INVALID_ARGUMENT', `more than ${state.maxFiles} files under the folders given: import them in parts`),
      });
      return;
    }
    out.files.push({ path, explicit: false }); // broken links and pipes are reported by ingest
  }
}

/** Expands files and folders (recursively) into the files to ingest, in a stable order, at most `maxFiles`. */
export async function scanPaths(paths: readonly string[], options: { maxFiles?: number } = {}): Promise<ScanResult> {
  const out: ScanResult = { files: [], problems: [] };
  const state: WalkState = { out, seen: new Set(), maxFiles: options.maxFiles ?? MAX_SCAN_FILES, full: false };
  for (const input of paths) {
    const path = resolve(input);
    const stat = await fs.stat(path).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (stat instanceof Error) {
      // A named file that cannot be stat'ed still goes to ingest, which records its error.
      out.files.push({ path, explicit: true });
      continue;
    }
    if (stat.isDirectory()) await walk(path, state);
    else out.files.push({ path, explicit: true });
  }
  const unique = new Map<string, ScanEntry>();
  for (const entry of out.files) if (!unique.has(entry.path) || entry.explicit) unique.set(entry.path, entry);
  out.files = [...unique.values()];
  return out;
}
