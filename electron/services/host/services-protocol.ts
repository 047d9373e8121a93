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

/**
 * A response as the relay carries it: JSON text where the response is plain JSON (the main thread
 * passes it on without building an object per region), else the object itself (typed arrays).
 */
export function encodeResponse(response: RpcResponse<HandlerName>): RpcResponse<HandlerName> | { json: string } {
  try {
    return {
      // `this[key]` is the value before toJSON (a Buffer would otherwise arrive as {type, data}).
      json: JSON.stringify(response, function (this: Record<string, unknown>, key: string, value: unknown) {
        const raw = this[key];
        if (ArrayBuffer.isView(raw) || raw instanceof ArrayBuffer) throw new TypeError('binary');
        return value;
      }),
    };
  } catch {
    return response;
  }
}

export type ToServices = { type: 'call'; id: number; name: string; args: unknown } | { type: 'close' };

export type FromServices =
  | { type: 'ready' }
  | { type: 'failed'; error: ErrorPayload }
  /** `json`: the response as JSON text (one flat string to copy, nothing for the main thread to parse). */
  | { type: 'result'; id: number; response: RpcResponse<HandlerName> | { json: string } }
  | { type: 'event'; event: EventName; args: Events[EventName] }
  | { type: 'closed' };
