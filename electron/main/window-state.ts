import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';
import { z } from 'zod';

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

const DEFAULT_SIZE = { width: 1400, height: 900 };

function statePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

/** Accepts saved bounds only if most of the window lands on a display that still exists. */
function onSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea }) => {
    const width = Math.min(bounds.x + bounds.width, workArea.x + workArea.width) - Math.max(bounds.x, workArea.x);
    const height = Math.min(bounds.y + bounds.height, workArea.y + workArea.height) - Math.max(bounds.y, workArea.y);
    return width > 200 && height > 100;
  });
}

/** The last window placement, or a default size when there is none (or it is off-screen now). */
export function loadWindowState(): Partial<WindowState> & { width: number; height: number } {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(statePath(), 'utf8')));
    if (parsed.success && onSomeDisplay(parsed.data)) return parsed.data;
  } catch {
    // First start, or an unreadable file: defaults.
  }
  return { ...DEFAULT_SIZE };
}

/** Keeps the placement in a small JSON in userData, written when the window moves, resizes or closes. */
export function trackWindowState(window: BrowserWindow): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeFileSync(statePath(), JSON.stringify(state));
    } catch {
      // A read-only profile is no reason to fail.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
