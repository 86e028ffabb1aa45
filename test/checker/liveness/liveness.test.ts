// Goal: leads-to under weak fairness is decided exactly, and a violation is a valid lasso.
// Method: small hand-made models whose answer is known: fair and unfair cycles, stutter states, starvation.
import { describe, expect, it } from 'vitest';
import { resolveCheckOptions } from '../../../checker/index.js';
import { checkLiveness, type LivenessViolation } from '../../../checker/liveness/liveness.js';
import { canonicalJson, fingerprint } from '../../../lib/index.js';
import type { Model } from '../../../model/index.js';

type S = { pc: string; n: number };
type A = { type: string; who: string };

/** A worker that can spin forever, and a finisher that can end the run from the start state. */
function spinner(fairActors: string[]): Model<S, A> {
  return {
    name: 'spinner',
    init: () => [{ pc: 'start', n: 0 }],
    actions: (s) => (s.pc === 'start' ? [{ type: 'Spin', who: 'worker' }, { type: 'Finish', who: 'finisher' }] : []),
    next: (s, a) => (a.type === 'Spin' ? { ...s, n: (s.n + 1) % 2 } : { ...s, pc: 'done' }),
    invariants: {},
    final: (s) => s.pc === 'done',
    actor: (a) => a.who,
    liveness: { Finishes: { statement: 'The run finishes.', goal: (s) => s.pc === 'done', fairActors } },
  };
}

function expectLasso(model: Model<S, A>, v: LivenessViolation<S, A>): void {
  const states = [v.path.initial, ...v.path.steps.map((s) => s.state)];
  expect(fingerprint(states[states.length - 1])).toBe(fingerprint(states[v.loopStart]));
  const goal = model.liveness![v.name]!.goal;
  for (const s of states.slice(v.triggerStep)) expect(goal(s as S)).toBe(false);
  let s = model.init()[v.path.initialIndex]!;
  for (const step of v.path.steps) {
    expect(model.actions(s).map(canonicalJson)).toContain(canonicalJson(step.action));
    s = model.next(s, step.action);
  }
}

const check = (m: Model<S, A>) => checkLiveness(m, resolveCheckOptions({}));

describe('liveness under weak fairness', () => {
  it('holds when the finisher is fair: spinning forever would leave it continuously enabled', () => {
    expect(check(spinner(['worker', 'finisher'])).verdict).toBe('ok');
  });

  it('fails when only the worker is fair: a lasso that spins forever', () => {
    const model = spinner(['worker']);
    const r = check(model);
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation') return;
    expect(r.violation.stutter).toBe(false);
    expect(r.violation.path.steps.slice(r.violation.loopStart).every((s) => s.label.startsWith('Spin'))).toBe(true);
    expectLasso(model, r.violation);
  });

  it('fails by stuttering in a state where no fair actor is enabled', () => {
    const model: Model<S, A> = {
      ...spinner(['worker', 'finisher']),
      actions: (s) => (s.pc === 'start' ? [{ type: 'Stop', who: 'worker' }] : s.pc === 'stopped' ? [{ type: 'Finish', who: 'lazy' }] : []),
      next: (s, a) => ({ ...s, pc: a.type === 'Stop' ? 'stopped' : 'done' }),
    };
    const r = check(model);
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation') return;
    expect(r.violation.stutter).toBe(true);
    expect((r.violation.path.steps.at(-1)?.state as S).pc).toBe('stopped');
    expectLasso(model, r.violation);
  });

  it('finds starvation weak fairness allows: an actor disabled now and then is never owed a turn', () => {
    // Two processes share a lock; p0 can take it again and again, and p1 is enabled only while it is free.
    type L = { lock: string; p1: string };
    const model: Model<L, A> = {
      name: 'starve',
      init: () => [{ lock: 'free', p1: 'waiting' }],
      actions: (s) => {
        const out: A[] = [];
        if (s.lock === 'free') out.push({ type: 'Take0', who: 'p0' });
        if (s.lock === 'p0') out.push({ type: 'Give0', who: 'p0' });
        if (s.lock === 'free' && s.p1 === 'waiting') out.push({ type: 'Take1', who: 'p1' });
        return out;
      },
      next: (s, a) => (a.type === 'Take0' ? { ...s, lock: 'p0' } : a.type === 'Give0' ? { ...s, lock: 'free' } : { lock: 'p1', p1: 'done' }),
      invariants: {},
      final: (s) => s.p1 === 'done',
      actor: (a) => a.who,
      liveness: { P1Enters: { statement: 'p1 gets the lock.', trigger: (s) => s.p1 === 'waiting', goal: (s) => s.p1 === 'done' } },
    };
    const r = checkLiveness(model, resolveCheckOptions({}));
    expect(r.verdict).toBe('violation');
    if (r.verdict === 'violation') {
      const cycle = r.violation.path.steps.slice(r.violation.loopStart).map((s) => s.label);
      expect(cycle).toEqual(['Take0(who=p0)', 'Give0(who=p0)']);
    }
    // Strong fairness owes p1 its turn: enabled again and again, it is eventually taken.
    const strong = { ...model, liveness: { P1Enters: { ...model.liveness!.P1Enters!, fairness: 'strong' as const } } };
    expect(checkLiveness(strong, resolveCheckOptions({})).verdict).toBe('ok');
  });

  it('under strong fairness, still finds a loop that never enables the owed action', () => {
    const model = spinner(['worker']);
    const strong = { ...model, liveness: { Finishes: { ...model.liveness!.Finishes!, fairness: 'strong' as const } } };
    const r = checkLiveness(strong, resolveCheckOptions({}));
    expect(r.verdict).toBe('violation');
    if (r.verdict === 'violation') expectLasso(strong, r.violation);
  });

  it('is incomplete when statesMax stops the graph', () => {
    expect(checkLiveness(spinner(['worker']), resolveCheckOptions({ statesMax: 1 })).verdict).toBe('incomplete');
  });
});
