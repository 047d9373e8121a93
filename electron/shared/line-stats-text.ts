/**
 * One sentence for the library's own line statistics (models/line-stats): whether the party head's
 * absolute half is z-scored with the library's median and spread, and why. The Models page and the
 * retrain CLI say it the same way.
 */
import type { LineStatsInfo } from './contract';

export function describeLine(l: LineStatsInfo): string {
  const read = l.calls ? `${l.calls} call${l.calls === 1 ? '' : 's'} (${l.windows} speech windows)` : 'no analysed calls yet';
  if (l.applied) {
    return `the library's own line, from ${read}: ${l.shifted} of ${l.features} features moved more than ${l.shiftZ} SD from the training data, ` +
      `so calls analysed from now on are read against the library's median and spread (no labels needed)`;
  }
  return `the training data's line${l.calls ? `, read from ${read}` : ''}: ${l.reason ?? 'not applied'}`;
}
