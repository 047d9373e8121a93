/** A stand-in for the worker pool: real ffprobe for the shape of the call, made-up emotions. */
import { probeAudio } from '../../../../../ml/audio/probe';
import type { AnalyseFn } from '../../../../../electron/services/jobs/job-queue';
import { fakeResult, region } from '../store-helpers';

export interface FakeAnalyse {
  analyse: AnalyseFn;
  calls: string[];
  /** Resolves once the first file has reported progress: a test can act mid-analysis without a fixed sleep. */
  firstProgress: Promise<void>;
}

export function fakeAnalyse(options: { stepMs?: number; steps?: number; failOn?: RegExp } = {}): FakeAnalyse {
  const calls: string[] = [];
  let progressed = (): void => undefined;
  const firstProgress = new Promise<void>((resolve) => (progressed = resolve));
  const analyse: AnalyseFn = async (path, { signal, onProgress }) => {
    calls.push(path);
    const probe = await probeAudio(path);
    const duration = probe.durationS ?? 1;
    const steps = options.steps ?? 3;
    for (let i = 1; i <= steps; i++) {
      await new Promise((resolve) => setTimeout(resolve, options.stepMs ?? 5));
      signal?.throwIfAborted();
      onProgress?.((duration * i) / steps);
      progressed();
    }
    if (options.failOn?.test(path)) throw new Error('the model choked');
    const half = duration / 2;
    const channels = probe.channels === 2 ? [[region(0, half, 'angry')], [region(half, duration, 'happy')]] : [[region(0, duration, 'neutral')]];
    return fakeResult(duration, channels);
  };
  return { analyse, calls, firstProgress };
}
