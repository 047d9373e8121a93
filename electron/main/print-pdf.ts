import { promises as fs } from 'node:fs';
import { dialog, type BrowserWindow } from 'electron';

/**
 * File ▸ Save Page as PDF…: the shown page (the call scorecard, typically) through Chromium's own
 * printToPDF, the same renderer `emoqa scorecard` uses headless. The page's print stylesheet applies.
 */
export async function savePageAsPdf(window: BrowserWindow | null): Promise<void> {
  if (!window) return;
  const fragment = new URL(window.webContents.getURL()).hash;
  const suggested = fragment.startsWith('#/scorecard/') ? `scorecard-${decodeURIComponent(fragment.slice(12)).slice(0, 12)}.pdf` : 'emoqa.pdf';
  const target = await dialog.showSaveDialog(window, { title: 'Save page as PDF', defaultPath: suggested, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (target.canceled || !target.filePath) return;
  const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, margins: { marginType: 'default' } });
  await fs.writeFile(target.filePath, pdf);
}
