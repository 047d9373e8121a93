/**
 * Who is making the current call, where the transport knows it (the team server's session): a
 * label, note or review is attributed to them rather than to the library's saved reviewer name.
 * Carried by AsyncLocalStorage through the handler's awaits, so no handler signature changes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

export function runAs<T>(actor: string | null, run: () => Promise<T>): Promise<T> {
  return actor === null ? run() : storage.run(actor, run);
}

export function currentActor(): string | null {
  return storage.getStore() ?? null;
}
