/**
 * Browser mode's per-start API token, from the page URL (`emoqa serve` prints it). When the tab
 * leaves for a team server (Settings → Team server) the token is kept in this tab's
 * sessionStorage, so "Local library" on the server's page can bring the tab back without it in
 * the address (which the team server would then see).
 */
const KEY = 'emoqa.localToken';

export const localToken: string = new URLSearchParams(window.location.search).get('token') ?? sessionStorage.getItem(KEY) ?? '';

export function keepLocalToken(): void {
  if (localToken) sessionStorage.setItem(KEY, localToken);
}
