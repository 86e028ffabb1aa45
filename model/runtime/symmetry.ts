/**
 * Symmetry through the runtime: the model's `representative` hook, guarded; the quotient model the
 * checker searches (every state it makes is a representative); and the lift of a path of the
 * quotient to a real path of the model, which `sim replay` reproduces step by step.
 */
import { fingerprint, ModelError } from '../../lib/index.js';
import type { Model } from '../contract.js';
import { enabledActionsOf, initialStatesOf, successorOf } from './guarded.js';
import { isStateShaped, modelThrew, notAState } from './model-error.js';
import type { Path, PathStep } from './path.js';
import { stepOf } from './replay-actions.js';

/** `representative(s)`, checked to be a state; `of` names `s` for messages (`init() state 0`, `a successor`). */
export function representativeOf<S, A>(model: Model<S, A>, s: S, of: string): S {
  let r: S;
  try {
    r = (model.representative as (s: S) => S).call(model, s);
  } catch (err) {
    throw modelThrew(model.name, `representative() of ${of}`, err);
  }
  if (!isStateShaped(r)) throw notAState(model.name, `representative() of ${of}`, r);
  return r;
}

/**
 * The model whose states are `model`'s representatives: init() and next() answer with the
 * representative, and so does a compiled successor function (through decode and encode). Every
 * other hook is `model`'s own, called with `model` as `this`.
 */
export function quotientOf<S, A>(model: Model<S, A>): Model<S, A> {
  const quotient = Object.create(model) as Model<S, A>;
  quotient.init = () => initialStatesOf(model).map((s, i) => representativeOf(model, s, `init() state ${i}`));
  // An answer of next() that is no state is left for the runtime to name as next()'s.
  quotient.next = (s, a) => {
    const t = model.next(s, a);
    return t === undefined ? t : representativeOf(model, t, 'a successor');
  };
  const { successors, encode, decode } = model;
  if (successors && encode && decode) {
    quotient.successors = (bytes, emit) =>
      successors.call(model, bytes, (t) => emit(encode.call(model, representativeOf(model, decode.call(model, t), 'a compiled successor'))));
  }
  return quotient;
}

/**
 * The path of `model` that `reduced` (a path of its quotient, from the same initial state) stands
 * for: from the real initial state, each step takes the first enabled action whose successor has
 * the representative the reduced path reached there. A sound representative guarantees one
 * exists, so the path is real and as long as the reduced one.
 */
export function concretePath<S, A>(model: Model<S, A>, reduced: Path<S, A>): Path<S, A> {
  const initial = initialStatesOf(model)[reduced.initialIndex] as S;
  let state = initial;
  const steps: PathStep<S, A>[] = [];
  for (const [k, target] of reduced.steps.entries()) {
    const enabled = enabledActionsOf(model, state, k);
    const from = state;
    const index = enabled.findIndex((a) => fingerprint(representativeOf(model, successorOf(model, from, a, k + 1), `a successor at step ${k + 1}`)) === target.fingerprint);
    if (index < 0) {
      throw new ModelError(`model ${model.name}: representative() is not sound: no successor of the state at step ${k} has the representative the search reached at step ${k + 1}`);
    }
    const action = enabled[index] as A;
    state = successorOf(model, state, action, k + 1);
    steps.push(stepOf(model, action, index, state, k + 1));
  }
  return { initialIndex: reduced.initialIndex, initial, initialFingerprint: fingerprint(initial), steps };
}
