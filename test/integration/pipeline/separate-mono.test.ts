/**
 * A mono mix analysed with "separate mono calls" on, through the real services, worker pool and
 * model: two parties (agent, customer) over one source channel, close to the truth of the stereo
 * original. The DER figures over many calls come from `npm run evaluate:calls`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createAppServices } from '../../../electron/services/app-services';
import { invokeHandler } from '../../../electron/services/invoke';
import { scoreDiarization } from '../../../scripts/diarization-eval';
import { callsDir, makeTempDir } from '../../helpers/fixtures';
import { describeNeeding, itNeeding, needs } from '../../helpers/requirements';

describeNeeding([needs.model(), needs.calls()], 'mono calls separated into agent and customer', () => {
  itNeeding([], 'stores two parties for a mono mix when the setting is on, the first speaker as agent', async () => {
    const temp = makeTempDir('emoqa-mono-');
    const services = await createAppServices({ databasePath: join(temp.dir, 'mono.sqlite'), appVersion: 'test', concurrency: 1 });
    try {
      await invokeHandler(services.handlers, 'settings.update', { separateMono: true });
      const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: [join(callsDir, 'call_000.mono.mp3')] });
      await services.waitForJob(jobId);
      const [summary] = await invokeHandler(services.handlers, 'recordings.list', {});
      const detail = await invokeHandler(services.handlers, 'recordings.get', { id: summary.id });
      expect(detail.channels).toBe(1);
      expect(detail.parties.map((p) => [p.channel, p.role])).toEqual([[0, 'agent'], [1, 'customer']]);
      expect(detail.measures?.agentTalkShare).toBeGreaterThan(0.2);
      // Against the truth: the parties' stored speech, scored like the evaluation does.
      const speech = services.db.prepare('SELECT channel, start_s, end_s FROM model_regions WHERE recording_id = ?').all(summary.id) as Array<{ channel: number; start_s: number; end_s: number }>;
      const truth = JSON.parse(readFileSync(join(callsDir, 'call_000.json'), 'utf8')) as { duration_s: number; segments: Array<{ start: number; end: number; channel: 'agent' | 'customer' }> };
      const score = scoreDiarization(truth.segments, truth.duration_s, { agent: 0, turns: speech.map((r) => ({ start: r.start_s, end: r.end_s, speaker: r.channel as 0 | 1 })) });
      // One call, a loose bound: it catches a broken split (≈ 50% wrong), not a weaker one.
      expect(score.confusionS / score.scoredS).toBeLessThan(0.4);
      expect(score.agentNamedRightly).toBe(true);
    } finally {
      await services.close();
      temp.cleanup();
    }
  }, 180_000);
});
