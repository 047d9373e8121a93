/** What team mode reads from a request: its origin, its session cookie, its client address. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CSRF_HEADER } from '../../shared/team';
import { readCookie } from '../auth';

export const SESSION_COOKIE = 'emoqa_session';

export interface TeamRequestPolicy {
  /** The origin browsers see (behind a TLS proxy: `https://qa.example.com`); default: the request's own Host. */
  publicOrigin?: string;
  /** Client address from the last `X-Forwarded-For` hop (only behind a proxy that sets it). */
  trustProxy: boolean;
}

/**
 * A request another site's page made with the user's browser: an `Origin` that is not this
 * server's, or a `Sec-Fetch-Site` other than same-origin / none.
 */
export function isForeignOrigin(req: IncomingMessage, policy: TeamRequestPolicy): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (policy.publicOrigin) {
      if (origin.toLowerCase() !== policy.publicOrigin.toLowerCase()) return true;
    } else {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        return true;
      }
      if (host.toLowerCase() !== (req.headers.host ?? '').toLowerCase()) return true;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export function sessionToken(req: IncomingMessage): string | null {
  return readCookie(req, SESSION_COOKIE);
}

export function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function csrfHeader(req: IncomingMessage): string | string[] | undefined {
  return req.headers[CSRF_HEADER];
}

export function clientAddress(req: IncomingMessage, policy: TeamRequestPolicy): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (policy.trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}
