import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { RecordingDetail } from '../shared/domain';
import { audioContentType, parseRange } from './range';

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Null for HEAD and for 416. */
  body: Readable | null;
}

/**
 * The file a recording's media URL may stream: only a recording that probed as audio (a failed
 * row records any path it was given, `/etc/passwd` included), and only its stored audio path.
 */
export function playablePath(detail: Pick<RecordingDetail, 'path' | 'codec' | 'sampleRate' | 'channels'>): string | null {
  return detail.codec !== null && detail.sampleRate !== null && detail.channels !== null ? detail.path : null;
}

/** A recording id from a media URL's path; null for a malformed escape such as `%` (answer 400/404, not 500). */
export function decodeMediaId(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * One implementation of "stream this audio file, honouring Range" for both transports: the Node
 * HTTP server pipes `body`, Electron's `emoqa-media:` protocol wraps it as a web stream.
 */
export async function openMediaFile(path: string, rangeHeader: string | null | undefined, head = false): Promise<MediaResponse> {
  const info = await stat(path);
  const size = info.size;
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    'content-type': audioContentType(path),
    'cache-control': 'no-store',
  };
  const range = parseRange(rangeHeader, size);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };
  }
  if (range.kind === 'full') {
    headers['content-length'] = String(size);
    return { status: 200, headers, body: head || size === 0 ? null : createReadStream(path) };
  }
  const { start, end } = range.range;
  headers['content-length'] = String(end - start + 1);
  headers['content-range'] = `bytes ${start}-${end}/${size}`;
  return { status: 206, headers, body: head ? null : createReadStream(path, { start, end }) };
}
