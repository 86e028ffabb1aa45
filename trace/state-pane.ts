/**
 * The state pane's content and scrolling. The content is the whole tree of the current state,
 * diffed against the previous one, with the lines where its changes begin; a scroll position is
 * the focused change and, once the person scrolls, the top line. The cursor scrolls with the
 * screen size it was last given and the view draws with the size it is given; both resolve a
 * position through these functions, so they agree. Cost is the size of two states, never the
 * length of the trace.
 */
import type { ReplaySession } from './cursor.js';
import { stateTree, type StateLine, type StateTreeMode } from './state-tree.js';

/** Where the state pane is: the focused change (an index into the changes), and the top line once scrolled. */
export interface PaneScroll {
  readonly change: number;
  /** Absent: the pane shows the focused change (from the top when it is on the first page). */
  readonly top?: number;
}

export interface PaneContent {
  readonly lines: readonly StateLine[];
  /** The line of each change, in order. */
  readonly changes: readonly number[];
  /** Lines past the cap were left out. */
  readonly truncated: boolean;
}

/** A state bigger than this many lines is cut: a pane that long is read by scrolling, not at once. */
export const PANE_LINES_CAP = 20_000;

let memo: { key: readonly unknown[]; content: PaneContent } | undefined;

/** The pane's content for `step` of the session's trace, in `mode`, for lines `width` columns wide. */
export function paneContent(session: ReplaySession, step: number, mode: StateTreeMode, width: number): PaneContent {
  const { trace } = session;
  const state = step === 0 ? trace.initial.state : trace.steps[step - 1]?.state;
  const previous = step === 0 ? undefined : step === 1 ? trace.initial.state : trace.steps[step - 2]?.state;
  // The cursor and the view ask for the same content one after the other on every key press.
  const key = [state, previous, mode, width];
  if (memo !== undefined && memo.key.every((k, i) => k === key[i])) return memo.content;
  const { lines, truncated } = stateTree(state, previous, mode, width, PANE_LINES_CAP);
  const changes: number[] = [];
  lines.forEach((line, i) => {
    if (line.origin) changes.push(i);
  });
  const content = { lines, changes, truncated };
  memo = { key, content };
  return content;
}

/** Lines shown at once in a pane of `height` lines: all of them, less a status line when the content does not fit. */
export function windowLines(height: number, total: number): number {
  return total <= height ? height : Math.max(1, height - 1);
}

const clamp = (n: number, min: number, max: number): number => Math.max(min, Math.min(max, n));

/** The line of change number `change` (taken round the list), or undefined when nothing changed. */
export function changeLine(content: PaneContent, change: number): number | undefined {
  const n = content.changes.length;
  return n === 0 ? undefined : content.changes[((change % n) + n) % n];
}

/** The top line a pane of `height` lines shows at `scroll`: within bounds, and showing the focused change unless scrolled away. */
export function topOf(content: PaneContent, height: number, scroll: PaneScroll): number {
  const total = content.lines.length;
  const window = windowLines(height, total);
  const last = Math.max(0, total - window);
  if (scroll.top !== undefined) return clamp(scroll.top, 0, last);
  const target = changeLine(content, scroll.change);
  if (target === undefined || target < window) return 0;
  // One line above the change for context (usually its parent field), in a window with room for it.
  return clamp(window > 1 ? target - 1 : target, 0, last);
}

/** `scroll` moved by `lines` (negative: up), within bounds. */
export function scrolled(content: PaneContent, height: number, scroll: PaneScroll, lines: number): PaneScroll {
  const last = Math.max(0, content.lines.length - windowLines(height, content.lines.length));
  return { change: scroll.change, top: clamp(topOf(content, height, scroll) + lines, 0, last) };
}

/** One page of a pane of `height` lines: the window less one line kept in view. */
export function pageLines(content: PaneContent, height: number): number {
  return Math.max(1, windowLines(height, content.lines.length) - 1);
}

/** `scroll` with the focus moved `by` changes (round the list), scrolled only if the change was out of view. */
export function focused(content: PaneContent, height: number, scroll: PaneScroll, by: number): PaneScroll {
  const n = content.changes.length;
  if (n === 0) return scroll;
  const change = (((scroll.change + by) % n) + n) % n;
  const target = content.changes[change] as number;
  const top = topOf(content, height, scroll);
  const window = windowLines(height, content.lines.length);
  if (target >= top && target < top + window) return { change, top };
  return { change, top: topOf(content, height, { change }) };
}
