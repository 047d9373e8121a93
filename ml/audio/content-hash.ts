import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Bytes per read: one buffer, reused for the whole file. */
const READ_BYTES = 1 << 20;
/**
 * Read buffers of finished hashes, for the next file: a fresh 1 MiB per file is memory outside
 * the heap that the main thread (little garbage of its own, so rare collections) frees only many
 * files later (200 files of 36 s: the node process ended 259–265 MiB instead of 281). One per
 * hash running at once (ingest hashes a few files at a time).
 */
const spareBuffers: Uint8Array[] = [];
const MAX_SPARE = 4;

export interface HashOptions {
  algorithm?: 'sha256' | 'sha1';
  signal?: AbortSignal;
}

/** The hash of a file, and its first bytes, from the one read. */
export interface HashedFile {
  hash: string;
  /** The first `headBytes` bytes (fewer if the file is shorter). */
  head: Uint8Array;
  /** Bytes read: the file's size as it was hashed. */
  size: number;
}

/**
 * The one content hash of a file, streamed (a two-hour call is never held in memory), keeping its
 * first `headBytes` bytes: ingest probes a WAV's header from them (ml/audio/probe) instead of
 * reading the file a second time. Recordings are identified by its sha256; the feature cache keys
 * its files by sha1, as it always has (a new algorithm would orphan every cached feature).
 */
export async function hashFileWithHead(path: string, headBytes: number, options: HashOptions = {}): Promise<HashedFile> {
  const hash = createHash(options.algorithm ?? 'sha256');
  const head = new Uint8Array(headBytes);
  // One buffer read into again and again: a stream would hand out a fresh 1 MiB buffer per read,
  // garbage that a folder of calls piles up in the main thread faster than it is collected.
  let size = 0;
  const file = await open(path, 'r');
  const buffer = spareBuffers.pop() ?? new Uint8Array(READ_BYTES);
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES, size);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (size < headBytes) head.set(chunk.subarray(0, headBytes - size), size);
      size += bytesRead;
      hash.update(chunk);
    }
  } finally {
    if (spareBuffers.length < MAX_SPARE) spareBuffers.push(buffer);
    await file.close();
  }
  return { hash: hash.digest('hex'), head: head.subarray(0, Math.min(size, headBytes)), size };
}

export async function hashFile(path: string, options: HashOptions = {}): Promise<string> {
  return (await hashFileWithHead(path, 0, options)).hash;
}
