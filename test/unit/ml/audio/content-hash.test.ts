import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile, hashFileWithHead } from '../../../../ml/audio/content-hash';
import { contentHash } from '../../../../ml/train/feature-cache';
import { makeTempDir } from '../../../helpers/fixtures';

describe('one streamed content hash', () => {
  const temp = makeTempDir('emoqa-hash-');
  afterAll(() => temp.cleanup());
  // Larger than one read (1 MiB), so the digest is built from several chunks.
  const bytes = randomBytes(3 * (1 << 20) + 17);
  const file = join(temp.dir, 'call.wav');
  writeFileSync(file, bytes);

  it('gives the digest of the whole file, streamed', async () => {
    expect(await hashFile(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await hashFile(file, { algorithm: 'sha1' })).toBe(createHash('sha1').update(bytes).digest('hex'));
  });

  it('keeps the feature cache keys (sha1 of the content) that cached features are filed under', async () => {
    expect(await contentHash(file)).toBe(createHash('sha1').update(bytes).digest('hex'));
  });

  it('gives every file its own digest and head when hashes run at once (the read buffers are reused)', async () => {
    const files = Array.from({ length: 6 }, (_, i) => {
      const content = randomBytes((1 << 20) + 1000 * i);
      const path = join(temp.dir, `part-${i}.wav`);
      writeFileSync(path, content);
      return { path, content };
    });
    for (let round = 0; round < 2; round++) {
      const got = await Promise.all(files.map(({ path }) => hashFileWithHead(path, 64)));
      got.forEach((result, i) => {
        expect(result.hash).toBe(createHash('sha256').update(files[i].content).digest('hex'));
        expect(Buffer.from(result.head).equals(files[i].content.subarray(0, 64))).toBe(true);
        expect(result.size).toBe(files[i].content.length);
      });
    }
  });
});
