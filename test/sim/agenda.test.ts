// Goal: the agenda offers a declined fault again after every step (so a fault can strike at any point), a latency factor of 0
// fires an action at once, and a final state ends a run only once nothing but faults could follow. Method: small inline models.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ratio } from '../../lib/index.js';
import type { Model } from '../../model/index.js';
import { simulate } from '../../sim/index.js';

type Tick = { type: 'Tick' } | { type: 'Crash' };

/** A counter that ticks to 20 while a crash, a fault, stays enabled until it strikes. */
const ticker: Model<{ n: number; crashed: boolean }, Tick> = {
  name: 'ticker',
  init: () => [{ n: 0, crashed: false }],
  actions: (s) => (s.crashed || s.n === 20 ? [] : [{ type: 'Tick' }, { type: 'Crash' }]),
  next: (s, a) => (a.type === 'Tick' ? { ...s, n: s.n + 1 } : { ...s, crashed: true }),
  invariants: {},
  final: () => true,
  isFault: (a) => a.type === 'Crash',
  latency: () => ({ min: 1, max: 3 }),
};

describe('agenda', () => {
  test.prop([fc.nat(1000), fc.integer({ min: 0, max: 19 })])('a fault declined at every step strikes at the step its chance comes', (seed, k) => {
    const run = simulate(ticker, { seed, faultRatio: (_kind, at) => ratio(at.step === k ? 1 : 0, 1), latencyFactor: ({ fault }) => (fault ? 0 : 1) });
    expect(run.steps.map((s) => (s.action as Tick).type)).toEqual([...Array<string>(k).fill('Tick'), 'Crash']);
  });

  it('keeps the model timing by default, so that a fault with a chance of 0 never strikes while ticks can move', () => {
    for (let seed = 0; seed < 20; seed++) {
      const run = simulate(ticker, { seed, faultRatio: () => ratio(0, 1) });
      expect(run.steps.map((s) => (s.action as Tick).type)).toEqual(Array<string>(20).fill('Tick'));
    }
  });

  it('fires an action with latency factor 0 before one with the model latency', () => {
    type Race = { type: 'Slow' } | { type: 'Fast' };
    const race: Model<{ done: string | null }, Race> = {
      name: 'race',
      init: () => [{ done: null }],
      actions: (s) => (s.done === null ? [{ type: 'Slow' }, { type: 'Fast' }] : []),
      next: (_s, a) => ({ done: a.type }),
      invariants: {},
      final: () => true,
      latency: () => ({ min: 5, max: 50 }),
    };
    for (let seed = 0; seed < 20; seed++) {
      const run = simulate(race, { seed, latencyFactor: ({ kind }) => (kind === 'Fast' ? 0 : 1) });
      expect(run.steps.map((s) => (s.action as Race).type)).toEqual(['Fast']);
    }
  });

  it('runs on past a final state while a non-fault action is enabled, and ends there when only faults are', () => {
    // Final from the start, as a held write is final for the fixed protocol; the tick is a bug's step that may still follow.
    const run = simulate({ ...ticker, actions: (s) => (s.n === 3 ? [{ type: 'Crash' }] : [{ type: 'Tick' }, { type: 'Crash' }]) }, { seed: 1, faultRatio: () => ratio(0, 1) });
    expect(run.steps).toHaveLength(3);
    expect(run.verdict).toEqual({ result: 'ok', end: 'final' });
  });
});
