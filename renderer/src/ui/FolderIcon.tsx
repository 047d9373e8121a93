/** A folder drawn as SVG: the emoji rendered as an empty box where no emoji font is installed. */
export function FolderIcon() {
  return (
    <svg className="icon" width="14" height="12" viewBox="0 0 14 12" aria-hidden="true" focusable="false">
      <path d="M1 2.2C1 1.5 1.5 1 2.2 1h3l1.3 1.5h5.3c.7 0 1.2.5 1.2 1.2v6.1c0 .7-.5 1.2-1.2 1.2H2.2C1.5 11 1 10.5 1 9.8z" fill="#e6b84f" stroke="#a07a1f" strokeWidth="0.8" />
    </svg>
  );
}
