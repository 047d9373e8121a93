import type { EmoqaApi } from '../../../electron/shared/contract';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    emoqa?: EmoqaApi;
  }
}

/** True inside the Electron shell (preload bridge present), false in browser mode. */
export const isDesktop = typeof window !== 'undefined' && window.emoqa !== undefined;

const token = new URLSearchParams(window.location.search).get('token') ?? '';

/** Electron's preload bridge when present, else browser mode over HTTP. Components never know which. */
export const api: EmoqaApi = window.emoqa ?? createHttpClient(window.location.origin, token);

/** Where the audio of a recording streams from (HTTP Range on both transports). */
export function mediaUrl(recordingId: string): string {
  const id = encodeURIComponent(recordingId);
  return isDesktop ? `emoqa-media://recording/${id}` : `${window.location.origin}/media/${id}?token=${encodeURIComponent(token)}`;
}

export { ApiError, errorMessage } from './api-error';
