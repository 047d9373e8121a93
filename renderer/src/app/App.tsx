import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/shared/contract';
import { api } from '../api';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.invoke('app.info', {}).then(setInfo, (reason: Error) => setError(reason.message));
  }, []);

  return (
    <main>
      <h1>emoqa</h1>
      {error && <p role="alert">{error}</p>}
      {info && <p>Version {info.version}; database {info.databasePath}</p>}
    </main>
  );
}
