// Goal: the built-in TwoPhase model is TLA+ TwoPhase.tla: its invariants hold, its witnesses are reached,
// its seeded bug is found with the exact shortest counterexample, next never mutates, and its compiled successors()
// equal encode(next()) action by action.
// Method: BFS at small sizes, deep-frozen states, and the registry entry as `sim list` sees it.
import { describe, expect, it } from 'vitest';
import { checker } from '../../checker/index.js';
import { twophaseEntry, twophaseModel } from '../../model/twophase/index.js';
import { deepFreeze } from '../helpers/search.js';

describe('twophase', () => {
  it('verifies clean with every witness reached', () => {
    const r = checker(twophaseModel(3, 'none')).bfs();
    expect(r.verdict).toBe('ok');
    expect(r.verdict === 'ok' && r.unreachedWitnesses).toEqual([]);
  });

  it('next never mutates its input (states deep-frozen)', () => {
    const m = twophaseModel(3, 'none');
    const frozen = { ...m, init: () => m.init().map(deepFreeze), next: (s: any, a: any) => deepFreeze(m.next(s, a)) };
    expect(checker(frozen).symmetry(false).bfs().stats.distinctStates).toBe(288);
    // Nor does its representative: 80 classes, the published quotient.
    expect(checker(frozen).bfs().stats.distinctStates).toBe(80);
  });

  it('each invariant can fail: TCConsistent by the seeded bug, TPTypeOK on a hand-built state', () => {
    for (const bug of twophaseEntry.bugs) {
      const r = checker(twophaseEntry.create({ rm: 3, bug: bug.name })).bfs();
      expect(r.verdict === 'violation' && r.violation.name).toBe(bug.breaks);
    }
    const m = twophaseModel(2, 'none');
    const s = m.init()[0]!;
    expect(m.invariants.TPTypeOK!({ ...s, msgs: { ...s.msgs, commit: true, abort: true } })).toBe(false);
  });

  it('has a statement for every invariant', () => {
    const m = twophaseModel(2, 'none');
    expect(Object.keys(m.statements ?? {})).toEqual(Object.keys(m.invariants));
  });
});

describe('TwoPhase compiled successors', () => {
  it.each(['none', 'commit-without-all-prepared'])('bug=%s: equal encode(next()) for every action of every reachable state (rm=4)', (bug) => {
    const m = twophaseModel(4, bug);
    const seen = new Set<string>();
    let frontier = m.init();
    let checked = 0;
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const s of frontier) {
        const emitted: string[] = [];
        m.successors!(m.encode!(s), (t) => emitted.push(Array.from(t).join()));
        const acts = m.actions(s);
        expect(emitted).toEqual(acts.map((a) => Array.from(m.encode!(m.next(s, a))).join()));
        checked += acts.length;
        for (const a of acts) {
          const t = m.next(s, a);
          const key = Array.from(m.encode!(t)).join();
          if (!seen.has(key)) {
            seen.add(key);
            next.push(t);
          }
        }
      }
      frontier = next;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
