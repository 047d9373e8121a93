import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { JobQueue } from '../../../../../electron/services/jobs/job-queue';
import type { JobProgress } from '../../../../../electron/shared/domain';
import { ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';
import { tempDatabase } from '../store-helpers';
import { fakeAnalyse } from './fake-analyse';

const folder = makeTempDir('emoqa-counts-');

describe('job counts', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeAll(() => {
    mkdirSync(join(folder.dir, 'calls'));
    for (const i of [1, 2]) {
      ffmpegMake(['-f', 'lavfi', '-i', `sine=frequency=${300 * i}:sample_rate=8000:duration=2`, '-ac', '2', join(folder.dir, 'calls', `call-${i}.wav`)]);
      writeFileSync(join(folder.dir, 'calls', `call-${i}.json`), '{"segments": []}');
    }
    writeFileSync(join(folder.dir, 'calls', 'notes.txt'), 'not a call');
  });
  afterAll(() => folder.cleanup());
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());

  it('counts audio files only, moves each call’s own progress, and says a re-import was already analysed', async () => {
    const events = new EventBus();
    const progress: JobProgress[] = [];
    events.on('analysis.progress', (p) => progress.push(structuredClone(p)));
    const queue = new JobQueue({ db: store.lib, events, getAnalyse: async () => fakeAnalyse({ stepMs: 60, steps: 5 }).analyse, defaultRoles: () => ['agent', 'customer'] });
    const first = queue.start([join(folder.dir, 'calls')], null);
    await queue.wait(first);
    // Never "0 of 5 files": the two JSON sidecars and the notes are not counted.
    expect(progress.every((p) => p.filesTotal <= 2)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'done', filesDone: 2, filesTotal: 2, alreadyAnalysed: 0 });
    // While a call is analysed its share grows between 0 and 1.
    const shares = progress.flatMap((p) => Object.values(p.analysing));
    expect(shares.some((share) => share > 0 && share < 1)).toBe(true);

    progress.length = 0;
    const again = queue.start([join(folder.dir, 'calls', 'call-1.wav')], null);
    await queue.wait(again);
    expect(progress.at(-1)).toMatchObject({ state: 'done', filesDone: 1, filesTotal: 1, alreadyAnalysed: 1, analysing: {} });
    expect((await queue.list()).find((job) => job.jobId === again)).toMatchObject({ alreadyAnalysed: 1 });
  });
});
