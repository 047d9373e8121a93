import { describe, expect, it } from 'vitest';
import { describeLine } from '../../../../electron/shared/line-stats-text';
import type { LineStatsInfo } from '../../../../electron/shared/contract';

const base: LineStatsInfo = { version: 'v', applied: false, calls: 0, windows: 0, shifted: 0, features: 0, shiftZ: 2, minShifted: 7, minCalls: 3, reason: '0 calls analysed with these features: the estimate needs 3' };

describe("the library's line in words", () => {
  it('says why the training data stays, and what the library read', () => {
    expect(describeLine(base)).toBe("the training data's line: 0 calls analysed with these features: the estimate needs 3");
    expect(describeLine({ ...base, calls: 12, windows: 805, shifted: 2, features: 437, reason: 'the line is like the training data (2 of 437 features moved more than 2 SD; …)' }))
      .toBe("the training data's line, read from 12 calls (805 speech windows): the line is like the training data (2 of 437 features moved more than 2 SD; …)");
  });

  it('says when the library\'s own is used and why', () => {
    expect(describeLine({ ...base, applied: true, calls: 1, windows: 60, shifted: 41, features: 437, reason: null })).toBe(
      "the library's own line, from 1 call (60 speech windows): 41 of 437 features moved more than 2 SD from the training data, so calls analysed from now on are read against the library's median and spread (no labels needed)",
    );
  });
});
