/**
 * The desktop app as a client of a team server: which addresses it may connect to, and how an
 * emoqa team server says what it is (`GET /api/about`). Shared by the main process (which
 * remembers the server), the services (which probe it) and the renderer (Settings → Team server).
 */
import { z } from 'zod';

/** Loopback names: the only hosts a session cookie may reach over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export const CLEAR_TEXT_MESSAGE =
  'http:// would send your password and session in clear to another machine: use the https:// address of the team server (its TLS proxy)';

/**
 * A team server's address as a reviewer types it → its origin (`https://qa.example.com`). Only
 * https, or http to this machine; no user name, password, query or fragment in the URL.
 */
export const teamServerUrlSchema = z
  .string()
  .trim()
  .min(1, 'enter the address of the team server, e.g. https://qa.example.com')
  .max(2048)
  .transform((text, context) => {
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    } catch {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `${text} is not a web address` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `a team server is reached over https://, not ${url.protocol}` });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'enter only the server\'s address (scheme, host, port), without a path, query or password' });
      return z.NEVER;
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: CLEAR_TEXT_MESSAGE });
      return z.NEVER;
    }
    return url.origin;
  });

/** `GET /api/about` of an emoqa team server: public, no session needed, nothing secret in it. */
export const teamServerAboutSchema = z.object({
  app: z.literal('emoqa'),
  kind: z.literal('team-server'),
  version: z.string().max(100),
});
export type TeamServerAbout = z.infer<typeof teamServerAboutSchema>;

/** `teamServer.probe`: the server found, and the origin the app loads and signs in to (`https://qa.example.com`). */
export interface ProbedTeamServer extends TeamServerAbout {
  origin: string;
}

export const TEAM_ABOUT_PATH = '/api/about';

/** Where the team server's page goes back to the local library: the desktop app's page, or browser mode on this machine. */
export const localLibraryUrlSchema = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.href === 'app://emoqa/index.html' || (url.protocol === 'http:' && isLoopbackHost(url.hostname) && url.pathname === '/' && !url.search && !url.hash);
    } catch {
      return false;
    }
  }, 'the local library is app://emoqa/index.html or http://127.0.0.1:PORT/');

/** What the desktop app remembers (its main process, in userData): the last server, and whether it is in use. */
export const teamClientConfigSchema = z.object({
  server: teamServerUrlSchema.nullable().default(null),
  useServer: z.boolean().default(false),
});
export type TeamClientConfig = z.infer<typeof teamClientConfigSchema>;

/** What the desktop preload exposes besides the contract (`window.emoqaShell`): leave for a team server. */
export interface EmoqaShell {
  /** Probe the server, remember it, and show its sign-in page in the window (the local library stays one menu item away). */
  openTeamServer(origin: string): Promise<void>;
}
