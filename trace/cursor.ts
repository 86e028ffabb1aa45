/**
 * The replay cursor: where a person is in a trace, as plain immutable data, and the pure reducer
 * `(cursor, command) => cursor` that moves it (STYLE.md 16). The Ink UI only dispatches commands
 * and renders `viewOf(cursor, size)`; everything it shows is decided here and in view.ts.
 */
import type { Trace } from './format.js';
import { layoutOf, type ScreenSize } from './layout.js';
import type { ReplayOutcome } from './replay.js';
import { focused, pageLines, paneContent, scrolled, topOf, type PaneContent, type PaneScroll } from './state-pane.js';

/** A trace that has been re-executed, with what the re-execution found. */
export interface ReplaySession {
  readonly trace: Trace;
  readonly outcome: ReplayOutcome;
  /** The file it came from, for the header. */
  readonly file?: string;
  /** Invariant statements from the model, for traces that did not record one. */
  readonly statements?: Readonly<Record<string, string>>;
}

/** Computed once per trace (O(N)), so that no command or view has to scan the steps to draw. */
export interface TraceIndex {
  /** Every actor, in order of first appearance. */
  readonly actors: readonly string[];
  /** `actorIds[k]` is the actor of step k (k from 1); `actorIds[0]` is -1, the initial state. */
  readonly actorIds: Int32Array;
}

export type ReplayCommand =
  | { readonly type: 'next' }
  | { readonly type: 'prev' }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  | { readonly type: 'violation' }
  | { readonly type: 'nextOfActor' }
  | { readonly type: 'toggleDiff' }
  /** Scrolls the state pane by lines (negative: up). */
  | { readonly type: 'scrollLines'; readonly lines: number }
  /** Scrolls the state pane by pages (negative: up). */
  | { readonly type: 'scrollPages'; readonly pages: number }
  /** Focuses the next (`by` 1) or previous (`by` -1) changed field of the state, scrolling to it. */
  | { readonly type: 'focusChange'; readonly by: number }
  /** The terminal's size changed: scrolling moves by the pages this size shows. */
  | { readonly type: 'resize'; readonly screen: ScreenSize }
  /** Finds the next step (after the current one, wrapping) whose label or actor contains `text`. */
  | { readonly type: 'find'; readonly text: string }
  | { readonly type: 'findStart' }
  | { readonly type: 'findInput'; readonly text: string }
  | { readonly type: 'findBackspace' }
  | { readonly type: 'findSubmit' }
  | { readonly type: 'findCancel' }
  | { readonly type: 'quit' };

export interface Cursor {
  readonly session: ReplaySession;
  readonly index: TraceIndex;
  /** 0 is the initial state; N (the number of actions) the last. */
  readonly step: number;
  readonly show: 'diff' | 'full';
  /** Where the state pane is scrolled; every move to another step starts at its first change. */
  readonly pane: PaneScroll;
  /** The screen the cursor is shown on, for the pane's page size. */
  readonly screen: ScreenSize;
  /** The find text being typed, while the find prompt is open. */
  readonly prompt?: string;
  /** The last text searched for: an empty find repeats it. */
  readonly query?: string;
  /** A one-line note about the last command (no match, no later step of an actor). */
  readonly message?: string;
  readonly quit: boolean;
}

/** The number of actions in the trace: the cursor's last position. */
export const stepCount = (c: Cursor): number => c.session.trace.steps.length;

/** The step the verdict names, if the trace records a violation or deadlock. */
export function verdictStep(session: ReplaySession): number | undefined {
  const v = session.trace.verdict;
  return v.result === 'ok' ? undefined : v.step;
}

/** The step at which re-execution diverged, if it did. */
export function divergenceStep(session: ReplaySession): number | undefined {
  return session.outcome.reproduces ? undefined : session.outcome.step;
}

export function indexTrace(trace: Trace): TraceIndex {
  const actors: string[] = [];
  const ids = new Map<string, number>();
  const actorIds = new Int32Array(trace.steps.length + 1);
  actorIds[0] = -1;
  trace.steps.forEach((s, i) => {
    let id = ids.get(s.actor);
    if (id === undefined) {
      id = actors.length;
      ids.set(s.actor, id);
      actors.push(s.actor);
    }
    actorIds[i + 1] = id;
  });
  return { actors, actorIds };
}

const DEFAULT_SCREEN: ScreenSize = { columns: 80, rows: 24 };

/** A cursor on a freshly replayed trace: at the diverging step if it diverged, else at step 0. */
export function openCursor(session: ReplaySession, screen: ScreenSize = DEFAULT_SCREEN): Cursor {
  const n = session.trace.steps.length;
  const diverged = divergenceStep(session);
  return {
    session,
    index: indexTrace(session.trace),
    step: diverged === undefined ? 0 : Math.min(diverged, n),
    show: 'diff',
    pane: { change: 0 },
    screen,
    quit: false,
  };
}

const clampStep = (c: Cursor, step: number): number => Math.max(0, Math.min(stepCount(c), step));

