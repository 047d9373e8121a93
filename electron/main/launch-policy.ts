/**
 * Two decisions of the Electron shell kept free of `electron` so they are unit-tested: where the
 * window's page may come from, and which links may leave the app for the system browser.
 */

/**
 * The dev server URL electron-vite sets, honoured only in development: in a packaged build a set
 * `ELECTRON_RENDERER_URL` would load any page with the preload bridge and without the app's CSP.
 */
export function devServerUrl(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (isPackaged) return undefined;
  const url = env.ELECTRON_RENDERER_URL;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // electron-vite serves on loopback; anything else is not our dev server.
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The project's own help pages: the only places a link in the app may open in the browser. */
export const HELP_LINK_PREFIXES: readonly string[] = ['https://github.com/emoqa/emoqa/'];

export function isAllowedExternalLink(url: string, prefixes: readonly string[] = HELP_LINK_PREFIXES): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compare the normalised form: `https://github.com@evil.example/` or `..` tricks do not pass.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const normalised = parsed.href;
  return prefixes.some((prefix) => normalised.startsWith(prefix));
}
