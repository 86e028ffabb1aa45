// Goal: the state tree marks exactly the fields that changed, flags one line where each change begins (the same changes `changedFields` lists), and lists removed fields.
// Method: fast-check over pairs of small JSON states, cross-checked with changedFields at a width that expands every composite; example trees for removal, wholesale values and inlining.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { changedFields, inlineJson, stateTree } from '../../trace/index.js';
import { jsonState, statePair } from '../helpers/json-states.js';

const ALL = 1_000_000;
const texts = (state: unknown, previous: unknown, mode: 'diff' | 'full', width = 80) =>
  stateTree(state, previous, mode, width, ALL).lines.map((l) => `${'  '.repeat(l.depth)}${l.origin ? '!' : l.changed ? '*' : ' '}${l.text}`);

describe('stateTree', () => {
  test.prop([statePair, fc.constantFrom<'diff' | 'full'>('diff', 'full')])(
    'where every composite is expanded, one line begins each change changedFields lists',
    ([before, after], mode) => {
      const { lines } = stateTree(after, before, mode, 1, ALL);
      expect(lines.filter((l) => l.origin).length).toBe(changedFields(before, after).length);
    },
  );

  test.prop([statePair, fc.integer({ min: 1, max: 120 }), fc.constantFrom<'diff' | 'full'>('diff', 'full')])(
    'some line begins a change exactly when the states differ; every such line is marked changed',
    ([before, after], width, mode) => {
      const { lines } = stateTree(after, before, mode, width, ALL);
      expect(lines.some((l) => l.origin)).toBe(changedFields(before, after).length > 0);
      for (const l of lines) if (l.origin) expect(l.changed).toBe(true);
    },
  );

  test.prop([jsonState, fc.integer({ min: 1, max: 120 })])('marks nothing at the initial state or against an equal state', (state, width) => {
    for (const previous of [undefined, structuredClone(state)]) {
      for (const mode of ['diff', 'full'] as const) {
        expect(stateTree(state, previous, mode, width, ALL).lines.every((l) => !l.changed && !l.origin)).toBe(true);
      }
    }
  });

  test.prop([jsonState])('a wide full view shows each field inline, as inlineJson writes it', (state) => {
    const { lines } = stateTree(state, undefined, 'full', ALL, ALL);
    expect(lines.map((l) => l.text)).toEqual(Object.keys(state).sort().map((k) => `${k}: ${inlineJson(state[k])}`));
  });

  test.prop([jsonState, fc.integer({ min: 1, max: 30 })])('builds at most linesMax lines and says when it left some out', (state, linesMax) => {
    const all = stateTree(state, undefined, 'full', 1, ALL).lines;
    const cut = stateTree(state, undefined, 'full', 1, linesMax);
    expect(cut.lines).toEqual(all.slice(0, linesMax));
    expect(cut.truncated).toBe(all.length > linesMax);
  });

  it('lists fields and items that went, at any depth, with what they were', () => {
    const before = { k: { group: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], gone: 1 } };
    const after = { k: { group: [0, 1, 2, 3, 4, 5, 6, 7, 8] } };
    expect(texts(after, before, 'diff', 30)).toEqual([
      '*k:',
      '  *group:',
      '    ![9]: absent  (was 9)',
      '     (9 unchanged: [0], [1], [2], [3], [4], [5], [6], [7], [8])',
      '  !gone: absent  (was 1)',
    ]);
  });

  it('marks a value that replaced a non-composite as one change, everything under it changed, saying what it was', () => {
    const before = { daemon: { log: null, up: false }, seq: 1 };
    const after = { daemon: { log: { bits: [true], luid: 1 }, up: true }, seq: 1 };
    expect(texts(after, before, 'diff', 24)).toEqual([
      '*daemon:',
      '  !log:  (was null)',
      '    *bits: [true]',
      '    *luid: 1',
      '  !up: true  (was false)',
      ' (1 unchanged: seq)',
    ]);
    expect(texts(after, before, 'full', 24)).toEqual(['*daemon:', '  !log:', '    *bits: [true]', '    *luid: 1', '  !up: true', ' seq: 1']);
  });

  it('keeps a composite that fits the width on one line (saying what it was where that fits too), and expands it when it does not', () => {
    const before = { rm: ['working', 'working'] };
    const after = { rm: ['working', 'aborted'] };
    expect(texts(after, before, 'diff', 80)).toEqual(['!rm: ["working", "aborted"]  (was ["working", "working"])']);
    expect(texts(after, before, 'diff', 30)).toEqual(['!rm: ["working", "aborted"]']);
    expect(texts(after, before, 'diff', 10)).toEqual(['*rm:', '  ![1]: "aborted"', '   (1 unchanged: [0])']);
  });

  it('compares a state that is not a composite as one value', () => {
    expect(texts(3, 2, 'diff')).toEqual(['!3']);
    expect(texts(3, 3, 'diff')).toEqual([' 3']);
  });
});
