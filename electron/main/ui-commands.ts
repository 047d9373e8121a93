import type { BrowserWindow } from 'electron';

/**
 * Menu commands sent to the page as the one non-contract event, `ui.command` (the renderer's
 * api/ui-commands.ts lists the same names). Data never travels this way: the page acts on a command
 * through the contract, like any click.
 */
export type UiCommand = 'open-folder' | 'export' | 'settings' | 'help' | 'undo' | 'redo';

export function sendUiCommand(window: BrowserWindow | null, command: UiCommand, argument: string | null = null): void {
  if (!window || window.isDestroyed()) return;
  window.webContents.send('event:ui.command', command, argument);
}
