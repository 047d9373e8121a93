import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isTeam } from './api';
import { App } from './app/App';
import { TeamShell } from './features/team/TeamShell';
import './app/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('emoqa: #root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    {isTeam ? (
      <TeamShell>
        <App />
      </TeamShell>
    ) : (
      <App />
    )}
  </StrictMode>,
);
