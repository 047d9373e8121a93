import type { Migration } from '../migration-types';
import { migration0010 } from './0010-recordings';
import { migration0020 } from './0020-analysis-results';
import { migration0030 } from './0030-labels-review';
import { migration0040 } from './0040-jobs-settings';
import { migration0050 } from './0050-model-registry';
import { migration0070 } from './0070-job-leases';
import { migration0080 } from './0080-call-metadata-notes';
import { migration0090 } from './0090-review-counts';
import { migration0100 } from './0100-region-uncertain';
import { migration0120 } from './0120-class-priors';
import { migration0150 } from './0150-label-versions';
import { migration0180 } from './0180-window-stats';

/** Listed explicitly (not globbed) so the bundler sees every step; a test checks none is missing. */
export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050, migration0070, migration0080, migration0090, migration0100, migration0120, migration0150, migration0180];
