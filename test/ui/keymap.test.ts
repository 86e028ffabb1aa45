// Goal: every key of the replay UI maps to the command the issue names, in browse mode and in the find prompt.
// Method: a table of (input, key, mode) → command, checked against the pure keymap without React.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import type { ReplayCommand } from '../../trace/index.js';
import { commandOf, keyPressesOf, type KeymapMode } from '../../ui/keymap.js';

const rows: [string, string, Partial<Key>, KeymapMode, ReplayCommand | undefined][] = [
  ['right arrow', '', { rightArrow: true }, 'browse', { type: 'next' }],
  ['l', 'l', {}, 'browse', { type: 'next' }],
  ['n', 'n', {}, 'browse', { type: 'next' }],
  ['left arrow', '', { leftArrow: true }, 'browse', { type: 'prev' }],
  ['h', 'h', {}, 'browse', { type: 'prev' }],
  ['p', 'p', {}, 'browse', { type: 'prev' }],
  ['g', 'g', {}, 'browse', { type: 'first' }],
  ['G', 'G', { shift: true }, 'browse', { type: 'last' }],
  ['Home', '', { home: true }, 'browse', { type: 'first' }],
  ['End', '', { end: true }, 'browse', { type: 'last' }],
  ['v', 'v', {}, 'browse', { type: 'violation' }],
  ['a', 'a', {}, 'browse', { type: 'nextOfActor' }],
  ['/', '/', {}, 'browse', { type: 'findStart' }],
  ['d', 'd', {}, 'browse', { type: 'toggleDiff' }],
  ['down arrow', '', { downArrow: true }, 'browse', { type: 'scrollLines', lines: 1 }],
  ['j', 'j', {}, 'browse', { type: 'scrollLines', lines: 1 }],
  ['up arrow', '', { upArrow: true }, 'browse', { type: 'scrollLines', lines: -1 }],
  ['k', 'k', {}, 'browse', { type: 'scrollLines', lines: -1 }],
  ['PgDn', '', { pageDown: true }, 'browse', { type: 'scrollPages', pages: 1 }],
  ['J', 'J', { shift: true }, 'browse', { type: 'scrollPages', pages: 1 }],
  ['PgUp', '', { pageUp: true }, 'browse', { type: 'scrollPages', pages: -1 }],
  ['K', 'K', { shift: true }, 'browse', { type: 'scrollPages', pages: -1 }],
  ['c', 'c', {}, 'browse', { type: 'focusChange', by: 1 }],
  ['C', 'C', { shift: true }, 'browse', { type: 'focusChange', by: -1 }],
  ['q', 'q', {}, 'browse', { type: 'quit' }],
  ['Ctrl-C', 'c', { ctrl: true }, 'browse', { type: 'quit' }],
  ['x (unbound)', 'x', {}, 'browse', undefined],
  ['Ctrl-L (unbound)', 'l', { ctrl: true }, 'browse', undefined],
  ['q while finding is text', 'q', {}, 'find', { type: 'findInput', text: 'q' }],
  ['n while finding is text', 'n', {}, 'find', { type: 'findInput', text: 'n' }],
  ['Enter while finding', '', { return: true }, 'find', { type: 'findSubmit' }],
  ['Escape while finding', '', { escape: true }, 'find', { type: 'findCancel' }],
  ['Backspace while finding', '', { backspace: true }, 'find', { type: 'findBackspace' }],
  ['Delete (DEL byte) while finding', '', { delete: true }, 'find', { type: 'findBackspace' }],
  ['Ctrl-C while finding', 'c', { ctrl: true }, 'find', { type: 'quit' }],
  ['arrows while finding do nothing', '', { rightArrow: true }, 'find', undefined],
  ['down arrow while finding does nothing', '', { downArrow: true }, 'find', undefined],
  ['j and c while finding are text', 'j', {}, 'find', { type: 'findInput', text: 'j' }],
];

describe('commandOf', () => {
  it.each(rows)('%s', (_, input, key, mode, expected) => {
    expect(commandOf(input, key, mode)).toEqual(expected);
  });
});

describe('keyPressesOf', () => {
  it('splits a run of characters from one chunk into single presses', () => {
    expect(keyPressesOf('lln', {})).toEqual([{ input: 'l', key: { shift: false } }, { input: 'l', key: { shift: false } }, { input: 'n', key: { shift: false } }]);
    expect(keyPressesOf('G', { shift: true })).toEqual([{ input: 'G', key: { shift: true } }]);
    expect(keyPressesOf('a\r\u007fq\u0003', {}).map((p) => commandOf(p.input, p.key, 'find'))).toEqual([
      { type: 'findInput', text: 'a' }, { type: 'findSubmit' }, { type: 'findBackspace' }, { type: 'findInput', text: 'q' }, { type: 'quit' },
    ]);
  });
});
