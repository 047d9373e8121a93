import { isDesktop } from './index';

/**
 * Commands the desktop menu sends to the page (Open Folder…, Export Report…, Settings, Help, undo/redo).
 * They ride the preload's `on` as the one non-contract event, `ui.command`; data still goes through
 * the contract. Browser mode has no menu, so this is a no-op there.
 */
export type UiCommand = 'open-folder' | 'export' | 'settings' | 'help' | 'undo' | 'redo';

type UiListener = (command: UiCommand, argument: string | null) => void;
type LooseOn = (event: string, listener: UiListener) => () => void;

export function onUiCommand(listener: UiListener): () => void {
  if (!isDesktop || !window.emoqa) return () => undefined;
  const on = window.emoqa.on as unknown as LooseOn;
  return on('ui.command', listener);
}
