import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestGate } from './gate';

/** A fresh unguessable token per server start: anything on this machine can reach 127.0.0.1. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieName(port: number): string {
  // Cookies ignore ports, so two servers on one host need distinct names.
  return `emoqa_token_${port}`;
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export interface Tokens {
  /** Grants the API: the page holds it in memory (from its URL), never in a cookie. */
  api: string;
  /**
   * Grants the renderer's static files only. Cookies ignore ports, so any other local server on
   * this host receives it: it must unlock nothing that is not already public (the built bundle).
   */
  page: string;
}

/** The API: bearer header or `?token=` (EventSource and media elements cannot send headers). */
export function hasApiToken(req: IncomingMessage, url: URL, tokens: Tokens): boolean {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ') && sameToken(header.slice(7).trim(), tokens.api)) return true;
  return sameToken(url.searchParams.get('token'), tokens.api);
}

/** The page's own files: the API token, or the page cookie set when the token URL was opened. */
export function mayReadPage(req: IncomingMessage, url: URL, tokens: Tokens, port: number): boolean {
  return hasApiToken(req, url, tokens) || sameToken(readCookie(req, cookieName(port)), tokens.page);
}

/** The origins the page itself runs on (the two names isLocalHost accepts). */
function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Refuses requests another site's page makes with the user's browser: a foreign `Origin`, or a
 * `Sec-Fetch-Site` other than same-origin / none (a page on another local port is "same-site").
 */
export function isCrossSite(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(port).includes(origin.toLowerCase())) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** Refuses DNS-rebinding: a page on another name resolving to 127.0.0.1 sends its own Host. */
export function isLocalHost(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Browser mode's gate: the Host header, same-site requests only, and the per-start tokens. */
export function tokenGate(tokens: Tokens, port: () => number): RequestGate {
  return {
    screen: (req) => (isLocalHost(req, port()) ? null : { status: 403, error: { code: 'UNAUTHORIZED', message: 'unexpected Host header' } }),
    own: () => Promise.resolve(false),
    async api(req, url) {
      if (isCrossSite(req, port())) return { status: 403, error: { code: 'UNAUTHORIZED', message: 'cross-site requests are refused' } };
      return hasApiToken(req, url, tokens) ? { actor: null } : { status: 401, error: { code: 'UNAUTHORIZED', message: MISSING_TOKEN } };
    },
    page: (req, url) => (mayReadPage(req, url, tokens, port()) ? null : { status: 401, error: { code: 'UNAUTHORIZED', message: MISSING_TOKEN } }),
    // Lets the page's own script and style requests (which cannot carry a header) through; the
    // cookie holds the page token, which grants these files and nothing else.
    pageHeaders: () => ({ 'set-cookie': `${cookieName(port())}=${tokens.page}; HttpOnly; SameSite=Strict; Path=/` }),
  };
}

const MISSING_TOKEN = 'missing or wrong token: open the URL printed by `emoqa serve`';
