import { BrowserWindow, type WebPreferences } from 'electron';
import { loadWindowState, trackWindowState } from './window-state';

/**
 * A window as emoqa opens every one: where the last one was, sandboxed, no Node, context isolation,
 * shown once painted. `preferences` adds the preload (local page) or a partition (team server).
 */
export function createAppWindow(title: string, preferences: WebPreferences): BrowserWindow {
  const state = loadWindowState();
  const window = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title,
    webPreferences: { ...preferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window);
  window.once('ready-to-show', () => window.show());
  return window;
}
