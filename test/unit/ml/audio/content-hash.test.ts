import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../../../ml/audio/content-hash';
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
});
