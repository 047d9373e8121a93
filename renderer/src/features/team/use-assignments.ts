import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionInfo } from '../../../../electron/shared/team';
import { api, errorMessage } from '../../api';

export type LibraryScope = 'mine' | 'all';

export interface AssignmentsState {
  /** Reviewers each call is assigned to, joined for display ("rex, sam"). */
  assignees: ReadonlyMap<string, string>;
  /** The signed-in reviewer's calls. */
  mine: ReadonlySet<string>;
  /** The first list has arrived (until then "none assigned" would be a guess). */
  loaded: boolean;
  scope: LibraryScope;
  setScope: (scope: LibraryScope) => void;
  /** Leads assign; reviewers only see. */
  canAssign: boolean;
  error: string | null;
  reload: () => void;
}

const scopeKey = (name: string) => `emoqa.libraryScope.${name}`;

/** Team mode (null elsewhere): who has which call, and whether the library shows "My calls" (the default) or all, remembered per user. */
export function useAssignments(session: SessionInfo | null): AssignmentsState | null {
  const [list, setList] = useState<Array<{ recordingId: string; reviewer: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScopeState] = useState<LibraryScope>(() => (session && window.localStorage.getItem(scopeKey(session.name)) === 'all' ? 'all' : 'mine'));

  const signedIn = session !== null;
  const reload = useCallback(() => {
    if (!signedIn) return;
    api.invoke('assignments.list', {}).then(
      (rows) => {
        setList(rows);
        setError(null);
      },
      (reason: unknown) => setError(errorMessage(reason)),
    );
  }, [signedIn]);
  useEffect(reload, [reload]);

  const setScope = useCallback(
    (next: LibraryScope) => {
      if (session) window.localStorage.setItem(scopeKey(session.name), next);
      setScopeState(next);
    },
    [session],
  );

  return useMemo(() => {
    if (!session) return null;
    const byCall = new Map<string, string[]>();
    const rows = list ?? [];
    for (const row of rows) byCall.set(row.recordingId, [...(byCall.get(row.recordingId) ?? []), row.reviewer]);
    const assignees = new Map([...byCall].map(([id, names]) => [id, names.join(', ')]));
    const mine = new Set(rows.filter((row) => row.reviewer === session.name).map((row) => row.recordingId));
    return { assignees, mine, loaded: list !== null, scope, setScope, canAssign: session.role !== 'reviewer', error, reload };
  }, [list, scope, setScope, session, error, reload]);
}
