import { describe, expect, it } from 'vitest';
import { SHORTCUTS, matchKey } from '../../../../../renderer/src/features/call/call-shortcuts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('call view shortcuts', () => {
  it('relabels with 1–7 in the contract order', () => {
    expect(matchKey(key('1'))).toEqual({ action: 'relabel', emotion: 'angry' });
    expect(matchKey(key('6'))).toEqual({ action: 'relabel', emotion: 'sad' });
    expect(matchKey(key('7'))).toEqual({ action: 'relabel', emotion: 'surprised' });
    // 8 and 9 mark a false positive "not speech" and a stretch the reviewer cannot call "unsure".
    expect(matchKey(key('8'))).toEqual({ action: 'relabel', emotion: 'not_speech' });
    expect(matchKey(key('9'))).toEqual({ action: 'relabel', emotion: 'unsure' });
  });

  it('maps undo/redo, zoom, jumps and review', () => {
    expect(matchKey(key('z', { ctrlKey: true }))?.action).toBe('undo');
    expect(matchKey(key('Z', { ctrlKey: true, shiftKey: true }))?.action).toBe('redo');
    expect(matchKey(key('y', { metaKey: true }))?.action).toBe('redo');
    expect(matchKey(key(']'))?.action).toBe('next-emotion');
    expect(matchKey(key('['))?.action).toBe('previous-emotion');
    expect(matchKey(key('+'))?.action).toBe('zoom-in');
    expect(matchKey(key('r'))?.action).toBe('play-region');
    expect(matchKey(key('R', { shiftKey: true }))?.action).toBe('toggle-reviewed');
    expect(matchKey(key('q'))?.action).toBe('next-uncertain');
    expect(matchKey(key('Q', { shiftKey: true }))?.action).toBe('previous-uncertain');
    expect(matchKey(key('v'))?.action).toBe('toggle-spectrogram');
    expect(matchKey(key('V', { shiftKey: true }))?.action).toBe('toggle-spectrogram');
    expect(matchKey(key('1', { altKey: true }))).toBeNull();
    expect(matchKey(key('c', { ctrlKey: true }))).toBeNull();
  });

  it('lists every action the key map can produce in the help overlay', () => {
    const keys = [' ', 'ArrowLeft', 'ArrowRight', ']', '[', '.', ',', '1', 's', 'm', 'Delete', '+', '-', '0', 'r', 'R', 'l', 'a', 'c', 'b', '<', '>', 'Escape', '?', 'q', 'Q', 'v'];
    const documented = new Set(SHORTCUTS.map((shortcut) => shortcut.action));
    const produced = keys.map((k) => matchKey(key(k))?.action);
    const undocumented = produced.filter((action) => action && !documented.has(action) && !['next-region', 'previous-region', 'seek-forward', 'zoom-out', 'faster', 'solo-second', 'solo-none', 'previous-uncertain'].includes(action));
    expect(undocumented).toEqual([]);
    expect(documented.has('undo') && documented.has('redo') && documented.has('help')).toBe(true);
  });
});
