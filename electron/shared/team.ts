/** Team mode's accounts as every layer sees them (server, CLI, renderer's login page). */
import { z } from 'zod';

/** Ordered: each role may do everything the roles before it may. */
export const ROLES = ['reviewer', 'lead', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** Letters, digits, `.`, `_`, `-`: safe in a log line, a URL and a shell. */
export const userNameSchema = z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a name is 1–64 letters, digits, ".", "_" or "-"');
export const passwordSchema = z.string().min(10, 'a password has at least 10 characters').max(1024);

export const loginSchema = z.object({ name: userNameSchema, password: z.string().min(1).max(1024) });

/** `GET /api/session` and a successful login: who is signed in and the token to send with changes. */
export interface SessionInfo {
  name: string;
  role: Role;
  /** Sent back in the `x-emoqa-csrf` header of every state-changing request. */
  csrfToken: string;
  expiresAt: string;
}

export const CSRF_HEADER = 'x-emoqa-csrf';

/** One call a lead gave a reviewer (`assignments.list`). */
export interface Assignment {
  recordingId: string;
  reviewer: string;
  assignedBy: string;
  assignedAt: string;
}

/** An account as a lead picks a reviewer from it (`users.list`): no hash, no dates. */
export interface TeamMember {
  name: string;
  role: Role;
}
