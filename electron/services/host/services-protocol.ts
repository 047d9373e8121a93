/**
 * Messages between the services host (the Electron main thread's side) and the services worker,
 * which owns the SQLite connection. Plain data: everything crosses by structured clone.
 */
import type { EventName, Events, HandlerName, RpcResponse } from '../../shared/contract';
import type { ErrorPayload } from '../../shared/errors';

export interface ServicesWorkerInit {
  databasePath: string;
  appVersion: string;
  modelDir?: string;
  concurrency?: number;
  resumeInterrupted?: boolean;
  /**
   * Tests and benches only: a module (file URL) whose `createAnalyse()` returns the AnalyseFn used
   * instead of the model's worker pool. The app never sets it.
   */
  engineModule?: string;
}

export type ToServices = { type: 'call'; id: number; name: string; args: unknown } | { type: 'close' };

export type FromServices =
  | { type: 'ready' }
  | { type: 'failed'; error: ErrorPayload }
  | { type: 'result'; id: number; response: RpcResponse<HandlerName> }
  | { type: 'event'; event: EventName; args: Events[EventName] }
  | { type: 'closed' };
