import { LABEL_VALUES, type LabelValue, type PartyRole } from '../../../../electron/shared/domain';
import { formatClock, formatPercent } from '../../ui/format';
import { EMOTION_COLORS, EMOTION_TEXT, capitalise, digitForEmotion, labelText } from '../../ui/palette';
import type { EffectiveRegion } from './region-model';

interface RegionPanelProps {
  region: EffectiveRegion | null;
  role: PartyRole | undefined;
  onRelabel: (emotion: LabelValue) => void;
  onSplit: () => void;
  onMerge: () => void;
  onDelete: () => void;
  onPlay: (loop: boolean) => void;
}

/** The selected region: the model's call and the reviewer's side by side, and every edit as a button. */
export function RegionPanel({ region, role, onRelabel, onSplit, onMerge, onDelete, onPlay }: RegionPanelProps) {
  if (!region) {
    return (
      <section className="region-panel" aria-label="Selected region">
        <p className="muted">Select a region (click it, or press <kbd>]</kbd> / <kbd>.</kbd>) to correct it. Drag on empty waveform to draw one.</p>
      </section>
    );
  }
  const prediction = region.prediction;
  return (
    <section className="region-panel" aria-label="Selected region">
      <p className="region-summary">
        <strong>{capitalise(role ?? 'party')}</strong> {formatClock(region.start, true)}–{formatClock(region.end, true)} ·{' '}
        <span data-testid="model-label">
          Model: {prediction ? `${prediction.emotion} ${formatPercent(prediction.confidence)}` : 'none'}
        </span>{' '}
        ·{' '}
        <span data-testid="human-label">Reviewer: {region.source === 'human' ? `${labelText(region.emotion)}${region.label?.kind === 'agreement' ? ', agrees' : ''}${region.label ? ` (${region.label.reviewer || 'unnamed'})` : ''}` : 'not corrected'}</span>
      </p>
      <div className="relabel" role="group" aria-label="Relabel selected region">
        {LABEL_VALUES.map((emotion) => (
          <button
            key={emotion}
            type="button"
            className="relabel-button"
            aria-pressed={region.emotion === emotion}
            aria-label={`Relabel as ${labelText(emotion)}`}
            title={`Relabel as ${labelText(emotion)} (${digitForEmotion(emotion)})`}
            style={{ background: EMOTION_COLORS[emotion], color: EMOTION_TEXT[emotion] }}
            onClick={() => onRelabel(emotion)}
          >
            {digitForEmotion(emotion)} {labelText(emotion)}
          </button>
        ))}
      </div>
      <div className="region-actions">
        <button type="button" onClick={() => onPlay(false)}>Play region</button>
        <button type="button" onClick={() => onPlay(true)}>Loop region</button>
        <button type="button" onClick={onSplit}>Split at playhead</button>
        <button type="button" onClick={onMerge}>Merge with next</button>
        <button type="button" onClick={onDelete} disabled={region.source !== 'human'}>Delete label</button>
      </div>
    </section>
  );
}
