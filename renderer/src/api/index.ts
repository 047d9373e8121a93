import type { EmoqaApi } from '../../../electron/shared/contract';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    emoqa?: EmoqaApi;
  }
}

/** Electron's preload bridge when present, else browser mode over HTTP. Components never know which. */
function pickApi(): EmoqaApi {
  if (window.emoqa) return window.emoqa;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createHttpClient(window.location.origin, token);
}

export const api: EmoqaApi = pickApi();
