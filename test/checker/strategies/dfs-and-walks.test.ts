// Goal: DFS and random walks agree with BFS where they must (reachable set, verdict kind, valid paths),
// and random walks are reproducible from their seed. Method: differential runs on random graphs and TwoPhase.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { canonicalJson } from '../../../lib/index.js';
import type { Model } from '../../../model/index.js';
import { twophaseModel } from '../../../model/twophase/index.js';
import dieHard from '../../fixtures/models/die-hard.mjs';
import { graphArbitrary, graphModel, referenceBfs } from '../../helpers/graph-model.js';

/** Every step of the path is an enabled action of the state before it, and leads to the recorded state. */
function expectValidPath(model: Model<any, any>, path: { initialIndex: number; steps: { action: unknown; state: unknown }[] }): void {
  let s = model.init()[path.initialIndex];
  for (const step of path.steps) {
    expect(model.actions(s).map(canonicalJson)).toContain(canonicalJson(step.action));
    s = model.next(s, step.action);
    expect(canonicalJson(s)).toBe(canonicalJson(step.state));
  }
}

describe('dfs', () => {
  test.prop([graphArbitrary, fc.boolean()], { numRuns: 300 })('finds what BFS finds, with a valid (maybe longer) path', (g, deadlocks) => {
    const expected = referenceBfs(g, deadlocks);
    const model = graphModel(g);
    const r = checker(model).deadlocks(deadlocks).dfs();
    if (expected.verdict === 'ok') {
      expect(r.verdict).toBe('ok');
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([expected.distinctStates, expected.transitions]);
    } else {
      // DFS may meet a different bad state or deadlock first, but it must report one.
      expect(['violation', 'deadlock']).toContain(r.verdict);
      if (r.verdict === 'violation' || r.verdict === 'deadlock') {
        expect(r.violation.depth).toBeGreaterThanOrEqual(expected.verdict === r.verdict ? expected.depth : 0);
        expectValidPath(model, r.violation.path);
      }
    }
  });

  it('covers TwoPhase rm=5 exactly', () => {
    const r = checker(twophaseModel(5, 'none')).symmetry(false).dfs();
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['ok', 8832, 58145]);
  });

  it('is incomplete when the depth bound cut something off', () => {
    expect(checker(twophaseModel(4, 'none')).symmetry(false).depthMax(5).dfs().verdict).toBe('incomplete');
  });
});

describe('random walks', () => {
  it('find the DieHard solution and the TwoPhase bug, with valid paths', () => {
    for (const model of [dieHard as Model<any, any>, twophaseModel(3, 'commit-without-all-prepared')]) {
      const r = checker(model).randomWalk(1);
      expect(r.verdict).toBe('violation');
      if (r.verdict === 'violation') expectValidPath(model, r.violation.path);
    }
  });

  it('are reproducible from the seed, and end incomplete when they find nothing', () => {
    const a = checker(twophaseModel(4, 'none')).symmetry(false).randomWalk(7, 50);
    const b = checker(twophaseModel(4, 'none')).symmetry(false).randomWalk(7, 50);
    const c = checker(twophaseModel(4, 'none')).symmetry(false).randomWalk(8, 50);
    expect(a.verdict).toBe('incomplete');
    expect(a.stats.distinctStates).toBe(b.stats.distinctStates);
    expect(a.stats.transitions).toBe(b.stats.transitions);
    expect(c.stats.distinctStates).not.toBe(a.stats.distinctStates);
  });
});

describe('coverage', () => {
  it('counts each action type fired and names declared types never enabled', () => {
    const model = { ...twophaseModel(3, 'none'), actionTypes: ['TMCommit', 'TMAbort', 'Teleport'] };
    const r = checker(model).symmetry(false).coverage(true).bfs();
    const fired = Object.fromEntries(r.stats.coverage!.fired.map((f) => [f.type, f.count]));
    expect(fired.TMCommit).toBe(1);
    expect(fired.Teleport).toBe(0);
    expect(Object.values(fired).reduce((x, y) => x + y, 0)).toBe(1145);
    expect(r.stats.coverage!.neverEnabled).toEqual(['Teleport']);
  });
});
