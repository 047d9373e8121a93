import type { Page } from 'playwright-core';

const INTERACTIVE = new Set(['button', 'link', 'checkbox', 'radio', 'combobox', 'textbox', 'searchbox', 'spinbutton', 'slider', 'switch', 'menuitem', 'tab', 'option', 'listbox']);

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
}

/** Interactive nodes of Chromium's computed accessibility tree that have no accessible name. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes
      .filter((node) => !node.ignored && INTERACTIVE.has(node.role?.value ?? '') && !(node.name?.value ?? '').trim())
      .map((node) => node.role?.value ?? '?');
  } finally {
    await cdp.detach();
  }
}

/** The outline of whatever has keyboard focus after pressing Tab, so a focus ring is known to show. */
export async function focusOutline(page: Page): Promise<string> {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'none';
    const style = getComputedStyle(element);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
}
