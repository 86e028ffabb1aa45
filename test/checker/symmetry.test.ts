// Goal: with a representative the checker counts exactly the symmetry classes on every route, its counterexamples are
// real paths of the model as short as without symmetry, and a representative that is not sound is refused as the model's error.
// Method: TwoPhase's classes against the representatives of every state an independent search reaches; deliberately wrong representatives.
import { describe, expect, it } from 'vitest';
import { checker, type CheckResult } from '../../checker/index.js';
import { canonicalJson, fingerprint, InputError, ModelError } from '../../lib/index.js';
import { firstBrokenInvariant, replayActions, type Model } from '../../model/index.js';
import { twophaseModel, type TwoPhaseAction, type TwoPhaseState } from '../../model/twophase/index.js';

type TwoPhase = Model<TwoPhaseState, TwoPhaseAction>;

/** Every reachable state, by a plain search that knows nothing of symmetry. */
function reachable<S, A>(model: Model<S, A>): S[] {
  const seen = new Map<string, S>();
  let frontier = model.init();
  for (const s of frontier) seen.set(canonicalJson(s), s);
  while (frontier.length > 0) {
    const next: S[] = [];
    for (const s of frontier) {
      for (const a of model.actions(s)) {
        const t = model.next(s, a);
        const key = canonicalJson(t);
        if (!seen.has(key)) {
          seen.set(key, t);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

const classesOf = (model: TwoPhase): number => new Set(reachable(model).map((s) => fingerprint(model.representative!(s)))).size;
const withoutCompiled = ({ successors: _s, ...m }: TwoPhase): TwoPhase => m;
const withoutPacking = ({ successors: _s, encode: _e, decode: _d, ...m }: TwoPhase): TwoPhase => m;

describe('symmetry: the classes', () => {
  it.each([3, 4, 5])('TwoPhase rm=%i: every route counts the representatives of the reachable states', (rm) => {
    const model = twophaseModel(rm, 'none');
    const expected = classesOf(model);
    const routes: CheckResult[] = [
      checker(model).bfs(),
      checker(model).coverage(true).bfs(),
      checker(withoutCompiled(model)).bfs(),
      checker(withoutPacking(model)).bfs(),
      checker(model).dfs(),
    ];
    for (const r of routes) {
      expect(r.verdict).toBe('ok');
      expect(r.stats.symmetry).toBe(true);
      expect(r.stats.distinctStates).toBe(expected);
    }
    expect(checker(model).symmetry(false).bfs().stats).toMatchObject({ symmetry: false, distinctStates: reachable(model).length });
  });

  it('the quotient of TwoPhase is the published one: 80 classes at rm=3, 314 at rm=5 (Stateright reports 665 at rm=5)', () => {
    expect(checker(twophaseModel(3, 'none')).bfs().stats.distinctStates).toBe(80);
    expect(checker(twophaseModel(5, 'none')).bfs().stats.distinctStates).toBe(314);
  });
});

describe('symmetry: counterexamples', () => {
  const buggy = twophaseModel(4, 'commit-without-all-prepared');
  it.each([
    ['bfs', () => checker(buggy).bfs(), () => checker(buggy).symmetry(false).bfs()],
    ['bfs over objects', () => checker(buggy).coverage(true).bfs(), () => checker(buggy).coverage(true).symmetry(false).bfs()],
  ] as const)('%s: the path is a real path of the model, as short as without symmetry', (_route, reduced, full) => {
    const r = reduced();
    const plain = full();
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation' || plain.verdict !== 'violation') return;
    expect(r.violation.path.steps.length).toBe(plain.violation.path.steps.length);
    // Re-executed by the model itself (no representative anywhere), it reaches a state breaking the invariant.
    const path = r.violation.path;
    const last = path.steps.at(-1)!.state;
    const again = replayActions(buggy, path.initialIndex, path.steps.map((s) => s.actionIndex), fingerprint(last));
    expect(again.steps.map((s) => s.label)).toEqual(path.steps.map((s) => s.label));
    expect(firstBrokenInvariant(buggy, last, path.steps.length)).toBe(r.violation.name);
  });

  it.each([
    ['dfs', () => checker(buggy).dfs()],
    ['random walks', () => checker(buggy).randomWalk(3, 200)],
  ] as const)('%s: the path is a real path of the model, ending where the invariant breaks', (_route, run) => {
    const r = run();
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation') return;
    const path = r.violation.path;
    const last = path.steps.at(-1)!.state;
    expect(replayActions(buggy, path.initialIndex, path.steps.map((s) => s.actionIndex), fingerprint(last)).steps).toHaveLength(path.steps.length);
    expect(firstBrokenInvariant(buggy, last, path.steps.length)).toBe(r.violation.name);
  });

  it('a deadlock found in the quotient is a deadlock of the model', () => {
    const m = twophaseModel(3, 'none');
    // Without its self-loops (a message received again) and without final states, TwoPhase deadlocks once all have decided.
    const noFinal: TwoPhase = { ...withoutCompiled(m), final: undefined, actions: (s) => m.actions(s).filter((a) => canonicalJson(m.next(s, a)) !== canonicalJson(s)) };
    const r = checker(noFinal).bfs();
    const plain = checker(noFinal).symmetry(false).bfs();
    expect(r.verdict).toBe('deadlock');
    if (r.verdict !== 'deadlock' || plain.verdict !== 'deadlock') return;
    expect(r.violation.depth).toBe(plain.violation.depth);
    expect(noFinal.actions(r.violation.path.steps.at(-1)!.state)).toEqual([]);
  });
});

describe('symmetry: a representative that is not sound is the model error', () => {
  const m = twophaseModel(3, 'none');
  // Sorts the RM states but leaves tmPrepared and the Prepared messages where they were: RMs lose their own data.
  const sortsOneArray: TwoPhase = { ...m, representative: (s) => ({ ...s, rmState: [...s.rmState].sort() }) };
  // Maps every state to the initial one.
  const collapses: TwoPhase = { ...m, representative: () => m.init()[0]! };
  // Not idempotent: reverses the RMs each time.
  const flips: TwoPhase = {
    ...m,
    representative: (s) => ({ ...s, rmState: [...s.rmState].reverse(), tmPrepared: [...s.tmPrepared].reverse(), msgs: { ...s.msgs, prepared: [...s.msgs.prepared].reverse() } }),
  };

  it.each([
    ['sorts one array of three', sortsOneArray],
    ['collapses every state', collapses],
    ['is not idempotent', flips],
  ] as const)('caught when it %s, on every route', (_what, model) => {
    for (const run of [() => checker(model).bfs(), () => checker(model).coverage(true).bfs(), () => checker(model).dfs()]) {
      expect(run).toThrow(ModelError);
      expect(run).toThrow(/representative\(\) is not sound at .*fingerprint [0-9a-f]+\)/);
    }
    // With symmetry off the hook is never called.
    expect(checker(model).symmetry(false).bfs().verdict).toBe('ok');
  });

  it('an answer that is no state names representative()', () => {
    const forgets = { ...m, representative: (): TwoPhaseState => undefined as unknown as TwoPhaseState };
    expect(() => checker(forgets).bfs()).toThrow(/model twophase: representative\(\) of init\(\) state 0 returned undefined, not a state/);
    const notJson = { ...withoutPacking(m), representative: (s: TwoPhaseState) => (s.tmState === 'init' ? s : { ...s, tmState: Number.NaN as unknown as 'init' }) };
    expect(() => checker(notJson).bfs()).toThrow(/representative\(\) .*NaN/);
  });
});

describe('symmetry: liveness', () => {
  it('is refused under symmetry with one line, and checked with symmetry off', () => {
    const m = twophaseModel(3, 'none');
    const live: TwoPhase = { ...m, liveness: { decides: { statement: 'The TM decides.', goal: (s) => s.tmState !== 'init' } } };
    expect(() => checker(live).liveness(true).bfs()).toThrow(InputError);
    expect(() => checker(live).liveness(true).bfs()).toThrow(/^model twophase: liveness is not checked under symmetry .*--no-symmetry/);
    expect(checker(live).liveness(true).symmetry(false).bfs().verdict).toBe('ok');
  });
});
