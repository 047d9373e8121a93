import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../../electron/shared/domain';
import { jobCountText } from '../../../../../renderer/src/features/analysis/job-text';

const job = (overrides: Partial<JobProgress>): JobProgress => ({
  jobId: 'j', filesDone: 0, filesTotal: 0, audioSecondsDone: 0, audioSecondsTotal: 0, etaS: null, currentFile: null, state: 'running', alreadyAnalysed: 0, analysing: {}, ...overrides,
});

describe('job counts in words', () => {
  it('says a re-import was already analysed instead of "1 of 1 files"', () => {
    expect(jobCountText(job({ state: 'done', filesDone: 1, filesTotal: 1, alreadyAnalysed: 1 }))).toBe('Nothing new: 1 call already analysed');
    expect(jobCountText(job({ filesDone: 3, filesTotal: 12, alreadyAnalysed: 2 }))).toBe('1 of 10 calls · 2 calls already analysed');
    expect(jobCountText(job({ filesDone: 0, filesTotal: 12 }))).toBe('0 of 12 calls');
    expect(jobCountText(job({}))).toBe('Looking for calls…');
  });
});
