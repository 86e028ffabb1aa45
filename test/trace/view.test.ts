// Goal: the replay view fits any screen, shows a step's changes without scrolling, keeps the focused change in view, gives the lanes the rows the screen has, and costs the same on any trace length.
// Method: fast-check over synthetic traces (some with long states whose changes fall anywhere), command sequences and sizes; the flagship counterexample at 100x30 and 160x50; a Proxy counts which steps viewOf reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeTrace, openCursor, reduceCursor, viewOf, type Cursor, type ReplayCommand, type ReplayView, type Trace } from '../../trace/index.js';
import { PANE_LINES_MIN } from '../../trace/layout.js';
import { repoRoot } from '../helpers/cli.js';
import { commandArb, resizeArb, sizeArb, traceArb } from '../helpers/replay-arbitraries.js';
import { sessionOf, syntheticTrace } from '../helpers/traces.js';

const run = (c: Cursor, commands: readonly ReplayCommand[]): Cursor => commands.reduce(reduceCursor, c);
const at = (trace: Trace, step: number): Cursor => ({ ...openCursor(sessionOf(trace)), step });

/** The lines the screen shows for a view: header (2), position, note, the panes, the lanes, help. */
function screenLines(v: ReplayView): string[] {
  const paneRows = Math.max(v.steps.rows.length + 1, v.state.lines.length + 1 + (v.state.status ? 1 : 0));
  const panes = Array.from({ length: paneRows }, (_, i) => {
    const left = i === 0 ? v.steps.title : (v.steps.rows[i - 1]?.text ?? '');
    const row = v.state.lines[i - 1];
    const line = i === 0 ? v.state.title : row !== undefined ? `${'  '.repeat(row.depth)}${row.mark}${row.text}` : i === v.state.lines.length + 1 ? v.state.status : '';
    return `${left.padEnd(v.steps.width)} ${line}`;
  });
  const lanes = v.lanes.rows.length > 0 ? [v.lanes.title, ...v.lanes.rows.map((r) => `${r.name}  ${r.cells}`)] : [];
  return [...v.header, v.position, v.note.text, ...panes, ...lanes, ...(v.prompt === undefined ? v.help : [v.prompt])];
}

/** The text of the state line marked as the focused change, if the pane shows it. */
const focusedText = (v: ReplayView): string | undefined => v.state.lines.find((l) => l.mark === '▸')?.text;

