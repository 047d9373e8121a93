import { Dialog } from '../../ui/Dialog';
import { SHORTCUTS } from './call-shortcuts';

/** Every shortcut, from the same table the key handler uses. */
export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const groups = [...new Set(SHORTCUTS.map((shortcut) => shortcut.group))];
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose} wide>
      <div className="help-grid">
        {groups.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
                <div key={shortcut.keys} className="help-row">
                  <dt>
                    <kbd>{shortcut.keys}</kbd>
                  </dt>
                  <dd>{shortcut.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted">Library: type in Search to filter; click a column header to sort; arrow keys move through the calls, Enter opens one; Ctrl+O opens a folder.</p>
    </Dialog>
  );
}
