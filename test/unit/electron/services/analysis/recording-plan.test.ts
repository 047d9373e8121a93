import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRecording } from '../../../../../electron/services/analysis/recording-plan';
import { makeTempDir } from '../../../../helpers/fixtures';

const tmp = makeTempDir('emoqa-plan-');
afterAll(() => tmp.cleanup());

describe('planRecording', () => {
  it('uses the channel layout stored at ingest and probes nothing', async () => {
    // Not audio: any probe would fail, so a plan proves that none ran.
    const path = join(tmp.dir, 'stored.wav');
    writeFileSync(path, 'not audio at all');
    const plan = await planRecording(path, ['agent', 'customer'], 2);
    expect(plan.parties.map((p) => [p.channel, p.role])).toEqual([[0, 'agent'], [1, 'customer']]);
    expect((await planRecording(path, ['agent', 'customer'], 6)).downmixed).toBe(true);
    await expect(planRecording(path, ['agent', 'customer'])).rejects.toMatchObject({ code: 'NOT_AUDIO' });
  });

  it('still checks that the file is there', async () => {
    await expect(planRecording(join(tmp.dir, 'gone.wav'), ['agent', 'customer'], 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
