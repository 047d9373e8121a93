import type { EmoqaApi, EventName, Events, HandlerName, RpcResponse } from '../../../electron/shared/contract';
import { ApiError } from './api-error';

type AnyListener = (...args: unknown[]) => void;

/** Browser mode: the same contract over HTTP, with the per-start token taken from the page URL. */
export function createHttpClient(baseUrl: string, token: string): EmoqaApi {
  const listeners = new Map<string, Set<AnyListener>>();
  let source: EventSource | undefined;

  function ensureEventSource(): void {
    if (source) return;
    // EventSource cannot send headers, hence the token in the query; it reconnects by itself.
    source = new EventSource(`${baseUrl}/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, args } = JSON.parse(message.data) as { event: string; args: unknown[] };
      for (const listener of listeners.get(event) ?? []) listener(...args);
    };
  }

  return {
    async invoke(name, args) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/rpc/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(args ?? {}),
        });
      } catch (error) {
        throw new ApiError('INTERNAL', `emoqa server unreachable: ${(error as Error).message}`);
      }
      // Binary results (waveform peaks) come as bytes; everything else as the JSON envelope.
      if (response.ok && response.headers.get('content-type') === 'application/octet-stream') {
        return new Uint8Array(await response.arrayBuffer()) as never;
      }
      let body: RpcResponse<HandlerName>;
      try {
        body = (await response.json()) as RpcResponse<HandlerName>;
      } catch {
        throw new ApiError('INTERNAL', `${name}: HTTP ${response.status} without a JSON answer`);
      }
      if (!body.ok) throw new ApiError(body.error.code, body.error.message);
      return body.result as never;
    },
    on<E extends EventName>(event: E, listener: (...args: Events[E]) => void) {
      ensureEventSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const stored = listener as unknown as AnyListener;
      set.add(stored);
      return () => set.delete(stored);
    },
  };
}
