/**
 * The soundness check of a model's `representative`, run on the sample of states whose expansion
 * is audited: on the state and on each of its real (not reduced) successors, the representative
 * must be idempotent, agree with the state on every invariant, witness and `final`, and have
 * successors with the same representatives. A search over representatives is exact only then, so
 * a failure is the model's error (exit 2), one line naming the state and what differs.
 */
import { fingerprint, ModelError } from '../../lib/index.js';
import { askModel, enabledActionsOf, isFinal, modelThrew, representativeOf, successorOf, type Model } from '../../model/index.js';
import type { SearchContext } from './context.js';

/** The representatives of the successors of `s`, as sorted distinct fingerprints joined in one key. */
function successorClasses<S, A>(model: Model<S, A>, s: S, step: number, of: string): string {
  const classes = enabledActionsOf(model, s, step).map((a) => fingerprint(representativeOf(model, successorOf(model, s, a, step + 1), `a successor of ${of}`)));
  return [...new Set(classes)].sort().join(',');
}

/** What `x` and its representative `r` answer differently, or undefined. */
function difference<S, A>(model: Model<S, A>, x: S, r: S, step: number, of: string): string | undefined {
  const rKey = fingerprint(r);
  if (fingerprint(representativeOf(model, r, of)) !== rKey) return 'representative(representative(s)) is not representative(s)';
  const predicates: [string, (s: S) => boolean][] = [
    ...Object.entries(model.invariants).map(([n, p]): [string, (s: S) => boolean] => [`invariant ${n}`, p]),
    ...Object.entries(model.sometimes ?? {}).map(([n, p]): [string, (s: S) => boolean] => [`witness ${n}`, p]),
  ];
  for (const [what, p] of predicates) {
    const here = askModel(model.name, what, p, x, step);
    if (askModel(model.name, what, p, r, step) !== here) return `${what} is ${here} in s and ${!here} in representative(s)`;
  }
  if (isFinal(model, x, step) !== isFinal(model, r, step)) return 'final() differs between s and representative(s)';
  if (successorClasses(model, x, step, of) !== successorClasses(model, r, step, of)) {
    return 'the successors of s and of representative(s) have different representatives';
  }
  return undefined;
}

/**
 * How many of the first states expanded are checked. Each check asks for the successors of every
 * successor twice (a few hundred calls of representative() on a state with ten actions), so the
 * sample after these is the determinism audit's, one state in `determinismSampleEvery`.
 */
const CHECKED_FIRST = 64;

/** Whether the expansion of state `id` has its representative checked (never without symmetry). */
export function checksSymmetry<S, A>(ctx: SearchContext<S, A>, id: number): boolean {
  return ctx.concrete !== null && (id < CHECKED_FIRST || id % ctx.options.determinismSampleEvery === 0);
}

/** The symmetry check of a search that uses representatives (nothing without symmetry). */
export function auditSymmetryIn<S, A>(ctx: SearchContext<S, A>, s: S, acts: readonly A[], step: number): void {
  if (ctx.concrete) auditSymmetry(ctx.concrete, s, acts, step);
}

/**
 * Checks `model`'s representative on `s` (a stored representative at `step`, whose enabled
 * actions are `acts`) and on each real successor of `s`.
 */
export function auditSymmetry<S, A>(model: Model<S, A>, s: S, acts: readonly A[], step: number): void {
  const checkOne = (x: S, where: string, at: number): void => {
    const wrong = difference(model, x, representativeOf(model, x, where), at, where);
    if (wrong !== undefined) throw new ModelError(`model ${model.name}: representative() is not sound at ${where} (fingerprint ${fingerprint(x)}): ${wrong}`);
  };
  try {
    checkOne(s, `the state at step ${step}`, step);
    acts.forEach((a, k) => checkOne(successorOf(model, s, a, step + 1), `successor ${k + 1} of the state at step ${step}`, step + 1));
  } catch (err) {
    // A representative JSON cannot carry is named here, where its fingerprint is taken.
    throw modelThrew(model.name, `representative() near step ${step}`, err, 'a state');
  }
}
