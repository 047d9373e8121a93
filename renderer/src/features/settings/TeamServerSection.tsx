import { useState, type FormEvent } from 'react';
import { api, errorMessage, isTeam } from '../../api';
import { backToLocalLibrary, localLibraryUrl, openTeamServer, rememberedTeamServer } from '../../api/team-client';

/**
 * Settings → Team server. In the local app: the server's address; Connect checks it (an emoqa
 * team server, reachable, https or this machine) and opens its sign-in page. On the team server's
 * page: which server this is, and the way back to the local library.
 */
export function TeamServerSection() {
  const [address, setAddress] = useState(rememberedTeamServer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (isTeam) {
    const local = localLibraryUrl();
    return (
      <section className="settings team-server" aria-labelledby="team-server-title">
        <h3 id="team-server-title">Team server</h3>
        <p className="muted small">You are working on the team server {window.location.origin}: its library, its accounts.</p>
        {local && (
          <button type="button" onClick={() => backToLocalLibrary(local)}>
            Back to the local library
          </button>
        )}
      </section>
    );
  }

  async function connect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const server = await api.invoke('teamServer.probe', { url: address });
      await openTeamServer(server.origin);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form className="settings team-server" aria-labelledby="team-server-title" onSubmit={(event) => void connect(event)}>
      <h3 id="team-server-title">Team server</h3>
      <label>
        Server address
        <input type="text" inputMode="url" value={address} maxLength={2048} placeholder="https://qa.example.com" spellCheck={false}
          aria-describedby="team-server-help" onChange={(event) => setAddress(event.target.value)} />
      </label>
      <p id="team-server-help" className="muted small">
        Work on your team&apos;s shared library: you sign in on the server&apos;s page, and the local library stays one click away (the
        server&apos;s Settings, or File → Local Library in the desktop app).
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      <footer className="dialog-actions">
        <button type="submit" disabled={busy || address.trim() === ''}>{busy ? 'Connecting…' : 'Connect and sign in'}</button>
      </footer>
    </form>
  );
}
