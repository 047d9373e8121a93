import { EMOTIONS, type Emotion } from '../../../../electron/shared/domain';
import { EMOTION_COLORS, capitalise } from '../../ui/palette';

interface EmotionChipsProps {
  active: ReadonlySet<Emotion>;
  onToggle: (emotion: Emotion) => void;
  onClear: () => void;
  onJump: (direction: 1 | -1) => void;
  counts: ReadonlyMap<Emotion, number>;
  /** The "uncertain" filter: only regions the model is unsure of (also `U`). */
  uncertain: boolean;
  uncertainCount: number;
  onToggleUncertain: () => void;
}

/** Scrub by emotion: choose emotions, then jump between their regions (also `[` and `]`). */
export function EmotionChips({ active, onToggle, onClear, onJump, counts, uncertain, uncertainCount, onToggleUncertain }: EmotionChipsProps) {
  return (
    <div className="chips" role="toolbar" aria-label="Scrub by emotion">
      <button type="button" className="chip" aria-pressed={active.size === 0} onClick={onClear}>
        All emotions
      </button>
      {EMOTIONS.map((emotion) => (
        <button key={emotion} type="button" className="chip" aria-pressed={active.has(emotion)} onClick={() => onToggle(emotion)} style={{ borderColor: EMOTION_COLORS[emotion] }}>
          <span className="swatch" style={{ background: EMOTION_COLORS[emotion] }} aria-hidden="true" />
          {capitalise(emotion)} <span className="muted">{counts.get(emotion) ?? 0}</span>
        </button>
      ))}
      <button type="button" className="chip chip-uncertain" aria-pressed={uncertain} onClick={onToggleUncertain}
        title="Only regions the model is unsure of that no one has labelled (U jumps to the next)">
        ? Uncertain <span className="muted">{uncertainCount}</span>
      </button>
      <span className="chip-jumps">
        <button type="button" onClick={() => onJump(-1)} aria-label="Previous region of the chosen emotions" title="Previous ([)">
          ◀ Prev
        </button>
        <button type="button" onClick={() => onJump(1)} aria-label="Next region of the chosen emotions" title="Next (])">
          Next ▶
        </button>
      </span>
    </div>
  );
}
