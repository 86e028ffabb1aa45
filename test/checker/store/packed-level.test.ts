// Goal: a model's packing hooks (encode/decode) change only speed and memory: the same counts, depth and
// counterexamples as without them; a lossy packing is reported. Method: TwoPhase with and without hooks.
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { ModelError } from '../../../lib/index.js';
import { twophaseModel } from '../../../model/twophase/index.js';

const plain = (rm: number, bug: string) => ({ ...twophaseModel(rm, bug), encode: undefined, decode: undefined });

describe('packed states', () => {
  it.each([3, 5, 6])('rm=%i: the same counts with and without the hooks', (rm) => {
    const a = checker(twophaseModel(rm, 'none')).bfs().stats;
    const b = checker(plain(rm, 'none')).bfs().stats;
    expect([a.distinctStates, a.transitions, a.depth]).toEqual([b.distinctStates, b.transitions, b.depth]);
  });

  it('the same shortest counterexample', () => {
    const labels = (r: ReturnType<ReturnType<typeof checker>['bfs']>) => (r.verdict === 'violation' ? r.violation.path.steps.map((s) => s.label) : []);
    expect(labels(checker(twophaseModel(4, 'commit-without-all-prepared')).bfs())).toEqual(labels(checker(plain(4, 'commit-without-all-prepared')).bfs()));
  });

  it('reports a packing that loses data', () => {
    const m = twophaseModel(3, 'none');
    const lossy = { ...m, decode: (bytes: Uint8Array) => ({ ...m.decode!(bytes), tmState: 'init' as const }) };
    expect(() => checker(lossy).bfs()).toThrow(ModelError);
    expect(() => checker(lossy).bfs()).toThrow(/decode\(encode\(s\)\) is not s/);
  });
});