describe('viewOf', () => {
  test.prop([traceArb, fc.array(fc.oneof(commandArb, resizeArb), { maxLength: 20 }), sizeArb])(
    'fits the screen it is given: at most rows - 1 lines, none wider than the columns',
    (trace, commands, size) => {
      const lines = screenLines(viewOf(run(openCursor(sessionOf(trace)), commands), size));
      expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(size.columns);
    },
  );

  test.prop([traceArb, fc.array(fc.oneof(commandArb, resizeArb), { maxLength: 20 }), fc.constantFrom<ReplayCommand>({ type: 'next' }, { type: 'prev' }, { type: 'last' }, { type: 'toggleDiff' }, { type: 'focusChange', by: 1 }, { type: 'focusChange', by: -1 }), sizeArb])(
    'after a move, a change of view or a jump between changes, the focused change is on screen (when the step changed anything)',
    (trace, commands, last, size) => {
      const c = run(openCursor(sessionOf(trace), size), [...commands, { type: 'resize', screen: size }, last]);
      const v = viewOf(c, size);
      expect(focusedText(v) !== undefined).toBe(c.step > 0);
      expect(v.state.lines.filter((l) => l.mark === '▸').length).toBeLessThanOrEqual(1);
    },
  );

  test.prop([traceArb, fc.array(commandArb, { maxLength: 20 }), fc.integer({ min: 40, max: 200 }), fc.integer({ min: 16, max: 60 }), fc.integer({ min: 1, max: 30 })])(
    'the lanes never lose an actor as rows grow, and hide one only when the panes are down to their minimum',
    (trace, commands, columns, rows, more) => {
      const c = run(openCursor(sessionOf(trace)), commands);
      const actors = c.index.actors.length;
      const v = viewOf(c, { columns, rows });
      expect(viewOf(c, { columns, rows: rows + more }).lanes.rows.length).toBeGreaterThanOrEqual(v.lanes.rows.length);
      if (v.lanes.rows.length < actors) expect(v.steps.rows.length).toBeLessThanOrEqual(PANE_LINES_MIN + 1);
      if (v.lanes.rows.length === actors) expect(v.lanes.title).not.toContain('actors');
      // The lanes shown hold the current step's actor (the synthetic actors' names are never cut).
      if (c.step > 0 && v.lanes.rows.length > 0) expect(v.lanes.rows.map((r) => r.name.trim())).toContain(trace.steps[c.step - 1]?.actor);
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
    expect(viewOf(c, { columns: 100, rows: 30 }).state.title).toBe('state 3: 2 changes (d: full state)');
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
    const commands: ReplayCommand[] = [
      { type: 'last' }, { type: 'prev' }, { type: 'first' }, { type: 'next' },
      { type: 'focusChange', by: 1 }, { type: 'scrollPages', pages: 1 }, { type: 'scrollLines', lines: -1 },
    ];
    for (const command of commands) {
      moved = reduceCursor({ ...moved, step: 5000 }, command);
      read.clear();
      viewOf(moved, { columns: 120, rows: 40 });
      expect(read.size).toBeLessThanOrEqual(60);
    }
  });

  describe('the flagship counterexample (checkpointed-log, bug=lost-dirty-bit)', () => {
    const file = join(repoRoot, 'traces/checkpointed-log/lost-dirty-bit.trace.json');
    const trace = decodeTrace(readFileSync(file), file);
    const violation = reduceCursor(openCursor(sessionOf(trace), { columns: 100, rows: 30 }), { type: 'violation' });
    const texts = (v: ReplayView): string[] => v.state.lines.map((l) => l.text);

    it('at 100x30, opens the violation on its first change, with the restored daemon\'s clean bit in view, and c reaches the rest', () => {
      const v = viewOf(violation, { columns: 100, rows: 30 });
      expect(v.state.title).toBe('state 23: 4 changes (d: full state)');
      expect(focusedText(v)).toBe('restored: true  (was false)');
      expect(texts(v)).toContain('clean: [true]');
      expect(v.state.status).toMatch(/^lines 1–11 of 31 /);
      const focus = (n: number) => focusedText(viewOf(run(violation, Array.from({ length: n }, () => ({ type: 'focusChange', by: 1 }) as const)), { columns: 100, rows: 30 }));
      expect([1, 2, 3, 4].map(focus)).toEqual(['log:  (was null)', 'up: true  (was false)', 'restart: "idle"  (was "restoring")', 'restored: true  (was false)']);
    });

    it('at 100x30, c at the MARK_REGION reply reaches the kernel\'s flush moving past its mark stage (the MARK acknowledged)', () => {
      let c = reduceCursor(violation, { type: 'find', text: 'DeliverReply DM_ULOG_MARK_REGION' });
      expect(c.step).toBe(20);
      const seen: string[] = [];
      for (let i = 0; i < 7; i++, c = reduceCursor(c, { type: 'focusChange', by: 1 })) seen.push(focusedText(viewOf(c, { columns: 100, rows: 30 })) ?? '');
      expect(seen).toContain('stage: "flush"  (was "mark")');
    });

    it('at 100x30, paging the full state reaches the MARK the kernel holds acknowledged', () => {
      let c = reduceCursor(violation, { type: 'toggleDiff' });
      const pages: string[][] = [];
      for (let i = 0; i < 12; i++, c = reduceCursor(c, { type: 'scrollPages', pages: 1 })) pages.push(texts(viewOf(c, { columns: 100, rows: 30 })));
      const page = pages.findIndex((p) => p.includes('batchMarks: [0]'));
      expect(page).toBeGreaterThan(0);
      // The same flush record, which may run onto the next page.
      expect([...(pages[page] ?? []), ...(pages[page + 1] ?? [])]).toContain('stage: "flush"');
    });

    it('shows every actor\'s lane at 100x30 and 160x50, and at 80x24 the lanes that fit, holding the current actor', () => {
      for (const size of [{ columns: 100, rows: 30 }, { columns: 160, rows: 50 }]) {
        const v = viewOf(violation, size);
        expect(v.lanes.rows.map((r) => r.name.trim())).toEqual(['dmsetup0', 'netlink0', 'kernel0', 'requester', 'p0t0', 'p0t1', 'daemon0', 'cr_restart', 'r0t0']);
        expect(v.lanes.title).toBe('lanes: steps 1–23');
      }
      const small = viewOf(violation, { columns: 80, rows: 24 });
      expect(small.lanes.rows.map((r) => r.name.trim())).toEqual(['p0t1', 'daemon0', 'cr_restart', 'r0t0']);
      expect(small.lanes.title).toBe('lanes: steps 1–23, actors 6–9 of 9');
    });
  });
});
