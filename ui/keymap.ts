/**
 * Keys to replay commands, as a pure function tested without React (STYLE.md 16). While the find
 * prompt is open, printable keys are the find text; otherwise each key is one command.
 */
import type { Key } from 'ink';
import type { ReplayCommand } from '../trace/index.js';

export type KeymapMode = 'browse' | 'find';

/** What a key press means in `mode`; undefined for keys that mean nothing. */
export function commandOf(input: string, key: Partial<Key>, mode: KeymapMode = 'browse'): ReplayCommand | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (mode === 'find') {
    if (key.return) return { type: 'findSubmit' };
    if (key.escape) return { type: 'findCancel' };
    if (key.backspace || key.delete) return { type: 'findBackspace' };
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return undefined;
    return input.length > 0 ? { type: 'findInput', text: input } : undefined;
  }
  if (key.rightArrow) return { type: 'next' };
  if (key.leftArrow) return { type: 'prev' };
  if (key.home) return { type: 'first' };
  if (key.end) return { type: 'last' };
  if (key.downArrow) return { type: 'scrollLines', lines: 1 };
  if (key.upArrow) return { type: 'scrollLines', lines: -1 };
  if (key.pageDown) return { type: 'scrollPages', pages: 1 };
  if (key.pageUp) return { type: 'scrollPages', pages: -1 };
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'l':
    case 'n':
      return { type: 'next' };
    case 'h':
    case 'p':
      return { type: 'prev' };
    case 'g':
      return { type: 'first' };
    case 'G':
      return { type: 'last' };
    case 'v':
      return { type: 'violation' };
    case 'a':
      return { type: 'nextOfActor' };
    case '/':
      return { type: 'findStart' };
    case 'd':
      return { type: 'toggleDiff' };
    case 'j':
      return { type: 'scrollLines', lines: 1 };
    case 'k':
      return { type: 'scrollLines', lines: -1 };
    case 'J':
      return { type: 'scrollPages', pages: 1 };
    case 'K':
      return { type: 'scrollPages', pages: -1 };
    case 'c':
      return { type: 'focusChange', by: 1 };
    case 'C':
      return { type: 'focusChange', by: -1 };
    case 'q':
      return { type: 'quit' };
    default:
      return undefined;
  }
}

/** One key press as Ink reports it. */
export interface KeyPress {
  readonly input: string;
  readonly key: Partial<Key>;
}

/**
 * Ink reports a run of plain characters that arrived in one chunk (fast typing, a paste, tmux
 * send-keys) as ONE input string; this splits it back into single key presses, so `lln` moves
 * three steps. Control bytes inside the run become the keys they are (Enter, Backspace, Ctrl-C).
 */
export function keyPressesOf(input: string, key: Partial<Key>): KeyPress[] {
  const chars = [...input];
  if (chars.length <= 1) return [{ input, key }];
  const presses: KeyPress[] = [];
  for (const ch of chars) {
    if (ch === '\r' || ch === '\n') presses.push({ input: '', key: { return: true } });
    else if (ch === '\u007f' || ch === '\b') presses.push({ input: '', key: { backspace: true } });
    else if (ch === '\u0003') presses.push({ input: 'c', key: { ctrl: true } });
    else if (ch >= ' ') presses.push({ input: ch, key: { shift: ch !== ch.toLowerCase() } });
  }
  return presses;
}
