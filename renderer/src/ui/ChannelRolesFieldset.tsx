import { PARTY_ROLES, type PartyRole } from '../../../electron/shared/domain';
import { capitalise } from './palette';

const STEREO_ROLES = PARTY_ROLES.filter((role) => role !== 'speaker');

/** Which party each channel of a stereo call is: used by Open folder and by Settings. */
export function ChannelRolesFieldset(props: { legend: string; roles: [PartyRole, PartyRole]; onChange: (roles: [PartyRole, PartyRole]) => void }) {
  const { legend, roles, onChange } = props;
  return (
    <fieldset className="roles">
      <legend>{legend}</legend>
      {(['Left channel', 'Right channel'] as const).map((label, index) => (
        <label key={label}>
          {label}
          <select
            value={roles[index]}
            onChange={(event) => {
              const next: [PartyRole, PartyRole] = [...roles];
              next[index] = event.target.value as PartyRole;
              onChange(next);
            }}
          >
            {STEREO_ROLES.map((role) => (
              <option key={role} value={role}>
                {capitalise(role)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
