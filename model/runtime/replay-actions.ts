/**
 * Re-executing actions from an initial state, the one way every engine rebuilds a path: by the
 * actions' indices among the enabled ones (parent links, random walks, lassos), or by their
 * values (a shrunk list). No path is stored per state; the re-execution must end in the state
 * that was found, and if it does not, the model is nondeterministic, which is what gets reported.
 */
import { canonicalJson, fingerprint } from '../../lib/index.js';
import type { Model } from '../contract.js';
import { actorOf, labelOf } from '../describe.js';
import { enabledActionsOf, initialStatesOf, nextCall, stateFingerprint, successorOf } from './guarded.js';
import { modelNondeterministic, modelThrew } from './model-error.js';
import type { Path, PathStep } from './path.js';

/**
 * Re-executes `actionIndices` from `init()[initialIndex]`, checking that it ends at
 * `endFingerprint` as `identify` names states (the search's identity: a value or a packed form).
 */
export function replayActions<S, A>(
  model: Model<S, A>,
  initialIndex: number,
  actionIndices: readonly number[],
  endFingerprint: string,
  identify: (s: S) => string = fingerprint,
): Path<S, A> {
  const name = model.name;
  let state = initialStatesOf(model)[initialIndex] as S;
  if (state === undefined) throw modelNondeterministic(name, `init() no longer returns state ${initialIndex}`);
  const initial = state;
  const steps: PathStep<S, A>[] = [];
  for (const [k, actionIndex] of actionIndices.entries()) {
    const enabled = enabledActionsOf(model, state, k);
    if (actionIndex >= enabled.length) {
      throw modelNondeterministic(name, `re-executing step ${k + 1}, actions() returned ${enabled.length} actions where the search saw at least ${actionIndex + 1}`);
    }
    const action = enabled[actionIndex] as A;
    state = successorOf(model, state, action, k + 1);
    steps.push(stepOf(model, action, actionIndex, state, k + 1));
  }
  const reached = identify(state);
  if (reached !== endFingerprint) {
    throw modelNondeterministic(name, `re-executing the counterexample reached state ${reached}, the search found ${endFingerprint}`);
  }
  return { initialIndex, initial, initialFingerprint: fingerprint(initial), steps };
}

/** Step `k` of a path: the action with its label and actor, checked to be JSON as a trace holds it. */
export function stepOf<S, A>(model: Model<S, A>, action: A, actionIndex: number, state: S, k: number): PathStep<S, A> {
  let label: string;
  let actor: string;
  try {
    label = labelOf(model, action);
    actor = actorOf(model, action);
  } catch (err) {
    throw modelThrew(model.name, `label() or actor() at step ${k}`, err);
  }
  // What the trace will hold must be JSON: the search samples actions, this checks every one on the path.
  try {
    canonicalJson(action);
  } catch (err) {
    throw modelThrew(model.name, `actions() at step ${k - 1}`, err, 'an action');
  }
  return { action, actionIndex, label, actor, state, fingerprint: stateFingerprint(model, state, nextCall(model, action, k)) };
}

/** The position among `enabled` of the action equal (as JSON) to `action`, or -1. */
export function indexOfAction<A>(enabled: readonly A[], action: A): number {
  const key = canonicalJson(action);
  return enabled.findIndex((a) => canonicalJson(a) === key);
}

/** The path that applies `actions` (matched by value among the enabled ones) from `init()[initialIndex]`. */
export function replayActionValues<S, A>(model: Model<S, A>, initialIndex: number, actions: readonly A[]): Path<S, A> {
  let state = initialStatesOf(model)[initialIndex] as S;
  const indices: number[] = [];
  for (const [i, action] of actions.entries()) {
    const k = indexOfAction(enabledActionsOf(model, state, i), action);
    if (k < 0) throw modelNondeterministic(model.name, `action ${labelOf(model, action)} is no longer enabled where the shrunk path applies it`);
    indices.push(k);
    state = successorOf(model, state, action, i + 1);
  }
  return replayActions(model, initialIndex, indices, fingerprint(state));
}
