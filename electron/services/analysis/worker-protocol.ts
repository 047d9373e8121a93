/** Messages between the analysis pool (any thread) and its worker threads. Plain data only. */
import type { ErrorPayload } from '../../shared/errors';
import type { StageTimes } from './stage-timings';
import type { PartyOutcome, PartyPlan, RecordingPlan } from './recording-plan';
import type { FfmpegBinaries } from '../../../ml/audio/ffmpeg-path';

export interface WorkerInit {
  modelDir?: string;
}

export type ToWorker =
  /** The ffmpeg the pool's thread found (the worker then looks for none); sent before any task. */
  | { type: 'ffmpeg'; binaries: FfmpegBinaries }
  | { type: 'analyse'; taskId: number; path: string; plan: RecordingPlan; parties: PartyPlan[] }
  | { type: 'cancel'; taskId: number };

export type FromWorker =
  | { type: 'ready'; ok: boolean; error?: ErrorPayload }
  | { type: 'progress'; taskId: number; seconds: number }
  | { type: 'done'; taskId: number; parties: PartyOutcome[]; sampleRate: number; modelVersion: string; maxRssBytes: number; times: StageTimes }
  | { type: 'error'; taskId: number; error: ErrorPayload };
