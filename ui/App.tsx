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

/** The app's reducer: each key press becomes a command (or nothing) for the cursor, in order. */
export function reduceKeys(cursor: Cursor, presses: readonly KeyPress[]): Cursor {
  return presses.reduce((c, press) => {
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
  const [cursor, dispatch] = useReducer(reduceKeys, session, openCursor);
  const { exit } = useApp();
  useInput((input, key) => dispatch(keyPressesOf(input, key)));
  useEffect(() => {
    if (cursor.quit) exit();
  }, [cursor.quit, exit]);
  const screen = useScreenSize(size);
  const view = useMemo(() => viewOf(cursor, screen), [cursor, screen]);
  return <Screen view={view} />;
}
