import type { EmoqaApi } from '../../../electron/shared/contract';
import type { EmoqaShell } from '../../../electron/shared/team-link';
import { createHttpClient } from './http-client';
import { localToken } from './local-token';
import { csrfToken, sessionLost } from './team-session';

declare global {
  interface Window {
    emoqa?: EmoqaApi;
    /** The desktop shell's own few functions (preload): switching to a team server. */
    emoqaShell?: EmoqaShell;
  }
}

/** True inside the Electron shell (preload bridge present), false in browser mode. */
export const isDesktop = typeof window !== 'undefined' && window.emoqa !== undefined;

const token = localToken;

/** Served by `emoqa server`: no one-time token in the URL, a sign-in session instead. */
export const isTeam = !isDesktop && token === '';

/** Electron's preload bridge when present, else browser mode over HTTP. Components never know which. */
export const api: EmoqaApi =
  window.emoqa ??
  createHttpClient(window.location.origin, isTeam ? { kind: 'session', csrf: csrfToken, onUnauthorized: sessionLost } : { kind: 'token', token });

/** Where the audio of a recording streams from (HTTP Range on both transports; team mode: the session cookie). */
export function mediaUrl(recordingId: string): string {
  const id = encodeURIComponent(recordingId);
  if (isDesktop) return `emoqa-media://recording/${id}`;
  return isTeam ? `${window.location.origin}/media/${id}` : `${window.location.origin}/media/${id}?token=${encodeURIComponent(token)}`;
}

export { ApiError, errorMessage } from './api-error';
