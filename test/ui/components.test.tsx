// Goal: each component draws exactly what the view model gives it, within the width, with no logic of its own.
// Method: render components with ink-testing-library on views built by viewOf and assert on lastFrame().
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openCursor, reduceCursor, viewOf, type ReplayView } from '../../trace/index.js';
import { ActorLanes, Header, HelpBar, Screen, StateView, StepList } from '../../ui/index.js';
import { sessionOf, syntheticTrace, twophaseCounterexample } from '../helpers/traces.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function frameOf(node: React.ReactElement): string {
  const r = render(node);
  cleanups.push(r.unmount);
  return r.lastFrame() ?? '';
}

const twophase = openCursor(sessionOf(twophaseCounterexample()));
const atViolation: ReplayView = viewOf(reduceCursor(twophase, { type: 'violation' }), { columns: 80, rows: 24 });

describe('components', () => {
  it('Header shows model, parameters, engine, verdict, the step line and the violated invariant', () => {
    const frame = frameOf(<Header view={atViolation} />);
    expect(frame).toContain('model twophase (rm=3, bug=commit-without-all-prepared) · checker');
    expect(frame).toContain('verdict: violation of TCConsistent at step 3 · all 3 steps reproduce');
    expect(frame).toContain('step 3/3  RMRcvCommitMsg(rm2)  by rm2');
    expect(frame).toContain('✗ invariant TCConsistent is violated: No resource manager has aborted while an…');
    const wide = viewOf(reduceCursor(twophase, { type: 'violation' }), { columns: 120, rows: 24 });
    expect(frameOf(<Header view={wide} />)).toContain('✗ invariant TCConsistent is violated: No resource manager has aborted while another has committed.');
  });

  it('StepList shows the window with the current and the violation step marked', () => {
    const frame = frameOf(<StepList steps={atViolation.steps} />);
    expect(frame.split('\n')).toEqual([
      'steps 0–3',
      '  0  initial state',
      '  1  TM   TMCommit',
      '  2  rm1  RMChooseToAbort(rm1)',
      '▶✗3  rm2  RMRcvCommitMsg(rm2)',
    ]);
  });

  it('StateView marks the focused change with ▸, other changed fields with *, and folds the unchanged ones into one line', () => {
    const frame = frameOf(<StateView state={atViolation.state} />);
    expect(frame.split('\n')).toEqual([
      'state 3: 1 change (d: full state)',
      '▸rmState: ["aborted", "committed", "working"]',
      ' (3 unchanged: msgs, tmPrepared, tmState)',
    ]);
    const step1 = viewOf(reduceCursor(twophase, { type: 'next' }), { columns: 80, rows: 24 });
    expect(frameOf(<StateView state={step1.state} />).split('\n')).toEqual([
      'state 1: 2 changes (d: full state)',
      '*msgs:',
      '  ▸commit: true  (was false)',
      '   (2 unchanged: abort, prepared)',
      '*tmState: "committed"  (was "init")',
      ' (2 unchanged: rmState, tmPrepared)',
    ]);
  });

  it('StateView shows a window of a long state and a status line saying which lines show', () => {
    const c = reduceCursor(reduceCursor(openCursor(sessionOf(syntheticTrace(3, { regions: 40 }))), { type: 'toggleDiff' }), { type: 'next' });
    const view = viewOf(reduceCursor(c, { type: 'scrollLines', lines: 5 }), { columns: 80, rows: 24 });
    const lines = frameOf(<StateView state={view.state} />).split('\n');
    expect(lines[0]).toBe('state 1: full, 3 changes (d: diff)');
    expect(lines).toHaveLength(1 + view.state.lines.length + 1);
    expect(lines.at(-1)).toBe('lines 6–15 of 45 · ↑↓ PgUp/PgDn · c change');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(view.state.width);
  });

  it('ActorLanes draws a lane per actor, and says which actors show when not all fit', () => {
    const frame = frameOf(<ActorLanes lanes={atViolation.lanes} />);
    expect(frame.split('\n')).toEqual(['lanes: steps 1–3', 'TM   ●··', 'rm1  ·●·', 'rm2  ··●']);
    const many = syntheticTrace(12, { actors: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'] });
    const lanes = viewOf({ ...openCursor(sessionOf(many)), step: 9 }, { columns: 80, rows: 24 }).lanes;
    expect(frameOf(<ActorLanes lanes={lanes} />).split('\n')).toEqual(['lanes: steps 1–12, actors 6–9 of 10', 'a5  ·····●······', 'a6  ······●·····', 'a7  ·······●····', 'a8  ········●···']);
  });

  it('HelpBar shows the keys (over two lines on a narrow screen), or the find prompt while it is open', () => {
    expect(frameOf(<HelpBar view={atViolation} />).split('\n')).toEqual([
      '→/l/n next  ←/h/p back  g/G ends  v violation  a actor  / find  ↑↓/jk scroll',
      'PgUp/PgDn/J/K page  c/C change  d diff  q quit',
    ]);
    const prompting = viewOf(reduceCursor(reduceCursor(twophase, { type: 'findStart' }), { type: 'findInput', text: 'rm2' }), { columns: 80, rows: 24 });
    expect(frameOf(<HelpBar view={prompting} />)).toContain('find: rm2▏  (Enter searches, Esc cancels)');
  });

  it('Screen fits 80x24 and uses a wider screen when given one', () => {
    const trace = syntheticTrace(500, { padding: 200, actors: ['kernel', 'daemon', 'requester', 'thread-1', 'thread-2', 'thread-3', 'thread-4', 'thread-5'] });
    const c = { ...openCursor(sessionOf(trace)), step: 250 };
    for (const [columns, rows] of [[80, 24], [132, 40]] as const) {
      const lines = frameOf(<Screen view={viewOf(c, { columns, rows })} />).split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows - 1);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
      expect(lines.some((l) => l.length > 80)).toBe(columns > 80);
    }
  });
});
