import { useEffect, useState } from 'react';
import { formatClock } from '../../ui/format';
import type { NotesState } from './use-notes';

interface NotesPanelProps {
  state: NotesState;
  /** The selected region, if any: its note is edited beside the call's. */
  region: { channel: number; start: number; end: number } | null;
}

/** Free-text notes on the call and on the selected region; saved when the field loses focus. */
export function NotesPanel({ state, region }: NotesPanelProps) {
  const { notes, error } = state;
  const regionNote = region ? notes?.regions.find((n) => n.channel === region.channel && n.start === region.start && n.end === region.end) : undefined;
  const [callText, setCallText] = useState('');
  const [regionText, setRegionText] = useState('');
  useEffect(() => setCallText(notes?.call ?? ''), [notes?.call]);
  useEffect(() => setRegionText(regionNote?.text ?? ''), [regionNote?.text, region?.channel, region?.start, region?.end]);
  return (
    <section className="notes-panel" aria-label="Notes">
      <label>
        Call note
        <textarea aria-label="Call note" rows={2} maxLength={10_000} value={callText} onChange={(e) => setCallText(e.target.value)}
          onBlur={() => callText !== (notes?.call ?? '') && void state.saveCall(callText)} />
      </label>
      {region && (
        <label>
          Note on {formatClock(region.start, true)}–{formatClock(region.end, true)}
          <textarea aria-label="Region note" rows={2} maxLength={10_000} value={regionText} onChange={(e) => setRegionText(e.target.value)}
            onBlur={() => regionText !== (regionNote?.text ?? '') && void state.saveRegion(region, regionText)} />
        </label>
      )}
      {notes && notes.regions.length > 0 && (
        <ul className="region-notes" aria-label="Region notes">
          {notes.regions.map((n) => (
            <li key={n.id}>
              <span className="muted">{formatClock(n.start)}</span> {n.text} <span className="muted">— {n.author}</span>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
