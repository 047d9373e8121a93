/**
 * Team mode (`emoqa server`): the session cookie is httpOnly, so the page knows only what
 * `/api/session` tells it — who is signed in and the CSRF token it must send with every call.
 */
import { CSRF_HEADER, type SessionInfo } from '../../../electron/shared/team';
import type { ErrorPayload } from '../../../electron/shared/errors';

let current: SessionInfo | null = null;
const signedOutListeners = new Set<() => void>();

export function csrfToken(): string | null {
  return current?.csrfToken ?? null;
}

/** Called by the HTTP client on a 401: the session expired or was ended elsewhere. */
export function sessionLost(): void {
  if (!current) return;
  current = null;
  for (const listener of signedOutListeners) listener();
}

export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: ErrorPayload };
    return body.error?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** The session this browser holds, or null (not signed in). */
export async function fetchSession(): Promise<SessionInfo | null> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (response.status === 401) return (current = null);
  if (!response.ok) throw new Error(await errorOf(response));
  return (current = (await response.json()) as SessionInfo);
}

/** Signs in; throws with the server's words (wrong password, too many attempts). */
export async function signIn(name: string, password: string): Promise<SessionInfo> {
  const response = await fetch('/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!response.ok) throw new Error(await errorOf(response));
  return (current = (await response.json()) as SessionInfo);
}

export async function signOut(): Promise<void> {
  const token = csrfToken();
  await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin', headers: token ? { [CSRF_HEADER]: token } : {} });
  sessionLost();
}

/** Who is signed in (team mode, after the sign-in page); null elsewhere. */
export function currentSession(): SessionInfo | null {
  return current;
}
