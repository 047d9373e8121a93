import type { EmoqaApi, EventName, Events, HandlerName, RpcResponse } from '../../../electron/shared/contract';
import { CSRF_HEADER } from '../../../electron/shared/team';
import { ApiError } from './api-error';

type AnyListener = (...args: unknown[]) => void;

/**
 * How the page proves it may call: browser mode's per-start token from the page URL, or team
 * mode's session cookie (sent by the browser) plus the session's CSRF token in a header.
 */
export type HttpAuth = { kind: 'token'; token: string } | { kind: 'session'; csrf: () => string | null; onUnauthorized: () => void };

function authHeaders(auth: HttpAuth): Record<string, string> {
  if (auth.kind === 'token') return { authorization: `Bearer ${auth.token}` };
  const csrf = auth.csrf();
  return csrf ? { [CSRF_HEADER]: csrf } : {};
}

/** Browser and team mode: the same contract over HTTP. */
export function createHttpClient(baseUrl: string, auth: HttpAuth): EmoqaApi {
  const listeners = new Map<string, Set<AnyListener>>();
  let source: EventSource | undefined;

  function ensureEventSource(): void {
    if (source) return;
    // EventSource cannot send headers, hence the token in the query (team mode: the cookie); it reconnects by itself.
    source = new EventSource(auth.kind === 'token' ? `${baseUrl}/events?token=${encodeURIComponent(auth.token)}` : `${baseUrl}/events`);
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
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', ...authHeaders(auth) },
          body: JSON.stringify(args ?? {}),
        });
      } catch (error) {
        throw new ApiError('INTERNAL', `emoqa server unreachable: ${(error as Error).message}`);
      }
      if (response.status === 401 && auth.kind === 'session') auth.onUnauthorized();
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
