import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../electron/shared/team';
import { signIn } from '../../api/team-session';
import './team.css';

/** The team server's sign-in: a plain form (Tab between fields, Enter signs in), errors read out. */
export function LoginPage({ onSignedIn, notice }: { onSignedIn: (session: SessionInfo) => void; notice: string | null }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(name.trim(), password));
    } catch (failure) {
      setError((failure as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to emoqa</h1>
        {notice && <p className="login-notice">{notice}</p>}
        <label>
          Name
          <input name="name" autoComplete="username" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p role="alert" className="login-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
