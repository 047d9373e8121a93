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
  statements(context) {
    const { db } = context;
    return [
      db.schema.alterTable('jobs').addColumn('owner', 'text'),
      // ms since the epoch: past 2^31, so 8 bytes on PostgreSQL (SQLite's INTEGER always is).
      db.schema.alterTable('jobs').addColumn('lease_until', context.dialect === 'sqlite' ? 'integer' : 'bigint'),
      db.schema.createIndex('jobs_running').on('jobs').columns(['state', 'lease_until']),
    ];
  },
};
