/**
 * A folder layout that names the agent and team, e.g. `{team}/{agent}/*.wav`: matched against the
 * last segments of a recording's path (as many as the pattern has), so it works whatever folder
 * was opened. `*` matches within one segment; `{agent}` and `{team}` capture one segment's text.
 */
type Placeholder = 'agent' | 'team';

export interface PathMetadata {
  agent: string | null;
  team: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^$()|[\]\\]/g, '\\$&');
}

function segmentRegExp(segment: string, names: Placeholder[]): RegExp {
  const source = segment
    .split(/(\{agent\}|\{team\}|\*)/)
    .map((part) => {
      if (part === '*') return '[^/]*';
      const name = /^\{(agent|team)\}$/.exec(part)?.[1] as Placeholder | undefined;
      if (name) {
        names.push(name);
        return '([^/]+?)';
      }
      return escapeRegExp(part);
    })
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/** What the pattern says about this path; null when it does not match (or there is no pattern). */
export function matchPathPattern(pattern: string, path: string): PathMetadata | null {
  if (!pattern.trim()) return null;
  const patternSegments = pattern.trim().replace(/\\/g, '/').split('/').filter(Boolean);
  const pathSegments = path.replace(/\\/g, '/').split('/').filter(Boolean);
  if (pathSegments.length < patternSegments.length) return null;
  const tail = pathSegments.slice(pathSegments.length - patternSegments.length);
  const found: PathMetadata = { agent: null, team: null };
  for (let i = 0; i < patternSegments.length; i++) {
    const names: Placeholder[] = [];
    const match = segmentRegExp(patternSegments[i], names).exec(tail[i]);
    if (!match) return null;
    names.forEach((name, k) => (found[name] = match[k + 1]));
  }
  return found;
}
