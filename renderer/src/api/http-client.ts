import type { EmoqaApi, EventName, Events, HandlerName, RpcResponse } from '../../../electron/shared/contract';

/** Browser mode: the same contract over HTTP, with the per-start token taken from the page URL. */
export function createHttpClient(baseUrl: string, token: string): EmoqaApi {
  const listeners = new Map<EventName, Set<(...args: unknown[]) => void>>();
  let source: EventSource | undefined;

  function ensureEventSource(): void {
    if (source) return;
    source = new EventSource(`${baseUrl}/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, args } = JSON.parse(message.data) as { event: EventName; args: unknown[] };
      for (const listener of listeners.get(event) ?? []) listener(...args);
    };
  }

  return {
    async invoke(name, args) {
      const response = await fetch(`${baseUrl}/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(args ?? {}),
      });
      const body = (await response.json()) as RpcResponse<HandlerName>;
      if (!body.ok) throw Object.assign(new Error(body.error.message), { code: body.error.code });
      return body.result as never;
    },
    on<E extends EventName>(event: E, listener: (...args: Events[E]) => void) {
      ensureEventSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const stored = listener as unknown as (...args: unknown[]) => void;
      set.add(stored);
      return () => set.delete(stored);
    },
  };
}
