import { EMOTIONS, RECORDING_STATUSES, type Emotion, type PartyRole, type RecordingStatus } from '../../../../electron/shared/domain';
import { capitalise } from '../../ui/palette';
import { ConversationFilters } from '../conversation/ConversationFilters';
import type { LibraryFilter } from './library-filter';

interface LibraryFiltersProps {
  filter: LibraryFilter;
  agents: string[];
  teams: string[];
  onChange: (filter: LibraryFilter) => void;
  shown: number;
  total: number;
}

/** Search by name; status, review and "party emotion above N%" filters. */
export function LibraryFilters({ filter, agents, teams, onChange, shown, total }: LibraryFiltersProps) {
  const share = filter.share;
  return (
    <form className="filters" role="search" aria-label="Filter calls" onSubmit={(event) => event.preventDefault()}>
      <label>
        Search
        <input type="search" aria-label="Search calls by name" placeholder="Call name" value={filter.search} onChange={(event) => onChange({ ...filter, search: event.target.value })} />
      </label>
      <label>
        Status
        <select aria-label="Status filter" value={filter.status} onChange={(event) => onChange({ ...filter, status: event.target.value as RecordingStatus | 'all' })}>
          <option value="all">All</option>
          {RECORDING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {capitalise(status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Review
        <select aria-label="Review filter" value={filter.reviewed} onChange={(event) => onChange({ ...filter, reviewed: event.target.value as LibraryFilter['reviewed'] })}>
          <option value="all">All</option>
          <option value="reviewed">Reviewed</option>
          <option value="unreviewed">Not reviewed</option>
        </select>
      </label>
      <fieldset className="share-filter">
        <legend>Emotion share</legend>
        <select
          aria-label="Party for emotion share"
          value={share?.role ?? 'any'}
          onChange={(event) => onChange({ ...filter, share: { emotion: share?.emotion ?? 'angry', min: share?.min ?? 0.2, role: event.target.value as PartyRole | 'any' } })}
        >
          <option value="any">Any party</option>
          <option value="agent">Agent</option>
          <option value="customer">Customer</option>
        </select>
        <select
          aria-label="Emotion for emotion share"
          value={share?.emotion ?? ''}
          onChange={(event) =>
            onChange({
              ...filter,
              share: event.target.value ? { role: share?.role ?? 'any', min: share?.min ?? 0.2, emotion: event.target.value as Emotion } : null,
            })
          }
        >
          <option value="">Any emotion</option>
          {EMOTIONS.map((emotion) => (
            <option key={emotion} value={emotion}>
              {capitalise(emotion)}
            </option>
          ))}
        </select>
        <label className="inline">
          &gt;
          <input
            type="number"
            min={0}
            max={100}
            step={5}
            aria-label="Minimum emotion share in percent"
            disabled={!share}
            value={Math.round((share?.min ?? 0.2) * 100)}
            onChange={(event) => share && onChange({ ...filter, share: { ...share, min: Math.min(100, Math.max(0, Number(event.target.value))) / 100 } })}
          />
          %
        </label>
      </fieldset>
      <ConversationFilters filter={filter.conversation} agents={agents} teams={teams} onChange={(conversation) => onChange({ ...filter, conversation })} />
      <p className="count" aria-live="polite">
        {shown === total ? `${total} calls` : `${shown} of ${total} calls`}
      </p>
    </form>
  );
}
