// Goal: the runtime's judgements (first broken invariant, final, deadlock) are the ones every engine makes, with the model's mistakes named.
// Method: small hand-written models whose invariants break, throw or answer with a non-boolean; the deadlock rule on final and non-final states.
import { describe, expect, it } from 'vitest';
import { firstBroken, firstBrokenInvariant, isDeadlock, isFinal, type Model } from '../../../model/index.js';

const model = (invariants: Model<number, string>['invariants'], final?: (s: number) => boolean): Model<number, string> => ({
  name: 'm',
  init: () => [0],
  actions: () => [],
  next: (s) => s,
  invariants,
  ...(final ? { final } : {}),
});

describe('firstBrokenInvariant', () => {
  it('names the first invariant in declaration order that the state breaks', () => {
    const m = model({ Small: (s) => s < 10, Even: (s) => s % 2 === 0, Positive: (s) => s >= 0 });
    expect(firstBrokenInvariant(m, 4, 0)).toBeUndefined();
    expect(firstBrokenInvariant(m, 7, 0)).toBe('Even');
    expect(firstBrokenInvariant(m, 11, 0)).toBe('Small');
  });

  it('reports an invariant that throws or answers with something else as the model\'s mistake, with the step', () => {
    const throws = model({ Boom: () => { throw new Error('no'); } });
    expect(() => firstBrokenInvariant(throws, 1, 3)).toThrow('model m threw in invariant Boom at step 3: no');
    const forgets = model({ Forgot: (() => undefined) as unknown as (s: number) => boolean });
    expect(() => firstBroken('m', Object.entries(forgets.invariants), 1, 2)).toThrow('model m: invariant Forgot returned undefined, not a boolean (at step 2)');
  });
});

describe('the deadlock rule', () => {
  it('is no enabled action in a state that is not final', () => {
    const m = model({}, (s) => s === 5);
    expect([isFinal(m, 5, 0), isFinal(m, 4, 0)]).toEqual([true, false]);
    expect([isDeadlock(m, 4, [], 0), isDeadlock(m, 5, [], 0), isDeadlock(m, 4, ['Go'], 0)]).toEqual([true, false, false]);
    expect(isDeadlock(model({}), 4, [], 0)).toBe(true);
  });
});
