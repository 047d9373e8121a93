import { useEffect, useRef } from 'react';
import { isTypingTarget, matchKey, type KeyMatch } from './call-shortcuts';

/** One keydown listener for the call view; the latest handler is always used. */
export function useCallKeys(handle: (match: KeyMatch) => void, enabled: boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent): void {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const target = event.target as HTMLElement | null;
      // Space and Enter on a focused button press that button, as they should.
      if ((event.key === ' ' || event.key === 'Enter') && target?.closest('button, a, [role="button"], [role="radio"]')) return;
      const match = matchKey(event);
      if (!match) return;
      event.preventDefault();
      latest.current(match);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
