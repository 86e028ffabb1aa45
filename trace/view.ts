/**
 * `viewOf(cursor, size)`: everything the replay screen shows, as plain strings cut to fit
 * `size.columns - 1` columns and `size.rows - 2` lines (a frame as wide or as tall as the terminal
 * wraps, or makes Ink redraw the whole screen), laid out by `layoutOf`. Only what is shown is
 * computed: a window of the step list, a window of lane columns, and the tree of the current state
 * against the previous one (scrolled to a window of it), so the cost of a view does not depend on
 * the length of the trace (a 10,000-step trace draws as fast as a 10-step one; the O(N) actor
 * index is built once, when the cursor opens).
 */
import type { Cursor } from './cursor.js';
import { divergenceStep, stepCount, verdictStep } from './cursor.js';
import { layoutOf, type ScreenSize } from './layout.js';
import { changeLine, paneContent, topOf, windowLines } from './state-pane.js';
import { describeVerdict, screenVerdictMark } from './verdict.js';

export type { ScreenSize } from './layout.js';

export interface StepRow {
  readonly step: number;
  readonly text: string;
  readonly current: boolean;
  /** The step the verdict names. */
  readonly violation: boolean;
  /** The step where re-execution diverged from the recorded trace. */
  readonly diverges: boolean;
}

export interface LaneRow {
  /** The actor's name, padded to the lanes' name column. */
  readonly name: string;
  /** One character per step in the window: '●' the actor acted, '·' it did not. */
  readonly cells: string;
}

export interface StateRow {
  readonly depth: number;
  readonly text: string;
  /** '▸' the focused change, '*' another changed line, ' ' the rest. */
  readonly mark: string;
  readonly changed: boolean;
  /** An unchanged subtree folded into this one line. */
  readonly collapsed: boolean;
}

export interface ReplayNote {
  readonly kind: 'violation' | 'divergence' | 'message' | 'hint';
  readonly text: string;
}

export interface ReplayView {
  readonly width: number;
  readonly header: readonly [string, string];
  /** `step K/N  LABEL  by ACTOR  t=TIME`. */
  readonly position: string;
  readonly note: ReplayNote;
  readonly steps: { readonly title: string; readonly width: number; readonly rows: readonly StepRow[] };
  /** `status` is the line under a state that does not fit: which lines show, and the keys that scroll. */
  readonly state: { readonly title: string; readonly width: number; readonly lines: readonly StateRow[]; readonly status: string };
  /** `current` is the column of the current step in every lane's cells, or -1. */
  readonly lanes: { readonly title: string; readonly rows: readonly LaneRow[]; readonly current: number };
  /** The key hints, on one line or (on a narrow screen) two. */
  readonly help: readonly string[];
  /** The find prompt's text while it is open. */
  readonly prompt?: string;
}

