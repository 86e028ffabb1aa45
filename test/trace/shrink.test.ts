// Goal: shrinking keeps the failure and never makes the counterexample costlier (actors+faults, then steps).
// Method: shrink long DFS and random-walk counterexamples of random graphs and TwoPhase; the shrunk path is re-executed (shrinkPath).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checker } from '../../checker/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { shrinkActions, shrinkPath } from '../../trace/index.js';
import { graphArbitrary, graphModel } from '../helpers/graph-model.js';

describe('shrinkActions', () => {
  test.prop([graphArbitrary], { numRuns: 200 })('the shrunk path still ends in the same violation, no longer than before', (g) => {
    const model = graphModel(g);
    const r = checker(model).deadlocks(false).dfs();
    if (r.verdict !== 'violation') return;
    const before = r.violation.path.steps.map((s) => s.action);
    const path = shrinkPath(model, r.violation.path.initialIndex, r.violation.path.initial, before, { kind: 'invariant', name: 'NotBad' });
    expect(path.steps.length).toBeLessThanOrEqual(before.length);
    const last = path.steps.at(-1)?.state ?? path.initial;
    expect(model.invariants.NotBad!(last)).toBe(false);
  });

  it('turns a DFS counterexample of TwoPhase into the 3-step one', () => {
    const model = twophaseModel(4, 'commit-without-all-prepared');
    const r = checker(model).dfs();
    if (r.verdict !== 'violation') throw new Error('expected a violation');
    expect(r.violation.path.steps.length).toBeGreaterThan(3);
    const after = shrinkActions(model, r.violation.path.initial, r.violation.path.steps.map((s) => s.action), { kind: 'invariant', name: 'TCConsistent' });
    expect(after).toHaveLength(3);
  });
});
