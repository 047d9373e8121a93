import { useEffect, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../../electron/shared/team';
import { backToLocalLibrary, localLibraryUrl } from '../../api/team-client';
import { fetchSession, onSignedOut, signOut } from '../../api/team-session';
import { LoginPage } from './LoginPage';

type State = { kind: 'checking' } | { kind: 'signed-out'; notice: string | null } | { kind: 'signed-in'; session: SessionInfo };

/**
 * Team mode around the app: the sign-in page until the server knows this browser, then the app
 * with who is signed in and a way out. A 401 later (expired, disabled) brings the page back.
 */
export function TeamShell({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'checking' });
  // Came from a local library (Settings → Team server): the way back, signed in or not.
  const local = localLibraryUrl();
  const back = local && (
    <button type="button" className="link-button" onClick={() => backToLocalLibrary(local)}>
      Local library
    </button>
  );

  useEffect(() => {
    fetchSession().then(
      (session) => setState(session ? { kind: 'signed-in', session } : { kind: 'signed-out', notice: null }),
      (error: unknown) => setState({ kind: 'signed-out', notice: `The server did not answer: ${(error as Error).message}` }),
    );
    return onSignedOut(() => setState({ kind: 'signed-out', notice: 'Your session ended; sign in again.' }));
  }, []);

  if (state.kind === 'checking') return null;
  if (state.kind === 'signed-out') {
    return (
      <>
        {back && <div className="team-bar">{back}</div>}
        <LoginPage notice={state.notice} onSignedIn={(session) => setState({ kind: 'signed-in', session })} />
      </>
    );
  }
  return (
    <>
      <div className="team-bar" aria-label="Signed in">
        <span>
          {state.session.name} · {state.session.role}
        </span>
        <button type="button" className="link-button" onClick={() => void signOut().then(() => setState({ kind: 'signed-out', notice: null }))}>
          Sign out
        </button>
        {back}
      </div>
      {/* Keyed by the user, so a different sign-in starts the app afresh. */}
      <div key={state.session.name} className="team-app">{children}</div>
    </>
  );
}
