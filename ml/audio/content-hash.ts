import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * The one content hash of a file, streamed (a two-hour call is never held in memory). Recordings
 * are identified by its sha256; the feature cache keys its files by sha1, as it always has (a new
 * algorithm would orphan every cached feature).
 */
export async function hashFile(path: string, options: { algorithm?: 'sha256' | 'sha1'; signal?: AbortSignal } = {}): Promise<string> {
  const hash = createHash(options.algorithm ?? 'sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash, { signal: options.signal });
  return hash.digest('hex');
}
