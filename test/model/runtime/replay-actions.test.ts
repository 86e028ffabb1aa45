// Goal: re-executing actions rebuilds the path the engines report, and a model that no longer gives it is named nondeterministic.
// Method: a counter model replayed by action indices and by action values; a model whose actions change between calls.
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../lib/index.js';
import { replayActions, replayActionValues, type Model } from '../../../model/index.js';

const counter: Model<{ n: number }, { type: 'Inc' | 'Dec' }> = {
  name: 'counter',
  init: () => [{ n: 0 }, { n: 10 }],
  actions: () => [{ type: 'Inc' }, { type: 'Dec' }],
  next: (s, a) => ({ n: s.n + (a.type === 'Inc' ? 1 : -1) }),
  invariants: {},
};

describe('replayActions', () => {
  it('rebuilds each step with its action, index, label, actor, state and fingerprint', () => {
    const path = replayActions(counter, 1, [0, 0, 1], fingerprint({ n: 11 }));
    expect(path.initial).toEqual({ n: 10 });
    expect(path.steps.map((s) => [s.label, s.actionIndex, s.actor, s.state])).toEqual([
      ['Inc', 0, 'model', { n: 11 }], ['Inc', 0, 'model', { n: 12 }], ['Dec', 1, 'model', { n: 11 }],
    ]);
    expect(path.steps.at(-1)?.fingerprint).toBe(fingerprint({ n: 11 }));
  });

  it('names the model nondeterministic when the re-execution ends elsewhere or an action is gone', () => {
    expect(() => replayActions(counter, 0, [0], fingerprint({ n: 2 }))).toThrow(/not deterministic: re-executing the counterexample reached state/);
    expect(() => replayActions(counter, 0, [5], fingerprint({ n: 1 }))).toThrow(/actions\(\) returned 2 actions where the search saw at least 6/);
    expect(() => replayActions(counter, 3, [], fingerprint({ n: 0 }))).toThrow(/init\(\) no longer returns state 3/);
  });
});

describe('replayActionValues', () => {
  it('finds each action among the enabled ones by value', () => {
    const path = replayActionValues(counter, 0, [{ type: 'Dec' }, { type: 'Inc' }]);
    expect(path.steps.map((s) => s.actionIndex)).toEqual([1, 0]);
    expect(() => replayActionValues(counter, 0, [{ type: 'Jump' } as never])).toThrow(/no longer enabled where the shrunk path applies it/);
  });
});
