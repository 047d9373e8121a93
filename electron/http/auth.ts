import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export interface TokenSources {
  bearer: boolean;
  query: boolean;
  /** Only for the static renderer files: a cookie would otherwise let other local pages call the API. */
  cookie: boolean;
}

export function isAuthorized(req: IncomingMessage, url: URL, token: string, port: number, allowed: TokenSources): boolean {
  const header = req.headers.authorization ?? '';
  if (allowed.bearer && header.startsWith('Bearer ') && sameToken(header.slice(7).trim(), token)) return true;
  if (allowed.query && sameToken(url.searchParams.get('token'), token)) return true;
  if (allowed.cookie && sameToken(readCookie(req, cookieName(port)), token)) return true;
  return false;
}

/** Refuses DNS-rebinding: a page on another name resolving to 127.0.0.1 sends its own Host. */
export function isLocalHost(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
