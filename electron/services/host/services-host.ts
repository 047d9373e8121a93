/**
 * The desktop app's services, off the Electron main thread: a worker thread owns the SQLite
 * connection and runs the handlers (electron/workers/services-worker.ts); this host only relays
 * calls in and events out, so a long transaction (an hour's results, a library listing) never
 * blocks the thread that paints windows and answers IPC. Plain Node, so it is tested without Electron.
 */
import { Worker } from 'node:worker_threads';
import type { EventName, Events, HandlerName, RpcResponse } from '../../shared/contract';
import { EmoqaError, type ErrorPayload } from '../../shared/errors';
import { decodeRelayed, type RelayedResponse } from '../../shared/relayed';
import type { FromServices, ServicesWorkerInit, ToServices } from './services-protocol';
import { workerEntry } from '../../../ml/runtime/worker-entry';

export type RpcCall = (name: string, args: unknown) => Promise<RpcResponse<HandlerName>>;

export type EventListener = <E extends EventName>(event: E, args: Events[E]) => void;

export interface ServicesHost {
  /** One contract call, validated and run in the worker; failures come back as `{ok: false, error}`. */
  call: RpcCall;
  /**
   * The same call for a relay (Electron IPC): the response as the worker encoded it, JSON text
   * where it can be, so this thread copies one string instead of building the result's objects.
   */
  relay(name: string, args: unknown): Promise<RelayedResponse>;
  /** Every contract event the services emit. */
  onEvent(listener: EventListener): () => void;
  /** Lets the services finish their transaction and stop their workers, then ends the thread. */
  close(): Promise<void>;
  readonly threadId: number;
}

export interface ServicesHostOptions extends ServicesWorkerInit {
  /** Worker entry; default: the TS source under tsx, `./services-worker.js` beside a bundle. */
  workerUrl?: URL;
  /** How long close() waits for the services before the thread is terminated. */
  closeTimeoutMs?: number;
}

// In a variable: bundlers rewrite `new URL('literal', import.meta.url)` into an asset of their own.
const here = import.meta.url;

export async function startServicesHost(options: ServicesHostOptions): Promise<ServicesHost> {
  const { workerUrl, closeTimeoutMs = 30_000, ...init } = options;
  const entry = workerUrl ? { url: workerUrl } : workerEntry(here, new URL('../../workers/services-worker.ts', here), 'services-worker.js');
  const worker = new Worker(entry.url, { workerData: init satisfies ServicesWorkerInit, argv: entry.argv });
  const pending = new Map<number, (response: RelayedResponse) => void>();
  const listeners = new Set<EventListener>();
  let nextId = 1;
  let stopped: ErrorPayload | null = null;
  let onClosed: (() => void) | null = null;

  const stop = (error: ErrorPayload): void => {
    if (stopped) return;
    stopped = error;
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromServices) => {
      switch (message.type) {
        case 'ready':
          resolve();
          break;
        case 'failed':
          reject(new EmoqaError(message.error.code, message.error.message));
          break;
        case 'result':
          pending.get(message.id)?.('json' in message.response ? message.response.json : message.response);
          pending.delete(message.id);
          break;
        case 'event':
          for (const listener of listeners) listener(message.event, message.args);
          break;
        case 'closed':
          onClosed?.();
          break;
      }
    });
    worker.on('error', (error) => {
      reject(error);
      stop({ code: 'INTERNAL', message: `the services stopped: ${error.message}` });
    });
    worker.on('exit', (code) => {
      reject(new EmoqaError('INTERNAL', `the services thread exited (code ${code}) before it was ready`));
      stop({ code: 'INTERNAL', message: `the services thread exited (code ${code})` });
      onClosed?.();
    });
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  const relay = (name: string, args: unknown): Promise<RelayedResponse> => {
    if (stopped) return Promise.resolve({ ok: false, error: stopped });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ type: 'call', id, name, args } satisfies ToServices);
    });
  };
  let closing: Promise<void> | null = null;
  return {
    threadId: worker.threadId,
    relay,
    call: async (name, args) => decodeRelayed(await relay(name, args)),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        if (stopped) return;
        const closed = new Promise<void>((resolve) => (onClosed = resolve));
        worker.postMessage({ type: 'close' } satisfies ToServices);
        const timer = setTimeout(() => void worker.terminate(), closeTimeoutMs);
        await closed;
        clearTimeout(timer);
        stop({ code: 'INTERNAL', message: 'the services are closed' });
        await worker.terminate();
      })();
      return closing;
    },
  };
}
