// Goal: a model's compiled successor function (successors() on packed bytes) changes only speed:
// the same verdict, counts, depth, stop points and counterexamples as actions()/next(), and a
// successors() that disagrees with them, or throws, is reported as a model error.
// Method: random graph models and TwoPhase, each checked through both routes; broken variants.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checker, type CheckResult } from '../../../checker/index.js';
import { ModelError } from '../../../lib/index.js';
import type { Model } from '../../../model/index.js';
import { twophaseModel } from '../../../model/twophase/index.js';
import { everyState } from '../../helpers/search.js';
import { compiledGraphModel, graphArbitrary, graphModel } from '../../helpers/graph-model.js';

const objectRoute = <S, A>(m: Model<S, A>): Model<S, A> => ({ ...m, successors: undefined });

function summary(r: CheckResult<unknown, unknown>) {
  const path = r.verdict === 'violation' || r.verdict === 'deadlock' ? [r.violation.name, r.violation.depth, r.violation.path.steps.map((s) => s.label)] : [];
  return { verdict: r.verdict, states: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth, path };
}

describe('the compiled route', () => {
  test.prop([graphArbitrary, fc.boolean(), fc.integer({ min: 1, max: 50 })], { numRuns: 300 })(
    'gives what actions() and next() give on random models, state bound included',
    (g, deadlocks, statesMax) => {
      const compiled = checker(compiledGraphModel(g)).deadlocks(deadlocks).statesMax(statesMax).bfs();
      const plain = checker(graphModel(g)).deadlocks(deadlocks).statesMax(statesMax).bfs();
      expect(summary(compiled)).toEqual(summary(plain));
    },
  );

  it.each([
    [5, 'none'],
    [4, 'commit-without-all-prepared'],
  ])('TwoPhase rm=%i bug=%s: the same result both ways', (rm, bug) => {
    expect(summary(checker(twophaseModel(rm, bug)).bfs())).toEqual(summary(checker(objectRoute(twophaseModel(rm, bug))).bfs()));
  });

  it('reports successors() that disagree with next()', () => {
    const m = everyState(twophaseModel(3, 'none'));
    const wrong: Model<unknown, unknown> = {
      ...(m as Model<unknown, unknown>),
      // A bit decode() ignores: the same state to the eye, a different packed form.
      successors: (bytes, emit) => m.successors!(bytes, (t) => emit(Uint8Array.of((t[0] as number) ^ 0x10, ...t.subarray(1)))),
    };
    expect(() => checker(wrong).bfs()).toThrow(ModelError);
    expect(() => checker(wrong).bfs()).toThrow(/successors\(\) and encode\(next\(\)\) disagree on successor \d+ \(\w+/);
  });

  it('reports successors() that miss an action', () => {
    const m = everyState(twophaseModel(3, 'none'));
    const short: Model<unknown, unknown> = {
      ...(m as Model<unknown, unknown>),
      successors: (bytes, emit) => {
        let k = 0;
        m.successors!(bytes, (t) => (k++ === 0 ? undefined : emit(t)));
      },
    };
    expect(() => checker(short).bfs()).toThrow(/successors\(\) gave \d+ successors at step \d+ where actions\(\) enables \d+/);
  });

  it('names successors() when it throws', () => {
    const m = everyState(twophaseModel(3, 'none'));
    const throwing: Model<unknown, unknown> = {
      ...(m as Model<unknown, unknown>),
      successors: () => {
        throw new Error('boom');
      },
    };
    expect(() => checker(throwing).bfs()).toThrow(/model twophase threw in successors\(\) at step 0: boom/);
  });
});