function moveTo(c: Cursor, step: number, message?: string): Cursor {
  const { message: _dropped, ...rest } = c;
  const to = clampStep(c, step);
  return { ...rest, step: to, pane: to === c.step ? c.pane : { change: 0 }, ...(message === undefined ? {} : { message }) };
}

/** The state pane's content and height on the cursor's screen. */
function paneOf(c: Cursor): { content: PaneContent; height: number } {
  const layout = layoutOf(c.screen, c.index.actors.length);
  // One column of each line is the change mark the screen puts in front of it.
  return { content: paneContent(c.session, c.step, c.show, layout.stateWidth - 1), height: layout.paneLines };
}

function scrollPane(c: Cursor, lines: (content: PaneContent, height: number) => number): Cursor {
  const { content, height } = paneOf(c);
  return { ...moveTo(c, c.step), pane: scrolled(content, height, c.pane, lines(content, height)) };
}

/** The cursor on a screen of another size: a scrolled pane stays within the state there. */
function resize(c: Cursor, screen: ScreenSize): Cursor {
  const resized = { ...c, screen };
  if (c.pane.top === undefined) return resized;
  const { content, height } = paneOf(resized);
  return { ...resized, pane: { ...c.pane, top: topOf(content, height, c.pane) } };
}

function focusChange(c: Cursor, by: number): Cursor {
  const { content, height } = paneOf(c);
  if (content.changes.length > 0) return { ...moveTo(c, c.step), pane: focused(content, height, c.pane, by) };
  return moveTo(c, c.step, c.step === 0 ? 'the initial state has no changes: step forward to see some' : `step ${c.step} changes nothing`);
}

function nextOfActor(c: Cursor): Cursor {
  const ids = c.index.actorIds;
  const n = stepCount(c);
  if (n === 0) return moveTo(c, 0, 'the trace has no steps');
  if (c.step === 0) return moveTo(c, 1);
  const actor = ids[c.step] as number;
  for (let k = c.step + 1; k <= n; k++) if (ids[k] === actor) return moveTo(c, k);
  return moveTo(c, c.step, `no later step by ${c.index.actors[actor] ?? '?'}`);
}

function find(c: Cursor, text: string): Cursor {
  const wanted = text.toLowerCase();
  const steps = c.session.trace.steps;
  const n = steps.length;
  const base = { ...c, query: text };
  if (wanted === '' || n === 0) return moveTo(base, c.step, wanted === '' ? 'nothing to find' : 'the trace has no steps');
  // Steps 1..N in order, starting after the current one and wrapping round.
  for (let i = 1; i <= n; i++) {
    const k = ((c.step + i - 1) % n) + 1;
    const s = steps[k - 1];
    if (s !== undefined && (s.label.toLowerCase().includes(wanted) || s.actor.toLowerCase().includes(wanted))) return moveTo(base, k);
  }
  return moveTo(base, c.step, `no step matches '${text}'`);
}

function withoutPrompt(c: Cursor): Cursor {
  const { prompt: _closed, ...rest } = c;
  return rest;
}

/** The pure reducer: the cursor after `command`. The step always stays within 0..N. */
export function reduceCursor(c: Cursor, command: ReplayCommand): Cursor {
  switch (command.type) {
    case 'next':
      return moveTo(c, c.step + 1);
    case 'prev':
      return moveTo(c, c.step - 1);
    case 'first':
      return moveTo(c, 0);
    case 'last':
      return moveTo(c, stepCount(c));
    case 'violation': {
      const at = verdictStep(c.session) ?? divergenceStep(c.session);
      return at === undefined ? moveTo(c, c.step, 'the trace records no violation') : moveTo(c, at);
    }
    case 'nextOfActor':
      return nextOfActor(c);
    case 'toggleDiff':
      return { ...c, show: c.show === 'diff' ? 'full' : 'diff', pane: { change: c.pane.change } };
    case 'scrollLines':
      return scrollPane(c, () => command.lines);
    case 'scrollPages':
      return scrollPane(c, (content, height) => command.pages * pageLines(content, height));
    case 'focusChange':
      return focusChange(c, command.by);
    case 'resize':
      return resize(c, command.screen);
    case 'find':
      return find(c, command.text);
    case 'findStart':
      return { ...moveTo(c, c.step), prompt: '' };
    case 'findInput':
      return c.prompt === undefined ? c : { ...c, prompt: c.prompt + command.text };
    case 'findBackspace':
      return c.prompt === undefined ? c : { ...c, prompt: c.prompt.slice(0, -1) };
    case 'findCancel':
      return withoutPrompt(c);
    case 'findSubmit': {
      if (c.prompt === undefined) return c;
      const text = c.prompt === '' ? (c.query ?? '') : c.prompt;
      return find(withoutPrompt(c), text);
    }
    case 'quit':
      return { ...c, quit: true };
  }
}

export { viewOf, type ReplayView, type ScreenSize } from './view.js';
