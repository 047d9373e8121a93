import { useEffect, useRef } from 'react';
import { isTypingTarget, matchKey, type KeyMatch } from './call-shortcuts';

/**
 * One keydown listener for the call view; the latest handler is always used. Space plays and
 * pauses wherever focus is (a chip just clicked, a checkbox, a button) except in text fields;
 * Enter still presses a focused button.
 */
export function useCallKeys(handle: (match: KeyMatch) => void, enabled: boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    if (!enabled) return;
    let spaceTaken = false;
    function onKey(event: KeyboardEvent): void {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const target = event.target as HTMLElement | null;
      if (event.key === 'Enter' && target?.closest('button, a, [role="button"], [role="radio"]')) return;
      const match = matchKey(event);
      if (!match) return;
      event.preventDefault();
      spaceTaken = event.key === ' ';
      latest.current(match);
    }
    // A button pressed with Space fires its click on keyup: that click belongs to playback now.
    function onKeyUp(event: KeyboardEvent): void {
      if (event.key !== ' ' || !spaceTaken) return;
      spaceTaken = false;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [enabled]);
}
