// Goal: the BFS checker's counts, depths, verdicts and shortest counterexamples are exact.
// Method: pinned published counts (TwoPhase, DieHard) and a differential test against a textbook BFS on random graphs.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { twophaseModel } from '../../../model/twophase/index.js';
import dieHard from '../../fixtures/models/die-hard.mjs';
import { graphArbitrary, graphModel, referenceBfs } from '../../helpers/graph-model.js';

describe('bfs on TwoPhase (research/anchors.md §5a)', () => {
  it('rm=3: 288 distinct states, 1,145 transitions, depth 10', () => {
    const r = checker(twophaseModel(3, 'none')).symmetry(false).bfs();
    expect(r.verdict).toBe('ok');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.depth]).toEqual([288, 1145, 10]);
  });

  it.each([
    [4, 1568, 8257, 13],
    [5, 8832, 58145, 16],
    [6, 50816, 402305, 19],
    [7, 296448, 2744705, 22],
  ])('rm=%i: %i distinct states, %i transitions, depth %i', (rm, distinct, transitions, depth) => {
    const r = checker(twophaseModel(rm, 'none')).symmetry(false).bfs();
    expect(r.verdict).toBe('ok');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.depth]).toEqual([distinct, transitions, depth]);
  });

  it('keeps the seen set within 16 bytes per distinct state', () => {
    const r = checker(twophaseModel(6, 'none')).symmetry(false).bfs();
    expect(r.stats.seenBytesPerState).toBeLessThanOrEqual(16);
  });
});

describe('shortest counterexamples', () => {
  it('DieHard: the 6-step path to big = 4 (research/anchors.md §5d)', () => {
    const r = checker(dieHard).bfs();
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation') return;
    expect(r.violation.name).toBe('NotSolved');
    expect(r.violation.depth).toBe(6);
    const states = [r.violation.path.initial, ...r.violation.path.steps.map((s) => s.state)] as { big: number; small: number }[];
    expect(states.map((s) => `(${s.big},${s.small})`).join(' ')).toBe('(0,0) (5,0) (2,3) (2,0) (0,2) (5,2) (4,3)');
  });

  it('TwoPhase commit-without-all-prepared: TCConsistent fails after 3 steps', () => {
    const r = checker(twophaseModel(3, 'commit-without-all-prepared')).symmetry(false).bfs();
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation') return;
    expect(r.violation.path.steps.map((s) => s.label).join('\n')).toBe(['TMCommit', 'RMChooseToAbort(rm1)', 'RMRcvCommitMsg(rm2)'].join('\n'));
  });
});

describe('bfs against an independent BFS on random models', () => {
  test.prop([graphArbitrary, fc.boolean()], { numRuns: 300 })('same verdict, counts, depth and counterexample length', (g, deadlocks) => {
    const expected = referenceBfs(g, deadlocks);
    const r = checker(graphModel(g)).deadlocks(deadlocks).bfs();
    expect(r.verdict).toBe(expected.verdict);
    if (expected.verdict === 'ok') {
      expect([r.stats.distinctStates, r.stats.transitions, r.stats.depth]).toEqual([expected.distinctStates, expected.transitions, expected.depth]);
    } else if (r.verdict === 'violation' || r.verdict === 'deadlock') {
      expect(r.violation.depth).toBe(expected.depth);
      expect(r.violation.path.steps).toHaveLength(expected.depth);
      const last = r.violation.path.steps.at(-1)?.state ?? r.violation.path.initial;
      if (expected.verdict === 'violation') expect(g.bad).toContain((last as { v: number }).v);
    }
  });
});

describe('limits', () => {
  it('statesMax stops the search as incomplete with exactly that many states', () => {
    const r = checker(twophaseModel(4, 'none')).symmetry(false).statesMax(100).bfs();
    expect(r.verdict).toBe('incomplete');
    expect(r.stats.distinctStates).toBe(100);
  });

  it('depthMax stops at the level and is incomplete only if something lies beyond', () => {
    const cut = checker(twophaseModel(3, 'none')).symmetry(false).depthMax(4).bfs();
    expect(cut.verdict).toBe('incomplete');
    expect(cut.stats.depth).toBe(4);
    const whole = checker(twophaseModel(3, 'none')).symmetry(false).depthMax(10).bfs();
    expect(whole.verdict).toBe('ok');
    expect(whole.stats.distinctStates).toBe(288);
  });

  it('reports witnesses that were never reached', () => {
    const model = { ...twophaseModel(3, 'none'), sometimes: { Reached: () => true, Never: () => false } };
    const r = checker(model).bfs();
    expect(r.verdict === 'ok' && r.unreachedWitnesses).toEqual(['Never']);
  });
});
