/**
 * The pool's thread finds ffmpeg once and hands it to its workers: however many workers start,
 * `ffmpeg -version` (~0.06 CPU-s each on Debian's ffmpeg) runs once, not once per thread.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from '../../../../electron/services/analysis/analysis-pool';
import { makeTempDir } from '../../../helpers/fixtures';
import { writeStubModel } from '../services/analysis/stub-model';
import { synthParty, writeWav } from '../services/analysis/synth';

const tmp = makeTempDir('emoqa-pool-ffmpeg-');
const log = join(tmp.dir, 'ffmpeg.log');
const saved = process.env.FFMPEG_PATH;

beforeAll(async () => {
  // An ffmpeg that notes each start, then runs the real one.
  const wrapper = join(tmp.dir, 'ffmpeg');
  writeFileSync(wrapper, `#!/bin/sh\necho "$1" >> '${log}'\nexec ffmpeg "$@"\n`);
  chmodSync(wrapper, 0o755);
  writeFileSync(log, '');
  process.env.FFMPEG_PATH = wrapper;
  await writeStubModel(join(tmp.dir, 'model'));
  writeWav(join(tmp.dir, 'call.wav'), [synthParty(6, 8000, [{ start: 1, end: 4 }], 1), synthParty(6, 8000, [{ start: 2, end: 5 }], 2)], 8000);
});

afterAll(() => {
  if (saved === undefined) delete process.env.FFMPEG_PATH;
  else process.env.FFMPEG_PATH = saved;
  tmp.cleanup();
});

describe('ffmpeg found once per pool', () => {
  it('runs ffmpeg -version once for two workers', async () => {
    const pool = createAnalysisPool({ size: 2, modelDir: join(tmp.dir, 'model') });
    try {
      // No duration: the two parties go to two workers, each with its own decoder.
      const result = await pool.analyse(join(tmp.dir, 'call.wav'), { roles: ['agent', 'customer'] });
      expect(result.channels).toHaveLength(2);
      expect(pool.started).toBe(2);
    } finally {
      await pool.close();
    }
    const starts = readFileSync(log, 'utf8').trim().split('\n');
    expect(starts.filter((first) => first === '-version')).toHaveLength(1);
    expect(starts.filter((first) => first === '-nostdin')).toHaveLength(2);
  });
});
