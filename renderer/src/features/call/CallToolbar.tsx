import { formatClock } from '../../ui/format';
import { SPEEDS } from './call-shortcuts';

export type Solo = number | null;

interface CallToolbarProps {
  playing: boolean;
  time: number;
  duration: number;
  rate: number;
  solo: Solo;
  parties: Array<{ channel: number; label: string }>;
  canUndo: boolean;
  canRedo: boolean;
  /** Pixels per second relative to the whole call fitting the view (1 = fit). */
  zoom: number;
  spectrogram: boolean;
  onSpectrogram: () => void;
  onPlay: () => void;
  onRate: (rate: number) => void;
  onSolo: (solo: Solo) => void;
  onZoom: (direction: 1 | -1 | 0) => void;
  onUndo: () => void;
  onRedo: () => void;
  onHelp: () => void;
}

export function CallToolbar(props: CallToolbarProps) {
  const { playing, time, duration, rate, solo, parties } = props;
  return (
    <div className="call-toolbar" role="toolbar" aria-label="Playback and view">
      <button type="button" className="primary play" onClick={props.onPlay} aria-label={playing ? 'Pause' : 'Play'}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <span className="clock" aria-label="Playhead time" data-testid="clock">
        {formatClock(time, true)} / {formatClock(duration)}
      </span>
      <label>
        Speed
        <select aria-label="Playback speed" value={rate} onChange={(event) => props.onRate(Number(event.target.value))}>
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="radiogroup" aria-label="Hear">
        <button type="button" role="radio" aria-checked={solo === null} onClick={() => props.onSolo(null)}>
          Both parties
        </button>
        {parties.map((party) => (
          <button key={party.channel} type="button" role="radio" aria-checked={solo === party.channel} onClick={() => props.onSolo(party.channel)}>
            {party.label} only
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Zoom">
        <button type="button" onClick={() => props.onZoom(-1)} aria-label="Zoom out">−</button>
        <button type="button" onClick={() => props.onZoom(0)} aria-label="Fit whole call">Fit</button>
        <span className="zoom-level" title="Zoom level" data-testid="zoom-level">{props.zoom <= 1.01 ? 'whole call' : `${props.zoom.toFixed(1)}×`}</span>
        <button type="button" onClick={() => props.onZoom(1)} aria-label="Zoom in">+</button>
      </div>
      <button type="button" className="spectrogram-toggle" aria-pressed={props.spectrogram} onClick={props.onSpectrogram} title="Spectrogram lanes, 0–4 kHz, for the visible range (V)">
        {props.spectrogram ? '✓ Spectrogram' : 'Spectrogram'}
      </button>
      <div className="segmented" role="group" aria-label="History">
        <button type="button" onClick={props.onUndo} disabled={!props.canUndo} aria-label="Undo">↶ Undo</button>
        <button type="button" onClick={props.onRedo} disabled={!props.canRedo} aria-label="Redo">↷ Redo</button>
      </div>
      <button type="button" onClick={props.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
    </div>
  );
}
