import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { savePageAsPdf } from './print-pdf';
import { sendUiCommand } from './ui-commands';

/** Switching between the local library and the team server (main/index.ts keeps which). */
export interface LibrarySwitch {
  toLocal(): void;
  toTeam(): void;
  hasTeamServer(): boolean;
  /** The window shows the team server's page, which has no preload: the page-bound commands have no one to hear them. */
  onTeamServer(): boolean;
}

/** The application menu: File (Open Folder…, Export Report…, Local Library / Team Server, Settings), Edit, View and Help. */
export function installMenu(getWindow: () => BrowserWindow | null, library: LibrarySwitch): void {
  const send = (command: Parameters<typeof sendUiCommand>[1], argument: string | null = null) => sendUiCommand(getWindow(), command, argument);

  async function openFolder(): Promise<void> {
    const window = getWindow();
    if (!window || library.onTeamServer()) return;
    const result = await dialog.showOpenDialog(window, { title: 'Open a folder of calls', properties: ['openDirectory'] });
    // The page confirms roles and starts the analysis through the contract.
    if (!result.canceled && result.filePaths[0]) send('open-folder', result.filePaths[0]);
  }

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => void openFolder() },
        { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { label: 'Save Page as PDF…', accelerator: 'CmdOrCtrl+P', click: () => void savePageAsPdf(getWindow()) },
        { type: 'separator' },
        { label: 'Local Library', click: () => library.toLocal() },
        // The server last connected to; none yet: Settings, where its address is entered.
        { label: 'Team Server', click: () => (library.hasTeamServer() ? library.toTeam() : send('settings')) },
        { type: 'separator' },
        // On the team server its own page has Settings (and the way back) in its header.
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => (library.onTeamServer() ? undefined : send('settings')) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The page owns Ctrl+Z for corrections; the menu only shows the keys and offers the click.
        { label: 'Undo Correction', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => send('undo') },
        { label: 'Redo Correction', accelerator: 'Shift+CmdOrCtrl+Z', registerAccelerator: false, click: () => send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => send('help') },
        {
          label: 'About emoqa',
          click: () => {
            const window = getWindow();
            const options = { type: 'info' as const, title: 'About emoqa', message: `emoqa ${app.getVersion()}`, detail: 'Emotion QA for call recordings.' };
            void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
