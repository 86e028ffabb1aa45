/**
 * The model calls every engine makes, guarded once: a throw becomes "model X threw in …", and an
 * answer of the wrong shape (init() not a non-empty array of states, actions() not an array,
 * next() not a state, a state JSON cannot carry) a ModelError that names the call, the step and
 * the action, instead of a TypeError in whatever code reads the answer next.
 */
import { fingerprint, fingerprintInto, ModelError } from '../../lib/index.js';
import type { Model } from '../contract.js';
import { labelOf } from '../describe.js';
import { booleanAnswer, describeValue, isStateShaped, modelThrew, notAState } from './model-error.js';

/** `f()`, a call into the model; a throw becomes "model X threw in `where`". */
export function callModel<T>(modelName: string, where: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw modelThrew(modelName, where, err);
  }
}

/** init()'s states, checked: a non-empty array of states. */
export function initialStatesOf<S, A>(model: Model<S, A>): S[] {
  let inits: unknown;
  try {
    inits = model.init();
  } catch (err) {
    throw modelThrew(model.name, 'init()', err);
  }
  if (!Array.isArray(inits)) throw new ModelError(`model ${model.name}: init() returned ${describeValue(inits)}, not an array of states`);
  if (inits.length === 0) throw new ModelError(`model ${model.name}: init() returned an empty array; a model needs at least one initial state`);
  inits.forEach((s, i) => {
    if (!isStateShaped(s)) throw notAState(model.name, `init() at index ${i}`, s);
  });
  return inits as S[];
}

/** actions(s), checked to be an array. */
export function enabledActionsOf<S, A>(model: Model<S, A>, s: S, step: number): A[] {
  let acts: unknown;
  try {
    acts = model.actions(s);
  } catch (err) {
    throw modelThrew(model.name, `actions() at step ${step}`, err);
  }
  if (!Array.isArray(acts)) throw new ModelError(`model ${model.name}: actions() at step ${step} returned ${describeValue(acts)}, not an array of actions`);
  return acts as A[];
}

/** How a message names `action`: its label, or its kind when even the label fails. */
function actionText<S, A>(model: Model<S, A>, action: A): string {
  try {
    return labelOf(model, action);
  } catch {
    return describeValue(action);
  }
}

/** `next() at step 3 (action Inc)`: where a successor came from, for messages. */
export function nextCall<S, A>(model: Model<S, A>, action: A, step: number): string {
  return `next() at step ${step} (action ${actionText(model, action)})`;
}

/** next(s, a), checked to be a state. */
export function successorOf<S, A>(model: Model<S, A>, s: S, action: A, step: number): S {
  let t: S;
  try {
    t = model.next(s, action);
  } catch (err) {
    throw modelThrew(model.name, `next() at step ${step}`, err);
  }
  if (!isStateShaped(t)) throw notAState(model.name, nextCall(model, action, step), t);
  return t;
}

/** A yes/no question to the model (`final`, an invariant, a liveness goal), answered with a boolean. */
export function askModel<S>(modelName: string, what: string, predicate: (s: S) => boolean, s: S, step?: number): boolean {
  let answer: unknown;
  try {
    answer = predicate(s);
  } catch (err) {
    throw modelThrew(modelName, step === undefined ? what : `${what} at step ${step}`, err);
  }
  return answer === true || booleanAnswer(modelName, what, answer, step);
}

/**
 * The fingerprint of a state the model returned (by `where`, like `init()` or `next() at step 2
 * (action Inc)`); the walk refuses what JSON cannot carry, and that is the model's error.
 */
export function stateFingerprint<S, A>(model: Model<S, A>, s: S, where: string): string {
  try {
    return fingerprint(s);
  } catch (err) {
    throw modelThrew(model.name, where, err, 'a state');
  }
}

/**
 * The 64-bit fingerprint of a state the model returned, written into `words` (two 32-bit words)
 * for a search that keys a table by it; `where` names the call the state came from, asked only
 * when the state is one JSON cannot carry.
 */
export function stateFingerprintInto<S, A>(model: Model<S, A>, s: S, words: Uint32Array, where: () => string): void {
  try {
    fingerprintInto(s, words);
  } catch (err) {
    throw modelThrew(model.name, where(), err, 'a state');
  }
}
