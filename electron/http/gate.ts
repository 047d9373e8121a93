import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Refusal } from './respond';

/** What an API request asks for: a contract method, a recording's audio, or the event stream. */
export type ApiRoute = { kind: 'rpc'; name: string } | { kind: 'media' } | { kind: 'events' };

export interface Admission {
  actor: string | null;
  /** For a long-lived answer (the event stream): whether it may go on (team mode: the session still lives). */
  stillAdmitted?: () => Promise<boolean>;
}

export function isRefusal(answer: Refusal | Admission): answer is Refusal {
  return 'status' in answer;
}

/**
 * Who may use the server, kept apart from what it serves: browser mode's per-start token
 * (auth.ts) or team mode's sessions and roles (team/session-gate.ts). Each check answers null (or an
 * admission) to let the request through.
 */
export interface RequestGate {
  /** Every request, before anything else (browser mode: the Host header against DNS rebinding). */
  screen(req: IncomingMessage): Refusal | null;
  /** Routes the gate answers itself (team mode's /api/session); true when it did. */
  own(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Refused, or let through as whom (null: the library's saved reviewer, as in browser mode). */
  api(req: IncomingMessage, url: URL, route: ApiRoute): Promise<Refusal | Admission>;
  /** The renderer's files. */
  page(req: IncomingMessage, url: URL): Refusal | null;
  /** Headers for index.html (browser mode: the page cookie). */
  pageHeaders(): Record<string, string>;
}
