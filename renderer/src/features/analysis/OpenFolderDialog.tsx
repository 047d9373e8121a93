import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryListing } from '../../../../electron/shared/contract';
import type { PartyRole } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ChannelRolesFieldset } from '../../ui/ChannelRolesFieldset';
import { FolderIcon } from '../../ui/FolderIcon';

const AUDIO = /\.(wav|wave|mp3|m4a|mp4|aac|ogg|oga|opus|flac|webm|wma|amr)$/i;
const LAST_DIR_KEY = 'emoqa.lastFolder';

interface OpenFolderDialogProps {
  open: boolean;
  /** A folder already chosen (the desktop menu's native dialog). */
  initialDir: string | null;
  defaultRoles: [PartyRole, PartyRole];
  onClose: () => void;
  onStart: (paths: string[], roles: [PartyRole, PartyRole]) => Promise<void>;
  /** Team server, a lead: hand the files to the team's workers (`queue.enqueue`) instead of analysing them here. */
  onQueue?: (paths: string[]) => Promise<void>;
}

/** Folder or single-file choice that works in a browser too: a path field with listing done by the server. */
export function OpenFolderDialog({ open, initialDir, defaultRoles, onClose, onStart, onQueue }: OpenFolderDialogProps) {
  const [path, setPath] = useState('');
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [roles, setRoles] = useState<[PartyRole, PartyRole]>(defaultRoles);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Single files chosen in the list; none chosen: the whole folder (with its subfolders).
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  // Listings can answer out of order (the initial one after a folder typed and submitted): only the
  // latest request is shown, and a path typed since it was asked for is never overwritten. Nor is the
  // field rewritten while the reviewer is in it (focused, nothing typed yet): what they type next would
  // land after the answer's folder ("/root" + "/tmp/calls"); it takes the folder when they leave it.
  // A folder they submitted from the field is theirs: its answer names it as the server resolved it.
  const latest = useRef(0);
  const typed = useRef(false);
  const pathField = useRef<HTMLInputElement>(null);

  const list = useCallback(async (dir: string | undefined, submitted = false) => {
    const request = ++latest.current;
    typed.current = false;
    setError(null);
    try {
      const result = await api.invoke('files.list', dir ? { dir } : {});
      if (request !== latest.current) return;
      setListing(result);
      if (!typed.current && (submitted || document.activeElement !== pathField.current)) setPath(result.dir);
      setChosen(new Set());
    } catch (reason) {
      if (request === latest.current) setError(errorMessage(reason));
    }
  }, []);

  // Opening resets the roles and lists the start folder; settings that arrive while the dialog is
  // open (a new defaultRoles array) must not list it again over the folder the reviewer went to.
  const defaultRolesRef = useRef(defaultRoles);
  defaultRolesRef.current = defaultRoles;
  useEffect(() => {
    if (!open) return;
    setRoles(defaultRolesRef.current);
    void list(initialDir ?? localStorage.getItem(LAST_DIR_KEY) ?? undefined);
  }, [open, initialDir, list]);

  const audioFiles = listing?.entries.filter((entry) => entry.kind === 'file' && AUDIO.test(entry.name)) ?? [];
  const folders = listing?.entries.filter((entry) => entry.kind === 'dir') ?? [];
  const count = chosen.size || audioFiles.length;
  const countText = `${count}${chosen.size ? ' chosen' : ''} ${count === 1 ? 'call' : 'calls'}`;

  async function analyse(queue: boolean): Promise<void> {
    if (!listing) return;
    setBusy(true);
    try {
      localStorage.setItem(LAST_DIR_KEY, listing.dir);
      const paths = chosen.size ? [...chosen] : [listing.dir];
      await (queue && onQueue ? onQueue(paths) : onStart(paths, roles));
      onClose();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Open folder" open={open} onClose={onClose} wide>
      <form
        className="path-form"
        onSubmit={(event) => {
          event.preventDefault();
          void list(path, true);
        }}
      >
        <label className="grow">
          Folder path
          <input
            ref={pathField}
            type="text"
            value={path}
            onChange={(event) => {
              typed.current = true;
              setPath(event.target.value);
            }}
            onBlur={() => {
              if (!typed.current && listing) setPath(listing.dir);
            }}
            spellCheck={false}
          />
        </label>
        <button type="submit">Go</button>
        <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && void list(listing.parent)}>
          Up one folder
        </button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      <ul className="folder-list" aria-label="Folders and audio files">
        {folders.map((entry) => (
          <li key={entry.path}>
            <button type="button" className="link-button" onClick={() => void list(entry.path)}>
              <FolderIcon /> {entry.name}
            </button>
          </li>
        ))}
        {audioFiles.map((entry) => (
          <li key={entry.path}>
            <label>
              <input type="checkbox" checked={chosen.has(entry.path)} aria-label={`Choose ${entry.name}`}
                onChange={() => setChosen((current) => {
                  const next = new Set(current);
                  if (next.has(entry.path)) next.delete(entry.path);
                  else next.add(entry.path);
                  return next;
                })} />
              <span aria-hidden="true">♪</span> {entry.name}
            </label>
          </li>
        ))}
        {listing && folders.length + audioFiles.length === 0 && <li className="muted">Empty folder</li>}
      </ul>
      <ChannelRolesFieldset legend="Stereo channels" roles={roles} onChange={setRoles} />
      <footer className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {onQueue && (
          <button type="button" disabled={!listing || audioFiles.length === 0 || busy} onClick={() => void analyse(true)}
            title="The team's emoqa worker processes analyse them (with the server's default roles)">
            {`Queue ${countText} for the workers`}
          </button>
        )}
        <button type="button" className="primary" disabled={!listing || audioFiles.length === 0 || busy} onClick={() => void analyse(false)}>
          {`Analyse ${countText}`}
        </button>
      </footer>
    </Dialog>
  );
}
