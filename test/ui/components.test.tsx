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

  it('StateView marks changed fields with * and folds the unchanged ones into one line', () => {
    const frame = frameOf(<StateView state={atViolation.state} />);
    expect(frame.split('\n')).toEqual([
      'state 3: changes (d: full state)',
      '*rmState: ["aborted", "committed", "working"]',
      ' (3 unchanged: msgs, tmPrepared, tmState)',
    ]);
  });

  it('ActorLanes draws a lane per actor', () => {
    const frame = frameOf(<ActorLanes lanes={atViolation.lanes} />);
    expect(frame.split('\n')).toEqual(['lanes: steps 1–3', 'TM   ●··', 'rm1  ·●·', 'rm2  ··●']);
  });

  it('HelpBar shows the keys, or the find prompt while it is open', () => {
    expect(frameOf(<HelpBar view={atViolation} />)).toContain('→/l/n next  ←/h/p back  g/G ends  v violation  a actor  / find  d diff  q quit');
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
