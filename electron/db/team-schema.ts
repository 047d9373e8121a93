/**
 * The team tables as the query builder types them. Timestamps are ISO-8601 UTC text on both
 * dialects (as in the library), so a row reads the same from SQLite and PostgreSQL.
 */
import type { Role } from '../shared/team';

export interface TeamUsersTable {
  name: string;
  role: Role;
  /** argon2id, PHC string (algorithm, parameters and salt inside). */
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  /** Set when disabled: the account keeps its history but cannot sign in. */
  disabled_at: string | null;
}

export interface TeamSessionsTable {
  /** SHA-256 of the cookie's random id: a copy of the table grants no session. */
  id_hash: string;
  user_name: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface TeamAssignmentsTable {
  /** A recording of the library (in the SQLite file this round, so no foreign key across databases). */
  recording_id: string;
  reviewer_name: string;
  assigned_by: string;
  assigned_at: string;
}

export interface TeamDatabase {
  team_users: TeamUsersTable;
  team_sessions: TeamSessionsTable;
  team_assignments: TeamAssignmentsTable;
}
