import type { EventName, Events } from '../shared/contract';

type Listener<E extends EventName> = (...args: Events[E]) => void;
type AnyListener = (...args: unknown[]) => void;

/** Typed fan-out of contract events to whichever transports are attached (IPC, SSE, CLI). */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const stored = listener as unknown as AnyListener;
    set.add(stored);
    return () => set.delete(stored);
  }

  /** Every event, for transports that forward all of them. */
  onAny(listener: <E extends EventName>(event: E, args: Events[E]) => void): () => void {
    const offs = (['analysis.progress', 'analysis.fileDone', 'recordings.changed', 'models.progress'] as const).map((event) =>
      this.on(event, (...args) => listener(event, args)),
    );
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, ...args: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}
