/**
 * The contract methods that need the team database (assignments, the accounts a lead assigns to).
 * The team server serves `teamHandlers`; the desktop app and browser mode have no team database
 * and serve `soloTeamHandlers`: no one has calls assigned there, and changing that is refused.
 */
import type { Kysely } from 'kysely';
import type { TeamDatabase } from '../../db/team-schema';
import type { HandlerArgs, Handlers } from '../../shared/contract';
import type { RecordingSummary } from '../../shared/domain';
import { matchingIds } from '../../shared/library-filter';
import { EmoqaError } from '../../shared/errors';
import { currentActor } from '../actor';
import { AssignmentsService } from './assignments-service';
import { UsersService } from './users-service';

export type TeamHandlerName = 'assignments.assign' | 'assignments.unassign' | 'assignments.list' | 'users.list';
export type TeamHandlers = Pick<Handlers, TeamHandlerName>;

const notHere = (): never => {
  throw new EmoqaError('INVALID_ARGUMENT', 'assignments and accounts live on a team server (emoqa server); this library has none');
};

export function soloTeamHandlers(): TeamHandlers {
  return {
    'assignments.assign': async () => notHere(),
    'assignments.unassign': async () => notHere(),
    'assignments.list': async () => [],
    'users.list': async () => notHere(),
  };
}

/** Who is assigning: the signed-in lead (the server runs every handler as its session's user). */
function signedIn(): string {
  const actor = currentActor();
  if (actor === null) throw new EmoqaError('UNAUTHORIZED', 'assigning calls needs a signed-in lead');
  return actor;
}

/**
 * `list`: the library's own `recordings.list`, which a filter is matched against when it arrives
 * and which `assignedTo` narrows to that reviewer's calls.
 */
export function teamHandlers(db: Kysely<TeamDatabase>, list: Handlers['recordings.list']): TeamHandlers & Pick<Handlers, 'recordings.list'> {
  const library = (): Promise<RecordingSummary[]> => list({});
  const assignments = new AssignmentsService(db);
  const users = new UsersService(db);
  const targets = async (args: HandlerArgs<'assignments.assign'>): Promise<string[]> =>
    args.filter ? matchingIds(await library(), args.filter) : [...new Set(args.recordingIds ?? [])];
  return {
    'recordings.list': async ({ assignedTo }) => {
      if (assignedTo === undefined) return library();
      const theirs = new Set(await assignments.callsOf(assignedTo));
      return (await library()).filter((recording) => theirs.has(recording.id));
    },
    'assignments.assign': async (args) => {
      const lead = signedIn();
      const ids = await targets(args);
      return { matched: ids.length, assigned: await assignments.assign(ids, args.reviewer, lead) };
    },
    'assignments.unassign': async (args) => {
      const ids = await targets(args);
      return { matched: ids.length, unassigned: await assignments.unassign(ids, args.reviewer) };
    },
    'assignments.list': async (args) => assignments.list(args.reviewer),
    'users.list': async () => (await users.list()).filter((u) => !u.disabled).map(({ name, role }) => ({ name, role })),
  };
}
