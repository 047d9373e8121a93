import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { startServicesHost, type RpcCall, type ServicesHost } from '../services/host/services-host';
import type { ErrorPayload } from '../shared/errors';
import { teamServerUrlSchema, type ProbedTeamServer } from '../shared/team-link';
import { createAppWindow } from './app-window';
import { installMenu } from './menu';
import { APP_ORIGIN, handleAppProtocol, handleMediaProtocol, registerSchemes } from './protocols';
import { devServerUrl } from './launch-policy';
import { hardenContents, hardenSession } from './security';
import { loadTeamClientConfig, saveTeamClientConfig } from './team-client-config';
import { createTeamWindow } from './team-window';

// The main process only hosts: window, security, menu, dialogs, protocols and one rpc channel into
// the plain-Node services, which run in a worker thread that owns the database (ServicesHost), so
// no SQLite work ever runs on this thread. Everything the page does with data goes through the contract.
// electron-vite's dev server, honoured only unpackaged (see launch-policy.ts).
const devServer = devServerUrl(app.isPackaged, process.env);
const rendererDir = join(import.meta.dirname, '../renderer');
let services: ServicesHost | undefined;
let mainWindow: BrowserWindow | null = null;
// Settings → Team server: the window shows the local library, or the team server's own page.
let teamConfig = loadTeamClientConfig(app.getPath('userData'));

const isOwnUrl = (url: string) => url.startsWith(`${APP_ORIGIN}/`) || (devServer !== undefined && url.startsWith(devServer));

function createWindow(): BrowserWindow {
  const window = createAppWindow('emoqa', { preload: join(import.meta.dirname, '../preload/index.cjs') });
  hardenContents(window.webContents, isOwnUrl);
  void window.loadURL(devServer ?? `${APP_ORIGIN}/index.html`);
  return window;
}

// The team server's origin the window shows, or null: the local library.
let shown: string | null = null;
const onTeamServer = () => mainWindow !== null && shown !== null;

/** The window for what the config says (replacing the one shown, which closes); none new if it shows that already. */
function showWindow(): void {
  const target = teamConfig.useServer ? teamConfig.server : null;
  if (mainWindow && target === shown) return mainWindow.focus();
  const previous = mainWindow;
  const next = target ? createTeamWindow(target, () => useTeamServer(false)) : createWindow();
  next.on('closed', () => {
    if (mainWindow === next) mainWindow = null;
  });
  mainWindow = next;
  shown = target;
  previous?.destroy();
}

function useTeamServer(use: boolean): void {
  teamConfig = { ...teamConfig, useServer: use && teamConfig.server !== null };
  saveTeamClientConfig(app.getPath('userData'), teamConfig);
  showWindow();
}

/** From the local page's Settings: the address is probed again here (the page's word is not taken for it). */
async function openTeamServer(origin: unknown, call: RpcCall): Promise<{ ok: true } | { ok: false; error: ErrorPayload }> {
  const address = teamServerUrlSchema.safeParse(origin);
  if (!address.success) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: address.error.issues[0]?.message ?? 'not a team server address' } };
  const probed = await call('teamServer.probe', { url: address.data });
  if (!probed.ok) return probed;
  teamConfig = { server: (probed.result as ProbedTeamServer).origin, useServer: false };
  useTeamServer(true);
  return { ok: true };
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerSchemes();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  await app.whenReady();
  const defaultSession = session.defaultSession;
  hardenSession(defaultSession, devServer);
  handleAppProtocol(defaultSession, rendererDir);
  const call: RpcCall = (name, args) => services?.call(name, args) ?? Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'the services are starting' } });
  handleMediaProtocol(defaultSession, call);
  // Report CSVs are saved through the page's download; Electron then shows the native save dialog.
  defaultSession.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({ title: 'Save report', defaultPath: join(app.getPath('downloads'), item.getFilename()), filters: [{ name: 'CSV', extensions: ['csv'] }] });
  });

  const databasePath = process.env.EMOQA_DB ?? join(app.getPath('userData'), 'emoqa.sqlite');
  // Packaged builds carry the model as an unpacked resource (electron-builder extraResources).
  const modelDir = process.env.EMOQA_MODEL_DIR ?? (app.isPackaged ? join(process.resourcesPath, 'model') : undefined);
  services = await startServicesHost({ databasePath, appVersion: app.getVersion(), modelDir });
  ipcMain.handle('rpc', (event, name: unknown, args: unknown) => {
    // Only our own page may call in (a stray frame never gets the services).
    if (!event.senderFrame || !isOwnUrl(event.senderFrame.url)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'not the emoqa page' } };
    // Passed on as the worker encoded it (JSON text where possible): this thread builds no result objects.
    return services ? services.relay(String(name), args) : call(String(name), args);
  });
  ipcMain.handle('shell:open-team-server', (event, origin: unknown) => {
    if (!event.senderFrame || !isOwnUrl(event.senderFrame.url)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'not the emoqa page' } };
    return openTeamServer(origin, call);
  });
  services.onEvent((event, args) => mainWindow?.webContents.send(`event:${event}`, ...args));

  installMenu(() => mainWindow, { toLocal: () => useTeamServer(false), toTeam: () => useTeamServer(true), hasTeamServer: () => teamConfig.server !== null, onTeamServer });
  showWindow();
  app.on('activate', () => {
    if (!mainWindow) showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !services) return;
    // Let the services finish their transaction and stop the workers before the process ends.
    event.preventDefault();
    quitting = true;
    void services.close().finally(() => app.quit());
  });
}

void start();
