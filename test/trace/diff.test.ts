// Goal: changedFields lists every field two states differ in, each with the values found at its path, and nothing else; firstDifference is the first of them.
// Method: fast-check over pairs of small JSON states, reading each listed path back from both states; examples for paths, added and removed fields.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/index.js';
import { changedFields, firstDifference } from '../../trace/index.js';
import { jsonState, statePair } from '../helpers/json-states.js';

/** The value at `path` (`a.b[2]`, `x["0"]`), or undefined where there is none. */
function valueAt(root: unknown, path: string): unknown {
  let v = root;
  for (const [, name, index, quoted] of path.matchAll(/\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    const key = name ?? (quoted === undefined ? Number(index) : JSON.parse(quoted));
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

describe('changedFields', () => {
  test.prop([statePair])('each change holds the values found at its path in the two states, and they differ', ([before, after]) => {
    for (const c of changedFields(before, after)) {
      expect(valueAt(before, c.path)).toEqual(c.before);
      expect(valueAt(after, c.path)).toEqual(c.after);
      const present = ['before' in c, 'after' in c];
      expect(present).not.toEqual([false, false]);
      if (present[0] && present[1]) expect(canonicalJson(c.before)).not.toBe(canonicalJson(c.after));
    }
  });

  test.prop([statePair])('lists nothing exactly when the states are equal; the first change is the first difference', ([before, after]) => {
    const changes = changedFields(before, after);
    expect(changes.length === 0).toBe(canonicalJson(before) === canonicalJson(after));
    expect(changes.length === 0).toBe(firstDifference(before, after) === undefined);
  });

  test.prop([jsonState])('no paths repeat, and a change is never inside another', (state) => {
    const paths = changedFields({}, state).map((c) => c.path);
    for (const p of paths) expect(paths.filter((q) => q === p || q.startsWith(`${p}.`) || q.startsWith(`${p}[`))).toEqual([p]);
  });

  it('names fields by path, and says when one appeared or went', () => {
    const before = { log: { kernels: [{ flush: { stage: 'mark', marks: [0] } }] }, counts: { '0': 1 }, gone: true };
    const after = { log: { kernels: [{ flush: { stage: 'flush', marks: [] } }] }, counts: { '0': 2 }, added: null };
    expect(changedFields(before, after)).toEqual([
      { path: 'added', after: null },
      { path: 'counts["0"]', before: 1, after: 2 },
      { path: 'gone', before: true },
      { path: 'log.kernels[0].flush.marks[0]', before: 0 },
      { path: 'log.kernels[0].flush.stage', before: 'mark', after: 'flush' },
    ]);
  });

  it('reports a value that changed kind as one change at its path, and a whole state that is not a composite at the empty path', () => {
    expect(changedFields({ log: null }, { log: { up: true } })).toEqual([{ path: 'log', before: null, after: { up: true } }]);
    expect(changedFields({ rm: [1] }, { rm: { 0: 1 } })).toEqual([{ path: 'rm', before: [1], after: { 0: 1 } }]);
    expect(changedFields(2, 3)).toEqual([{ path: '', before: 2, after: 3 }]);
  });
});
