import { dialog, session, type BrowserWindow } from 'electron';
import { createAppWindow } from './app-window';
import { APP_ORIGIN } from './protocols';
import { hardenContents, hardenSession } from './security';

/** The team server's cookies and storage, kept apart from the local page's session. */
export const TEAM_PARTITION = 'persist:team-server';
export const LOCAL_PAGE = `${APP_ORIGIN}/index.html`;

/**
 * The team server's own page (sign-in, library, media with Range) in a window of its own session
 * and **without the preload**: a remote origin never gets the local services. It may navigate only
 * within its origin; a click on "Local library" (a navigation to the local page) asks `onLocal`,
 * as does the choice offered when the server cannot be reached.
 */
export function createTeamWindow(origin: string, onLocal: () => void): BrowserWindow {
  const partition = session.fromPartition(TEAM_PARTITION);
  hardenSession(partition, undefined);
  const window = createAppWindow(`emoqa — ${new URL(origin).host}`, { partition: TEAM_PARTITION });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) return;
    event.preventDefault();
    // Not from inside the window's own event: onLocal closes it.
    setImmediate(onLocal);
  });
  hardenContents(window.webContents, (url) => url.startsWith(`${origin}/`));
  // The server down or unreachable (the app remembers it from the last start): say so, offer the way back.
  window.webContents.on('did-fail-load', (_event, _code, description, _url, isMainFrame) => {
    if (!isMainFrame) return;
    void dialog
      .showMessageBox(window, { type: 'warning', title: 'Team server', message: `Cannot reach ${origin}`, detail: description, buttons: ['Local library', 'Try again'], defaultId: 0, cancelId: 0 })
      .then(({ response }) => (response === 0 ? onLocal() : window.webContents.reload()));
  });
  void window.loadURL(`${origin}/?local=${encodeURIComponent(LOCAL_PAGE)}`);
  return window;
}
