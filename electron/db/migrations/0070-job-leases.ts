import type { Migration } from '../migration-types';

/**
 * Job leases: the process running a job (`owner`, a random id per process) renews `lease_until`
 * (ms since the epoch) while it works. Another process that opens the same database resumes only
 * jobs whose lease has run out, instead of failing a live job and analysing its calls twice.
 * Jobs from before this step have no owner and count as expired.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'job-leases',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN owner TEXT;
      ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
      CREATE INDEX jobs_running ON jobs (state, lease_until);
    `);
  },
};
