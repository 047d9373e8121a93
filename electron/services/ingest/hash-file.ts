import { createHash } from 'node:crypto';

/** Row id of a path that failed before its content could be identified. */
export function pathErrorId(absolutePath: string): string {
  return `p-${createHash('sha256').update(absolutePath).digest('hex')}`;
}
