/**
 * Settings → Team server: is this address an emoqa team server this app may sign in to? Asked
 * from Node (the services or the main process), not from the page: a page cannot read another
 * origin's answer, and could not tell an unreachable server from some other site.
 */
import { EmoqaError } from '../../shared/errors';
import { TEAM_ABOUT_PATH, teamServerAboutSchema, teamServerUrlSchema, type ProbedTeamServer } from '../../shared/team-link';

const PROBE_TIMEOUT_MS = 8000;

function unreachable(origin: string, error: unknown): EmoqaError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === 'TimeoutError'
      ? `no answer in ${PROBE_TIMEOUT_MS / 1000} s`
      : cause?.code === 'ECONNREFUSED'
        ? 'nothing listens there'
        : cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN'
          ? 'no such host'
          : (cause?.message ?? (error as Error).message);
  return new EmoqaError('UNREADABLE', `cannot reach ${origin}: ${why}`, { cause: error });
}

/** The server's origin and version, or an error that says what is wrong with the address. */
export async function probeTeamServer(address: string, fetchImpl: typeof fetch = fetch): Promise<ProbedTeamServer> {
  const parsed = teamServerUrlSchema.safeParse(address);
  if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues[0]?.message ?? 'not a team server address');
  const origin = parsed.data;
  let response: Response;
  try {
    // No redirects followed: an https→http hop or another host is the reviewer's to see and choose.
    response = await fetchImpl(`${origin}${TEAM_ABOUT_PATH}`, { redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    throw unreachable(origin, error);
  }
  const notEmoqa = (detail: string) => new EmoqaError('INVALID_ARGUMENT', `${origin} answered, but it is not an emoqa team server (${detail})`);
  if (response.status >= 300 && response.status < 400) {
    throw notEmoqa(`it redirects to ${response.headers.get('location') ?? 'another address'}; enter that address if it is the server`);
  }
  if (!response.ok) throw notEmoqa(`HTTP ${response.status} at ${TEAM_ABOUT_PATH}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw notEmoqa(`no JSON at ${TEAM_ABOUT_PATH}`);
  }
  const about = teamServerAboutSchema.safeParse(body);
  if (!about.success) throw notEmoqa(`an unexpected answer at ${TEAM_ABOUT_PATH}`);
  return { origin, ...about.data };
}
