import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRecording } from '../../../../electron/services/analysis/analyse-recording';
import { createAnalysisPool, type AnalysisPool } from '../../../../electron/services/analysis/analysis-pool';
import { EmoqaError } from '../../../../electron/shared/errors';
import { ffmpegMake, makeTempDir } from '../../../helpers/fixtures';
import { writeStubModel } from '../services/analysis/stub-model';
import { synthParty, writeWav } from '../services/analysis/synth';

const tmp = makeTempDir('emoqa-pool-');
const modelDir = join(tmp.dir, 'model');
const call = join(tmp.dir, 'call.wav');
const long = join(tmp.dir, 'long.wav');
const roles: ['agent', 'customer'] = ['agent', 'customer'];
let pool: AnalysisPool;

/** ffmpeg processes started by this process's threads (Linux), to see that cancelling ends them. */
function ffmpegChildren(): string[] {
  if (!existsSync('/proc/self/task')) return [];
  const pids = readdirSync('/proc/self/task').flatMap((task) => {
    try {
      return readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  });
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'ffmpeg';
    } catch {
      return false;
    }
  });
}

beforeAll(async () => {
  await writeStubModel(modelDir);
  writeWav(call, [synthParty(12, 8000, [{ start: 1, end: 3 }, { start: 6, end: 11 }], 1), synthParty(12, 8000, [{ start: 3.5, end: 5.5 }], 2)], 8000);
  // 30 minutes of a voiced buzz on both channels: long enough to cancel mid-way.
  ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=150:sample_rate=8000:duration=1800', '-af', 'volume=2,pan=stereo|c0=c0|c1=c0', '-c:a', 'pcm_mulaw', long]);
  pool = createAnalysisPool({ size: 2, modelDir });
  await pool.ready();
});

afterAll(async () => {
  await pool.close();
  tmp.cleanup();
});

describe('analysis pool', () => {
  it('analyses the parties in worker threads and matches the in-process result exactly', async () => {
    const progress: number[] = [];
    const viaPool = await pool.analyse(call, { roles, onProgress: (s) => progress.push(s) });
    const inProcess = await analyseRecording(call, { roles }, { modelDir });
    expect(viaPool).toEqual(inProcess);
    expect(viaPool.channels.map((c) => [c.role, c.speech.length])).toEqual([['agent', 2], ['customer', 1]]);
    expect(viaPool.peaks.levels[0].channels[1]).toBeInstanceOf(Int8Array);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBeCloseTo(12, 1);
  });

  it('cancels with CANCELLED, ends its decoders, and keeps working afterwards', async () => {
    const controller = new AbortController();
    const run = pool.analyse(long, {
      roles,
      signal: controller.signal,
      onProgress: (seconds) => {
        if (seconds > 30) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('long.wav') });
    // How promptly is a figure of `npm run bench -- services`; here: the decoders do end.
    await expect.poll(() => ffmpegChildren()).toEqual([]);
    const again = await pool.analyse(call, { roles });
    expect(again.channels).toHaveLength(2);
  });

  it('starts workers only as work needs them: a short call is one task on one worker, with the same result', async () => {
    const lazy = createAnalysisPool({ size: 2, modelDir });
    try {
      expect(lazy.started).toBe(1);
      const short = await lazy.analyse(call, { roles, durationS: 12 });
      expect(lazy.started).toBe(1);
      // Without a duration (or a long one) the two parties go to two workers, as before.
      const split = await lazy.analyse(call, { roles });
      expect(lazy.started).toBe(2);
      expect(short).toEqual(split);
    } finally {
      await lazy.close();
    }
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(pool.analyse(call, { roles, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('carries errors from the worker across the boundary as EmoqaError {code, message}', async () => {
    const broken = createAnalysisPool({ size: 1, modelDir: join(tmp.dir, 'no-model') });
    try {
      const error = await broken.analyse(call, { roles }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmoqaError);
      expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('no-model') });
    } finally {
      await broken.close();
    }
  });

  it('reports a worker that cannot load, instead of respawning it silently', async () => {
    const script = join(tmp.dir, 'broken-worker.mjs');
    writeFileSync(script, "throw new Error('cannot load the native module');\n");
    const broken = createAnalysisPool({ size: 1, modelDir, workerUrl: pathToFileURL(script) });
    try {
      await expect(broken.ready()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('cannot load the native module') });
      await expect(broken.analyse(call, { roles })).rejects.toMatchObject({ message: expect.stringMatching(/call\.wav: the analysis worker failed to load: .*cannot load the native module/) });
    } finally {
      await broken.close();
    }
  });

  it('reports files that are not audio before any worker is involved', async () => {
    await expect(pool.analyse(join(tmp.dir, 'model', 'metadata.json'), { roles })).rejects.toMatchObject({ code: 'NOT_AUDIO' });
  });
});
