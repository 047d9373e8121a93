/**
 * An `engineModule` for the services worker (ServicesWorkerInit): the synthetic analysis of the
 * e2e tests (real WAV peaks, seeded regions), so host tests and benches need no model. Regions per
 * channel: EMOQA_SYNTHETIC_REGIONS (default 20).
 */
import type { AnalyseFn } from '../../electron/services/jobs/job-queue';
import { syntheticAnalyse } from '../e2e/helpers/synthetic-analysis';

export function createAnalyse(): AnalyseFn {
  return syntheticAnalyse({ regionsPerChannel: Number(process.env.EMOQA_SYNTHETIC_REGIONS ?? 20) });
}
