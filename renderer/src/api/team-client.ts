/**
 * Settings → Team server, as the page sees it: the address last used, leaving for the server's
 * own page (its sign-in, its library, its media), and, on the server's page, the way back to the
 * local library. The desktop shell does the switch itself (main process, no preload on the
 * server's page); browser mode navigates the tab.
 */
import { localLibraryUrlSchema } from '../../../electron/shared/team-link';
import { keepLocalToken } from './local-token';

const SERVER_KEY = 'emoqa.teamServer';
const LOCAL_KEY = 'emoqa.localLibrary';

export function rememberedTeamServer(): string {
  return localStorage.getItem(SERVER_KEY) ?? '';
}

/** `origin` was probed (teamServer.probe): go there and sign in. */
export async function openTeamServer(origin: string): Promise<void> {
  localStorage.setItem(SERVER_KEY, origin);
  if (window.emoqaShell) return window.emoqaShell.openTeamServer(origin);
  keepLocalToken();
  window.location.assign(`${origin}/?local=${encodeURIComponent(`${window.location.origin}/`)}`);
}

/**
 * On the team server's page: where the local library is, when the app came from one (`?local=`,
 * loopback or the desktop's page only). Kept for the tab, and dropped from the address bar.
 */
function readLocalLibraryUrl(): string | null {
  const params = new URLSearchParams(window.location.search);
  const given = params.get('local');
  if (given !== null) {
    const parsed = localLibraryUrlSchema.safeParse(given);
    if (parsed.success) sessionStorage.setItem(LOCAL_KEY, parsed.data);
    params.delete('local');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  }
  return sessionStorage.getItem(LOCAL_KEY);
}

let local: string | null | undefined;

export function localLibraryUrl(): string | null {
  if (local === undefined) local = readLocalLibraryUrl();
  return local;
}

export function backToLocalLibrary(url: string): void {
  sessionStorage.removeItem(LOCAL_KEY);
  window.location.assign(url);
}
