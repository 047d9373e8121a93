import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** sha256 of the file's bytes, streamed (a two-hour call is never held in memory). */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash, { signal });
  return hash.digest('hex');
}

/** Row id of a path that failed before its content could be identified. */
export function pathErrorId(absolutePath: string): string {
  return `p-${createHash('sha256').update(absolutePath).digest('hex')}`;
}
