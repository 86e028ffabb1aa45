/**
 * Rebuilds the path to a state from parent links by re-executing the recorded action indices from
 * the initial state (no path is stored per state). The re-execution must end in the state that
 * was found; if it does not, the model is nondeterministic, and that is what gets reported.
 */
import { canonicalJson, fingerprint, hexOf } from '../lib/index.js';
import {
  actorOf, enabledActionsOf, initialStatesOf, labelOf, modelNondeterministic, modelThrew, nextCall, successorOf, type Model,
} from '../model/index.js';
import type { Path, PathStep } from './result.js';
import type { ParentLinks } from './visited.js';

/** The path from an initial state to state `id`, whose fingerprint is (hi, lo). */
export function rebuildPath<S, A>(
  model: Model<S, A>,
  links: ParentLinks,
  id: number,
  hi: number,
  lo: number,
  identify: (s: S) => string = fingerprint,
): Path<S, A> {
  const actionIndices: number[] = [];
  let at = id;
  while (links.parentOf(at) >= 0) {
    actionIndices.push(links.actionOf(at));
    at = links.parentOf(at);
  }
  actionIndices.reverse();
  const initialIndex = -links.parentOf(at) - 1;
  return replayIndices(model, initialIndex, actionIndices, hexOf(hi, lo), identify);
}

/** The state with id `id`, rebuilt by re-executing its path from the parent links. */
export function stateAt<S, A>(model: Model<S, A>, links: ParentLinks, id: number): S {
  const actionIndices: number[] = [];
  let at = id;
  while (links.parentOf(at) >= 0) {
    actionIndices.push(links.actionOf(at));
    at = links.parentOf(at);
  }
  let state = initialStatesOf(model)[-links.parentOf(at) - 1] as S;
  actionIndices.reverse().forEach((k, i) => (state = successorOf(model, state, enabledActionsOf(model, state, i)[k] as A, i + 1)));
  return state;
}

/** Re-executes `actionIndices` from `init()[initialIndex]`, checking it ends at `endFingerprint`. */
export function replayIndices<S, A>(
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
    let label: string;
    let actor: string;
    try {
      label = labelOf(model, action);
      actor = actorOf(model, action);
    } catch (err) {
      throw modelThrew(name, `label() or actor() at step ${k + 1}`, err);
    }
    // What the trace will hold must be JSON: the search samples actions, this checks every one on the path.
    let stateFingerprint: string;
    try {
      canonicalJson(action);
    } catch (err) {
      throw modelThrew(name, `actions() at step ${k}`, err, 'an action');
    }
    try {
      stateFingerprint = fingerprint(state);
    } catch (err) {
      throw modelThrew(name, nextCall(model, action, k + 1), err, 'a state');
    }
    steps.push({ action, actionIndex, label, actor, state, fingerprint: stateFingerprint });
  }
  const reached = identify(state);
  if (reached !== endFingerprint) {
    throw modelNondeterministic(name, `re-executing the counterexample reached state ${reached}, the search found ${endFingerprint}`);
  }
  return { initialIndex, initial, initialFingerprint: fingerprint(initial), steps };
}


/** The path that applies `actions` (matched by value among the enabled ones) from `init()[initialIndex]`. */
export function pathOfActions<S, A>(model: Model<S, A>, initialIndex: number, actions: readonly A[]): Path<S, A> {
  let state = initialStatesOf(model)[initialIndex] as S;
  const indices: number[] = [];
  for (const [i, action] of actions.entries()) {
    const key = canonicalJson(action);
    const k = enabledActionsOf(model, state, i).findIndex((a) => canonicalJson(a) === key);
    if (k < 0) throw modelNondeterministic(model.name, `action ${labelOf(model, action)} is no longer enabled where the shrunk path applies it`);
    indices.push(k);
    state = successorOf(model, state, action, i + 1);
  }
  return replayIndices(model, initialIndex, indices, fingerprint(state));
}
