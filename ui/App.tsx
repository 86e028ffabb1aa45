/**
 * The replay app: one `useReducer` over the pure cursor and one `useInput` that only dispatches
 * the keys (STYLE.md 16). The reducer reads the current cursor, never a closure's copy, and a
 * burst of keys delivered in one chunk is split into single presses, so it moves the cursor
 * exactly as typed.
 */
import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { openCursor, reduceCursor, viewOf, type Cursor, type ReplaySession, type ScreenSize } from '../trace/index.js';
import { Screen } from './components/Screen.js';
import { commandOf, keyPressesOf, type KeyPress } from './keymap.js';

/** What the app dispatches: a burst of key presses, or the terminal's new size. */
export type AppEvent = readonly KeyPress[] | { readonly screen: ScreenSize };

/** The app's reducer: each key press becomes a command (or nothing) for the cursor, in order; a new size is passed on. */
export function reduceKeys(cursor: Cursor, event: AppEvent): Cursor {
  if ('screen' in event) return reduceCursor(cursor, { type: 'resize', screen: event.screen });
  return event.reduce((c, press) => {
    const command = commandOf(press.input, press.key, c.prompt === undefined ? 'browse' : 'find');
    return command === undefined ? c : reduceCursor(c, command);
  }, cursor);
}

const DEFAULT_SIZE: ScreenSize = { columns: 80, rows: 24 };

/** The terminal's size, following resizes; `fixed` (tests) overrides it. */
function useScreenSize(fixed: ScreenSize | undefined): ScreenSize {
  const { stdout } = useStdout();
  const measure = (): ScreenSize => fixed ?? { columns: stdout.columns || DEFAULT_SIZE.columns, rows: stdout.rows || DEFAULT_SIZE.rows };
  const [size, setSize] = useState<ScreenSize>(measure);
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = (): void => setSize(measure());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}

export function App({ session, size }: { readonly session: ReplaySession; readonly size?: ScreenSize }) {
  const screen = useScreenSize(size);
  const [cursor, dispatch] = useReducer(reduceKeys, session, (s) => openCursor(s, screen));
  const { exit } = useApp();
  useInput((input, key) => dispatch(keyPressesOf(input, key)));
  useEffect(() => {
    if (cursor.quit) exit();
  }, [cursor.quit, exit]);
  // The cursor pages the state by the screen's size: it learns every new size.
  useEffect(() => {
    if (cursor.screen.columns !== screen.columns || cursor.screen.rows !== screen.rows) dispatch({ screen });
  }, [screen, cursor.screen]);
  const view = useMemo(() => viewOf(cursor, screen), [cursor, screen]);
  return <Screen view={view} />;
}
