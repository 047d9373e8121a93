import { BrowserWindow, session } from 'electron';
import { APP_ORIGIN } from './protocols';
import { hardenContents, hardenSession } from './security';
import { loadWindowState, trackWindowState } from './window-state';

/** The team server's cookies and storage, kept apart from the local page's session. */
export const TEAM_PARTITION = 'persist:team-server';
export const LOCAL_PAGE = `${APP_ORIGIN}/index.html`;

/**
 * The team server's own page (sign-in, library, media with Range) in a window of its own session
 * and **without the preload**: a remote origin never gets the local services. It may navigate only
 * within its origin; a click on "Local library" (a navigation to the local page) asks `onLocal`.
 */
export function createTeamWindow(origin: string, onLocal: () => void): BrowserWindow {
  const partition = session.fromPartition(TEAM_PARTITION);
  hardenSession(partition, undefined);
  const state = loadWindowState();
  const window = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: `emoqa — ${new URL(origin).host}`,
    webPreferences: { partition: TEAM_PARTITION, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window);
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) return;
    event.preventDefault();
    // Not from inside the window's own event: onLocal closes it.
    setImmediate(onLocal);
  });
  hardenContents(window.webContents, (url) => url.startsWith(`${origin}/`));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${origin}/?local=${encodeURIComponent(LOCAL_PAGE)}`);
  return window;
}
