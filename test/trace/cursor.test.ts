// Goal: the replay cursor is a pure reducer that never leaves the trace, starts the state pane at a step's first change, and scrolls it within bounds.
// Method: fast-check over synthetic traces and command sequences (scrolls and resizes included); example tests for find, actor jumps, divergence and scrolling.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { openCursor, reduceCursor, type Cursor, type ReplayCommand, type Trace } from '../../trace/index.js';
import { layoutOf } from '../../trace/layout.js';
import { paneContent, topOf, windowLines } from '../../trace/state-pane.js';
import { commandArb, resizeArb, traceArb } from '../helpers/replay-arbitraries.js';
import { sessionOf, syntheticTrace } from '../helpers/traces.js';

const run = (c: Cursor, commands: readonly ReplayCommand[]): Cursor => commands.reduce(reduceCursor, c);
const at = (trace: Trace, step: number): Cursor => ({ ...openCursor(sessionOf(trace)), step });

describe('reduceCursor', () => {
  test.prop([traceArb, fc.array(commandArb, { maxLength: 60 })])('never leaves the trace', (trace, commands) => {
    let c = openCursor(sessionOf(trace));
    for (const command of commands) {
      c = reduceCursor(c, command);
      expect(c.step).toBeGreaterThanOrEqual(0);
      expect(c.step).toBeLessThanOrEqual(trace.steps.length);
      expect(Number.isInteger(c.step)).toBe(true);
    }
  });

  test.prop([traceArb, fc.nat()])('prev after next is the identity, except at the last step', (trace, k) => {
    const c = at(trace, k % (trace.steps.length + 1));
    const back = run(c, [{ type: 'next' }, { type: 'prev' }]);
    if (c.step < trace.steps.length) expect(back.step).toBe(c.step);
    else expect(back.step).toBe(Math.max(0, c.step - 1));
  });

  test.prop([traceArb, fc.nat()])('next after prev is the identity, except at step 0', (trace, k) => {
    const c = at(trace, k % (trace.steps.length + 1));
    const back = run(c, [{ type: 'prev' }, { type: 'next' }]);
    expect(back.step).toBe(c.step === 0 ? Math.min(1, trace.steps.length) : c.step);
  });

  test.prop([traceArb, fc.array(commandArb, { maxLength: 20 })])('the violation jump lands on the verdict step', (trace, commands) => {
    const c = reduceCursor(run(openCursor(sessionOf(trace)), commands), { type: 'violation' });
    if (trace.verdict.result === 'ok') expect(c.message).toBe('the trace records no violation');
    else expect(c.step).toBe(trace.verdict.step);
  });

  test.prop([traceArb, fc.nat()])('the next step of the same actor is the first later step by that actor', (trace, k) => {
    const n = trace.steps.length;
    fc.pre(n > 0);
    const from = 1 + (k % n);
    const c = reduceCursor(at(trace, from), { type: 'nextOfActor' });
    const actor = trace.steps[from - 1]?.actor;
    const expected = trace.steps.findIndex((s, i) => i + 1 > from && s.actor === actor);
    expect(c.step).toBe(expected === -1 ? from : expected + 1);
  });

  test.prop([traceArb, fc.nat(), fc.constantFrom('act1', 'actor2', '(actor0)', 'nothing-like-this')])('find lands on a matching step or stays put', (trace, k, text) => {
    const c0 = at(trace, k % (trace.steps.length + 1));
    const c = reduceCursor(c0, { type: 'find', text });
    const matches = (step: number) => {
      const s = trace.steps[step - 1];
      return s !== undefined && (s.label.toLowerCase().includes(text.toLowerCase()) || s.actor.toLowerCase().includes(text.toLowerCase()));
    };
    if (c.step !== c0.step || c.message === undefined) expect(matches(c.step)).toBe(true);
    else expect(trace.steps.some((_, i) => matches(i + 1) && i + 1 !== c0.step)).toBe(false);
  });

  it('opens at step 0, or at the diverging step of a trace that diverges', () => {
    const trace = syntheticTrace(20);
    expect(openCursor(sessionOf(trace)).step).toBe(0);
    expect(openCursor(sessionOf(trace, { reproduces: false, step: 12, reason: 'changed' })).step).toBe(12);
  });

  it('types, edits, submits and repeats a find through the prompt', () => {
    const trace = syntheticTrace(30, { actors: ['TM', 'rm1', 'rm2'] });
    let c = run(openCursor(sessionOf(trace)), [{ type: 'findStart' }, ...[...'rm2x'].map((text): ReplayCommand => ({ type: 'findInput', text })), { type: 'findBackspace' }]);
    expect(c.prompt).toBe('rm2');
    c = reduceCursor(c, { type: 'findSubmit' });
    expect(c.prompt).toBeUndefined();
    expect(c.step).toBe(3);
    c = run(c, [{ type: 'findStart' }, { type: 'findSubmit' }]); // an empty find repeats the last
    expect(c.step).toBe(6);
    c = run(c, [{ type: 'findStart' }, { type: 'findInput', text: 'q' }, { type: 'findCancel' }]);
    expect(c).toMatchObject({ step: 6, query: 'rm2' });
    expect(c.prompt).toBeUndefined();
  });

  it('is pure: the cursor given is never changed', () => {
    const c = Object.freeze(openCursor(sessionOf(syntheticTrace(5, { regions: 40 }))));
    const commands: ReplayCommand[] = [
      { type: 'next' }, { type: 'scrollLines', lines: 3 }, { type: 'focusChange', by: 1 }, { type: 'scrollPages', pages: 1 },
      { type: 'toggleDiff' }, { type: 'resize', screen: { columns: 120, rows: 40 } }, { type: 'findStart' }, { type: 'quit' },
    ];
    expect(() => run(c, commands)).not.toThrow();
    expect(c).toMatchObject({ step: 0, pane: { change: 0 }, screen: { columns: 80, rows: 24 } });
  });

  test.prop([traceArb, fc.array(fc.oneof(commandArb, resizeArb), { maxLength: 30 })])(
    'a move to another step starts the pane at that step\'s first change; scrolling never moves the step',
    (trace, commands) => {
      let c = openCursor(sessionOf(trace));
      for (const command of commands) {
        const next = reduceCursor(c, command);
        if (next.step !== c.step) expect(next.pane).toEqual({ change: 0 });
        if (command.type === 'scrollLines' || command.type === 'scrollPages' || command.type === 'focusChange') expect(next.step).toBe(c.step);
        c = next;
      }
    },
  );

  test.prop([traceArb, fc.array(fc.oneof(commandArb, resizeArb), { maxLength: 30 })])('keeps a scrolled pane within the state on its screen', (trace, commands) => {
    const c = run(openCursor(sessionOf(trace)), commands);
    if (c.pane.top === undefined) return;
    const layout = layoutOf(c.screen, c.index.actors.length);
    const content = paneContent(c.session, c.step, c.show, layout.stateWidth - 1);
    expect(c.pane.top).toBe(topOf(content, layout.paneLines, c.pane));
    expect(c.pane.top + windowLines(layout.paneLines, content.lines.length)).toBeLessThanOrEqual(Math.max(content.lines.length, layout.paneLines));
  });

  it('scrolls the state by lines and pages, focuses changes in turn, and says when a step has none', () => {
    const trace = syntheticTrace(3, { regions: 40 });
    let c = reduceCursor(openCursor(sessionOf(trace)), { type: 'toggleDiff' });
    expect(reduceCursor(c, { type: 'focusChange', by: 1 }).message).toBe('the initial state has no changes: step forward to see some');
    c = reduceCursor(c, { type: 'next' });
    expect(c.pane).toEqual({ change: 0 });
    c = run(c, [{ type: 'scrollLines', lines: 2 }, { type: 'scrollLines', lines: -1 }]);
    expect(c.pane).toEqual({ change: 0, top: 1 });
    const page = run(c, [{ type: 'scrollPages', pages: 1 }]).pane.top as number;
    const height = layoutOf(c.screen, 3).paneLines;
    expect(page).toBe(1 + windowLines(height, 1000) - 1);
    expect(run(c, [{ type: 'scrollPages', pages: -5 }]).pane.top).toBe(0);
    // Step 1 changes counts[0], regions[7] and step: three changes, focused in turn and round again.
    const presses = (n: number): ReplayCommand[] => Array.from({ length: n }, () => ({ type: 'focusChange', by: 1 }));
    expect([1, 2, 3, 4].map((n) => run(c, presses(n)).pane.change)).toEqual([1, 2, 0, 1]);
    expect(run(c, [{ type: 'focusChange', by: -1 }]).pane.change).toBe(2);
  });
});