/** Cuts `text` to `width` columns, marking the cut with '…'. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function headerOf(c: Cursor, width: number): [string, string] {
  const { trace, file, outcome } = c.session;
  const params = Object.entries(trace.params).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const engine = trace.engine === 'sim' ? `simulator, seed ${trace.seed}` : 'checker';
  const model = trace.model.source === 'file' ? `${trace.model.name} (file ${trace.model.file})` : trace.model.name;
  // The file name goes last: on a narrow screen it is the first thing cut.
  const first = `model ${model}${params ? ` (${params})` : ''} · ${engine}${file ? ` · ${file}` : ''}`;
  const check = outcome.reproduces ? `all ${trace.steps.length} steps reproduce` : `DIVERGES at step ${outcome.step}`;
  return [fit(first, width), fit(`verdict: ${describeVerdict(trace.verdict)} · ${check}`, width)];
}

function positionOf(c: Cursor, width: number): string {
  const { trace } = c.session;
  const n = stepCount(c);
  if (c.step === 0) {
    const time = trace.initial.time === undefined ? '' : `  t=${trace.initial.time}`;
    return fit(`step 0/${n}  initial state${time}`, width);
  }
  const s = trace.steps[c.step - 1];
  if (s === undefined) return fit(`step ${c.step}/${n}`, width);
  const time = s.time === undefined ? '' : `  t=${s.time}`;
  return fit(`step ${c.step}/${n}  ${s.label}  by ${s.actor}${time}`, width);
}

function noteOf(c: Cursor, width: number): ReplayNote {
  const { trace, outcome, statements } = c.session;
  const v = trace.verdict;
  const verdictAt = verdictStep(c.session);
  const divergedAt = divergenceStep(c.session);
  const note = (kind: ReplayNote['kind'], text: string): ReplayNote => ({ kind, text: fit(text, width) });
  if (!outcome.reproduces && c.step === divergedAt) return note('divergence', `≠ diverges here: ${outcome.reason}`);
  if (c.message !== undefined) return note('message', c.message);
  if (c.step === verdictAt && v.result === 'violation') return note('violation', screenVerdictMark(v, v.statement ?? statements?.[v.name]));
  if (c.step === verdictAt && v.result === 'deadlock') return note('violation', screenVerdictMark(v, undefined));
  if (divergedAt !== undefined) return note('hint', `re-execution diverges at step ${divergedAt} (v jumps there)`);
  if (verdictAt !== undefined) return note('hint', `${describeVerdict(v)} (v jumps there)`);
  return note('hint', `verdict ${describeVerdict(v)}`);
}

function stepRows(c: Cursor, width: number, height: number): StepRow[] {
  const { trace } = c.session;
  const n = stepCount(c);
  const verdictAt = verdictStep(c.session);
  const divergedAt = divergenceStep(c.session);
  const start = Math.max(0, Math.min(c.step - Math.floor(height / 2), n + 1 - height));
  const end = Math.min(n, start + height - 1);
  const numberWidth = String(n).length;
  const actorWidth = Math.min(12, Math.max(0, ...c.index.actors.map((a) => a.length)));
  const rows: StepRow[] = [];
  for (let k = start; k <= end; k++) {
    const current = k === c.step;
    const diverges = k === divergedAt;
    const violation = k === verdictAt;
    const mark = `${current ? '▶' : ' '}${diverges ? '≠' : violation ? '✗' : ' '}`;
    const s = k === 0 ? undefined : trace.steps[k - 1];
    const what = s === undefined ? 'initial state' : `${fit(s.actor, actorWidth).padEnd(actorWidth)}  ${s.label}`;
    rows.push({ step: k, text: fit(`${mark}${String(k).padStart(numberWidth)}  ${what}`, width), current, violation, diverges });
  }
  return rows;
}

function lanesOf(c: Cursor, width: number, laneRows: number): ReplayView['lanes'] {
  const { actors, actorIds } = c.index;
  const n = stepCount(c);
  if (laneRows <= 0 || actors.length === 0 || n === 0) return { title: '', rows: [], current: -1 };
  const nameWidth = Math.min(12, Math.max(...actors.map((a) => a.length)));
  const cellsWidth = Math.max(1, width - nameWidth - 2);
  const first = Math.max(1, Math.min(c.step - Math.floor(cellsWidth / 2), n - cellsWidth + 1));
  const last = Math.min(n, first + cellsWidth - 1);
  // When the actors outnumber the rows, the window of actors holds the current step's actor.
  const shown = Math.min(actors.length, laneRows);
  const actor = c.step === 0 ? 0 : (actorIds[c.step] as number);
  const from = actor < shown ? 0 : actor - shown + 1;
  const rows: LaneRow[] = [];
  for (let a = from; a < from + shown; a++) {
    let cells = '';
    for (let k = first; k <= last; k++) cells += actorIds[k] === a ? '●' : '·';
    rows.push({ name: fit(actors[a] as string, nameWidth).padEnd(nameWidth), cells });
  }
  const which = shown < actors.length ? `, actors ${from + 1}–${from + shown} of ${actors.length}` : '';
  return { title: fit(`lanes: steps ${first}–${last}${which}`, width), rows, current: c.step >= first && c.step <= last ? c.step - first : -1 };
}

function stateTitle(c: Cursor, changes: number): string {
  if (c.step === 0) return 'initial state';
  const counted = `${changes} change${changes === 1 ? '' : 's'}`;
  return c.show === 'diff' ? `state ${c.step}: ${counted} (d: full state)` : `state ${c.step}: full, ${counted} (d: diff)`;
}

function stateOf(c: Cursor, width: number, height: number): ReplayView['state'] {
  // One column of each line is the change mark the screen puts in front of it.
  const content = paneContent(c.session, c.step, c.show, width - 1);
  const total = content.lines.length;
  const top = topOf(content, height, c.pane);
  const window = windowLines(height, total);
  const focus = changeLine(content, c.pane.change);
  const lines = content.lines.slice(top, top + window).map((l, i) => ({
    depth: l.depth,
    text: fit(l.text, width - 1 - 2 * l.depth),
    mark: top + i === focus ? '▸' : l.changed ? '*' : ' ',
    changed: l.changed,
    collapsed: l.collapsed,
  }));
  const shownTo = Math.min(total, top + window);
  const cut = content.truncated ? ' (cut)' : '';
  const status = total <= height ? '' : fit(`lines ${top + 1}–${shownTo} of ${total}${cut} · ↑↓ PgUp/PgDn · c change`, width);
  return { title: fit(stateTitle(c, content.changes.length), width), width, lines, status };
}

/** Everything the replay screen shows for `cursor` on a screen of `size`. */
export function viewOf(c: Cursor, size: ScreenSize): ReplayView {
  const layout = layoutOf(size, c.index.actors.length);
  const { width, stepsWidth, stateWidth, paneLines } = layout;
  return {
    width,
    header: headerOf(c, width),
    position: positionOf(c, width),
    note: noteOf(c, width),
    steps: { title: fit(`steps 0–${stepCount(c)}`, stepsWidth), width: stepsWidth, rows: stepRows(c, stepsWidth, paneLines) },
    state: stateOf(c, stateWidth, paneLines),
    lanes: lanesOf(c, width, layout.laneRows),
    help: layout.help,
    ...(c.prompt === undefined ? {} : { prompt: fit(`find: ${c.prompt}▏  (Enter searches, Esc cancels)`, width) }),
  };
}
