// Goal: the replay cursor is a pure reducer that never leaves the trace, and its view fits the screen and costs the same on any trace length.
// Method: fast-check over synthetic traces and command sequences; example tests for find, actor jumps and divergence; a Proxy counts which steps viewOf reads.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { openCursor, reduceCursor, viewOf, type Cursor, type ReplayCommand, type Trace } from '../../trace/index.js';
import { sessionOf, syntheticTrace } from '../helpers/traces.js';

const commandArb: fc.Arbitrary<ReplayCommand> = fc.oneof(
  fc.constantFrom<ReplayCommand>(
    { type: 'next' }, { type: 'prev' }, { type: 'first' }, { type: 'last' }, { type: 'violation' }, { type: 'nextOfActor' },
    { type: 'toggleDiff' }, { type: 'findStart' }, { type: 'findBackspace' }, { type: 'findSubmit' }, { type: 'findCancel' },
  ),
  fc.string({ maxLength: 3 }).map((text): ReplayCommand => ({ type: 'find', text })),
  fc.constantFrom('A', 'ct1', '(d', 'x', '9').map((text): ReplayCommand => ({ type: 'findInput', text })),
);

const traceArb = fc
  .record({
    n: fc.integer({ min: 0, max: 40 }),
    actors: fc.integer({ min: 1, max: 5 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    verdict: fc.constantFrom<'ok' | 'violation' | 'deadlock'>('ok', 'violation', 'deadlock'),
  })
  .map(({ n, actors, seed, verdict }) =>
    syntheticTrace(n, { actors: Array.from({ length: actors }, (_, i) => `actor${i}`), actorAt: (k) => (k * 7 + seed) % actors, verdict }),
  );

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
    const c = Object.freeze(openCursor(sessionOf(syntheticTrace(5))));
    expect(() => run(c, [{ type: 'next' }, { type: 'toggleDiff' }, { type: 'findStart' }, { type: 'quit' }])).not.toThrow();
    expect(c.step).toBe(0);
  });
});

/** The lines the screen shows for a view: header (2), position, note, the panes, the lanes, help. */
function screenLines(c: Cursor, columns: number, rows: number): string[] {
  const v = viewOf(c, { columns, rows });
  const paneRows = Math.max(v.steps.rows.length + 1, v.state.lines.length + 1 + (v.state.more ? 1 : 0));
  const panes = Array.from({ length: paneRows }, (_, i) => {
    const left = i === 0 ? v.steps.title : (v.steps.rows[i - 1]?.text ?? '');
    const line = i === 0 ? v.state.title : i <= v.state.lines.length ? `${'  '.repeat(v.state.lines[i - 1]?.depth ?? 0)} ${v.state.lines[i - 1]?.text}` : v.state.more;
    return `${left.padEnd(v.steps.width)} ${line}`;
  });
  const lanes = v.lanes.rows.length > 0 ? [v.lanes.title, ...v.lanes.rows.map((r) => `${r.name}  ${r.cells}`)] : [];
  return [...v.header, v.position, v.note.text, ...panes, ...lanes, v.prompt ?? v.help];
}

describe('viewOf', () => {
  test.prop([traceArb, fc.nat(), fc.integer({ min: 40, max: 200 }), fc.integer({ min: 16, max: 60 }), fc.boolean()])(
    'fits the screen it is given: at most rows - 1 lines, none wider than the columns',
    (trace, k, columns, rows, full) => {
      let c = at(trace, k % (trace.steps.length + 1));
      if (full) c = reduceCursor(c, { type: 'toggleDiff' });
      const lines = screenLines(c, columns, rows);
      expect(lines.length).toBeLessThanOrEqual(rows - 1);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    },
  );

  it('shows the step, action, actor and time, and the violated invariant with its statement at the verdict step', () => {
    const trace = syntheticTrace(12, { actors: ['TM', 'rm1'] });
    const v = viewOf(at(trace, 12), { columns: 80, rows: 24 });
    expect(v.position).toBe('step 12/12  Act12(rm1)  by rm1  t=120');
    expect(v.note).toEqual({ kind: 'violation', text: '✗ invariant Safe is violated: Nothing bad ever happens.' });
    expect(v.steps.rows.find((r) => r.current)).toMatchObject({ step: 12, violation: true });
    expect(v.header[1]).toContain('violation of Safe at step 12');
    expect(viewOf(at(trace, 0), { columns: 80, rows: 24 }).position).toBe('step 0/12  initial state  t=0');
  });

  it('marks the diverging step and says why', () => {
    const trace = syntheticTrace(12);
    const c = openCursor(sessionOf(trace, { reproduces: false, step: 5, reason: 'Act5 leads to state 1, the trace recorded 5' }));
    const v = viewOf(c, { columns: 100, rows: 30 });
    expect(v.note.kind).toBe('divergence');
    expect(v.note.text).toContain('≠ diverges here: Act5 leads to state 1');
    expect(v.steps.rows.find((r) => r.step === 5)).toMatchObject({ current: true, diverges: true });
    expect(v.header[1]).toContain('DIVERGES at step 5');
  });

  it('highlights changed fields and folds unchanged subtrees in the diff; d shows the full state', () => {
    const trace = syntheticTrace(6, { actors: ['a', 'b'] });
    const c = at(trace, 3);
    const diff = viewOf(c, { columns: 100, rows: 30 }).state.lines;
    expect(diff.find((l) => l.text.startsWith('step:'))).toMatchObject({ changed: true, text: 'step: 3  (was 2)' });
    expect(diff.find((l) => l.text.startsWith('nested:'))).toBeUndefined();
    expect(diff.find((l) => l.collapsed)).toMatchObject({ depth: 0, text: '(2 unchanged: nested, pad)' });
    const full = viewOf(reduceCursor(c, { type: 'toggleDiff' }), { columns: 100, rows: 30 }).state.lines;
    expect(full.find((l) => l.text.startsWith('nested:'))).toMatchObject({ collapsed: false, text: 'nested: {a: {b: 0}, fixed: [1, 2, 3]}' });
  });

  it('draws one lane per actor with the current step marked', () => {
    const trace = syntheticTrace(9, { actors: ['TM', 'rm1', 'rm2'] });
    const v = viewOf(at(trace, 5), { columns: 80, rows: 24 });
    expect(v.lanes.rows.map((r) => [r.name.trim(), r.cells])).toEqual([
      ['TM', '●··●··●··'],
      ['rm1', '·●··●··●·'],
      ['rm2', '··●··●··●'],
    ]);
    expect(v.lanes.current).toBe(4);
  });

  it('reads only the visible window of a 10,000-step trace with 3 KB states (cost independent of its length)', () => {
    const trace = syntheticTrace(10_000, { padding: 3000, actors: ['kernel', 'daemon', 'requester', 'thread1', 'thread2'] });
    const c0 = openCursor(sessionOf(trace));
    const read = new Set<number>();
    const steps = new Proxy(trace.steps as object[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read.add(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    const c: Cursor = { ...c0, session: { ...c0.session, trace: { ...trace, steps: steps as Trace['steps'] } } };
    let moved = c;
    for (const command of [{ type: 'last' }, { type: 'prev' }, { type: 'first' }, { type: 'next' }] as const) {
      moved = reduceCursor({ ...moved, step: 5000 }, command);
      read.clear();
      viewOf(moved, { columns: 120, rows: 40 });
      expect(read.size).toBeLessThanOrEqual(60);
    }
  });
});
