import { EMOTIONS, REVIEW_MARKS, type LabelValue } from '../../../../electron/shared/domain';
import { EMOTION_COLORS, capitalise, labelText } from '../../ui/palette';

interface EmotionChipsProps {
  active: ReadonlySet<LabelValue>;
  onToggle: (emotion: LabelValue) => void;
  onClear: () => void;
  onJump: (direction: 1 | -1) => void;
  counts: ReadonlyMap<LabelValue, number>;
  /** Scrub one party's regions only (null: both). */
  party: number | null;
  parties: ReadonlyArray<{ channel: number; label: string }>;
  onParty: (channel: number | null) => void;
}

/** Scrub by emotion: choose emotions, then jump between their regions (also `[` and `]`). */
export function EmotionChips({ active, onToggle, onClear, onJump, counts, party, parties, onParty }: EmotionChipsProps) {
  return (
    <div className="chips" role="toolbar" aria-label="Scrub by emotion">
      {parties.length > 1 && (
        <span className="chip-party" role="radiogroup" aria-label="Scrub which party">
          {[{ channel: null, label: 'Both' }, ...parties].map((option) => (
            <button key={option.label} type="button" role="radio" className="chip" aria-checked={party === option.channel} onClick={() => onParty(option.channel)}>
              {option.label}
            </button>
          ))}
        </span>
      )}
      <button type="button" className="chip" aria-pressed={active.size === 0} onClick={onClear}>
        All emotions
      </button>
      {/* The reviewer's marks get a chip once the call has one, so they can be found again. */}
      {[...EMOTIONS, ...REVIEW_MARKS.filter((mark) => (counts.get(mark) ?? 0) > 0 || active.has(mark))].map((emotion) => (
        <button key={emotion} type="button" className="chip" aria-pressed={active.has(emotion)} onClick={() => onToggle(emotion)} style={{ borderColor: EMOTION_COLORS[emotion] }}>
          <span className="swatch" style={{ background: EMOTION_COLORS[emotion] }} aria-hidden="true" />
          {capitalise(labelText(emotion))} <span className="muted">{counts.get(emotion) ?? 0}</span>
        </button>
      ))}
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
