import { useEffect, useMemo, useState } from 'react';
import type { CallNotes } from '../../../../electron/shared/conversation';
import type { HumanLabel, PartyRole, PredictedRegion, RecordingDetail } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { EmotionLegend } from '../../ui/EmotionLegend';
import { formatClock, formatDate, formatDuration, formatPercent } from '../../ui/format';
import { EMOTION_COLORS, capitalise } from '../../ui/palette';
import { DistributionChart } from '../call/DistributionChart';
import { buildLanes, type Lanes } from '../call/region-model';
import { measureLines } from '../conversation/measure-format';
import '../conversation/conversation.css';
import './scorecard.css';

interface ScorecardData {
  recording: RecordingDetail;
  predictions: PredictedRegion[];
  labels: HumanLabel[];
  notes: CallNotes;
}

function Timeline({ lanes, roles, duration }: { lanes: Lanes; roles: ReadonlyMap<number, PartyRole>; duration: number }) {
  return (
    <div className="scorecard-timeline">
      {[...lanes.entries()].map(([channel, lane]) => (
        <div key={channel} className="scorecard-lane">
          <span className="distribution-role">{capitalise(roles.get(channel) ?? `channel ${channel + 1}`)}</span>
          <div className="scorecard-strip" role="img" aria-label={`${capitalise(roles.get(channel) ?? 'party')} emotions over the call`}>
            {lane.map((r) => (
              <span key={r.key} style={{ left: `${(r.start / duration) * 100}%`, width: `${((r.end - r.start) / duration) * 100}%`, background: EMOTION_COLORS[r.emotion] }} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** One printable page to share with the agent: both parties' emotions, the customer's episodes and the agent's answers, the notes. */
export function ScorecardView({ id }: { id: string }) {
  const [data, setData] = useState<ScorecardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([api.invoke('recordings.get', { id }), api.invoke('recordings.regions', { id }), api.invoke('notes.get', { recordingId: id })]).then(
      ([recording, regions, notes]) => live && setData({ recording, predictions: regions.predictions, labels: regions.labels, notes }),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const channels = useMemo(() => (data ? [...data.recording.parties].sort((a, b) => a.channel - b.channel) : []), [data]);
  const lanes = useMemo(() => (data ? buildLanes(channels.map((p) => p.channel), data.predictions, data.labels) : new Map() as Lanes), [data, channels]);
  const roles = useMemo(() => new Map(channels.map((p) => [p.channel, p.role] as const)), [channels]);

  if (error) return <p role="alert" className="error">Cannot show the scorecard: {error}</p>;
  if (!data) return <p className="muted loading">Preparing the scorecard…</p>;
  const { recording, notes } = data;
  const m = recording.measures;
  const duration = recording.durationS ?? 1;
  return (
    <article className="scorecard" aria-label="Call scorecard" data-scorecard-ready="true">
      <header className="scorecard-header">
        <div>
          <h2>Call scorecard</h2>
          <p className="scorecard-meta">
            <strong>{recording.fileName}</strong> · {formatDuration(recording.durationS)}
            {recording.startedAt ? ` · ${formatDate(recording.startedAt)}` : ''}
          </p>
          <p className="scorecard-meta">
            Agent: <strong data-testid="scorecard-agent">{recording.agent ?? 'unknown'}</strong>
            {recording.team ? ` · Team ${recording.team}` : ''} · {recording.reviewed ? `Reviewed by ${recording.reviewer ?? 'a reviewer'}` : 'Not reviewed yet'}
          </p>
        </div>
        <div className="scorecard-actions no-print">
          <a href={`#/call/${encodeURIComponent(recording.id)}`}>← Call</a>
          <button type="button" className="primary" onClick={() => window.print()}>Print…</button>
        </div>
      </header>
      <section aria-labelledby="sc-overview">
        <h3 id="sc-overview">Emotions of both parties</h3>
        <Timeline lanes={lanes} roles={roles} duration={duration} />
        <DistributionChart lanes={lanes} roles={roles} />
        <EmotionLegend />
      </section>
      <section aria-labelledby="sc-measures">
        <h3 id="sc-measures">Conversation</h3>
        {m ? (
          <dl className="measure-list">
            {measureLines(m).map((line) => (
              <div key={line.key}>
                <dt>{line.label}</dt>
                <dd>{line.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">Not analysed.</p>
        )}
      </section>
      <section aria-labelledby="sc-episodes">
        <h3 id="sc-episodes">Customer episodes and the agent&apos;s responses</h3>
        {m && m.episodes.length > 0 ? (
          <table className="scorecard-table">
            <thead>
              <tr><th>Episode</th><th>Length</th><th>Agent negative in the next 30 s</th></tr>
            </thead>
            <tbody>
              {m.episodes.map((e) => (
                <tr key={e.start}>
                  <td>{formatClock(e.start)}–{formatClock(e.end)}</td>
                  <td>{(e.end - e.start).toFixed(1)} s</td>
                  <td>{e.agentNegativeShare === null ? 'agent silent' : formatPercent(e.agentNegativeShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No customer negative episode.</p>
        )}
      </section>
      <section aria-labelledby="sc-notes">
        <h3 id="sc-notes">Reviewer&apos;s notes</h3>
        <p data-testid="scorecard-call-note">{notes.call ?? <span className="muted">No note on the call.</span>}</p>
        {notes.regions.length > 0 && (
          <ul>
            {notes.regions.map((n) => (
              <li key={n.id}>
                <strong>{formatClock(n.start)}</strong> ({capitalise(roles.get(n.channel) ?? 'party')}): {n.text} <span className="muted">— {n.author}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
