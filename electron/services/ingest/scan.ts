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

async function walk(dir: string, out: ScanResult, seen: Set<string>): Promise<void> {
  let real: string;
  let names: string[];
  try {
    real = await fs.realpath(dir);
    if (seen.has(real)) return; // a symlink loop
    seen.add(real);
    names = await fs.readdir(dir);
  } catch (error) {
    out.problems.push({ path: dir, error: fsError(dir, error) });
    return;
  }
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue; // .DS_Store, editors' temp files
    const path = join(dir, name);
    const stat = await fs.stat(path).catch(() => null);
    if (stat?.isDirectory()) await walk(path, out, seen);
    else out.files.push({ path, explicit: false }); // broken links and pipes are reported by ingest
  }
}

/** Expands files and folders (recursively) into the files to ingest, in a stable order. */
export async function scanPaths(paths: readonly string[]): Promise<ScanResult> {
  const out: ScanResult = { files: [], problems: [] };
  const seen = new Set<string>();
  for (const input of paths) {
    const path = resolve(input);
    const stat = await fs.stat(path).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (stat instanceof Error) {
      // A named file that cannot be stat'ed still goes to ingest, which records its error.
      out.files.push({ path, explicit: true });
      continue;
    }
    if (stat.isDirectory()) await walk(path, out, seen);
    else out.files.push({ path, explicit: true });
  }
  const unique = new Map<string, ScanEntry>();
  for (const entry of out.files) if (!unique.has(entry.path) || entry.explicit) unique.set(entry.path, entry);
  out.files = [...unique.values()];
  return out;
}
