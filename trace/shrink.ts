/**
 * Shrinking a counterexample to one a person can read: fewer distinct actors and faults, then
 * fewer steps. Candidates are subsequences of the recorded actions, re-executed from the initial
 * state; one is kept when every action is still enabled where it is applied and the run still
 * ends in the same verdict (the same invariant fails at the last state, or a deadlock). Removals
 * are tried by actor, then fault by fault, then by halving chunks (ddmin), until none helps.
 */
import {
  actorOf, askModel, enabledActionsOf, indexOfAction, isDeadlock, modelThrew, replayActionValues, successorOf, type Model, type Path,
} from '../model/index.js';

export type ShrinkTarget = { kind: 'invariant'; name: string } | { kind: 'deadlock' };

/** Re-executes `actions`; the number of steps after which the target first shows, or undefined. */
function reproduces<S, A>(model: Model<S, A>, initial: S, actions: readonly A[], target: ShrinkTarget): number | undefined {
  const holds = target.kind === 'invariant' ? model.invariants[target.name] : undefined;
  const shows = (s: S, step: number): boolean => {
    if (holds) return !askModel(model.name, `invariant ${target.kind === 'invariant' ? target.name : ''}`, holds, s, step);
    return isDeadlock(model, s, enabledActionsOf(model, s, step), step);
  };
  let state = initial;
  if (shows(state, 0)) return 0;
  for (const [i, action] of actions.entries()) {
    const enabled = enabledActionsOf(model, state, i);
    const k = indexOfAction(enabled, action);
    if (k < 0) return undefined;
    state = successorOf(model, state, enabled[k] as A, i + 1);
    if (shows(state, i + 1)) return i + 1;
  }
  return undefined;
}

/** Cost, compared lexicographically: distinct actors plus fault actions, then steps. */
export function shrinkCost<S, A>(model: Model<S, A>, actions: readonly A[]): [number, number] {
  const actors = new Set(actions.map((a) => actorOf(model, a)));
  const faults = model.isFault ? actions.filter((a) => model.isFault!(a)).length : 0;
  return [actors.size + faults, actions.length];
}

/** True when cost `x` is lower than cost `y`. */
export const cheaper = (x: [number, number], y: [number, number]): boolean => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);

/** The removals one shrinking round tries, in order: each actor's actions, each fault, then halving chunks (ddmin). */
export function shrinkCandidates<S, A>(model: Model<S, A>, best: readonly A[]): A[][] {
  const removals: A[][] = [];
  for (const actor of new Set(best.map((a) => actorOf(model, a)))) removals.push(best.filter((a) => actorOf(model, a) !== actor));
  best.forEach((a, i) => {
    if (model.isFault?.(a)) removals.push([...best.slice(0, i), ...best.slice(i + 1)]);
  });
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let start = 0; start < best.length; start += chunk) removals.push([...best.slice(0, start), ...best.slice(start + chunk)]);
  }
  return removals;
}

/**
 * A shrunk action list that still reproduces `target` from `initial` (the list itself if nothing
 * smaller does). Bounded: at most `triesMax` re-executions.
 */
export function shrinkActions<S, A>(model: Model<S, A>, initial: S, actions: readonly A[], target: ShrinkTarget, triesMax = 20_000): A[] {
  let tries = 0;
  const attempt = (candidate: A[]): A[] | undefined => {
    if (tries++ >= triesMax) return undefined;
    let length: number | undefined;
    try {
      length = reproduces(model, initial, candidate, target);
    } catch (err) {
      throw modelThrew(model.name, 'a shrinking replay', err);
    }
    return length === undefined ? undefined : candidate.slice(0, length);
  };
  let best = attempt([...actions]) ?? [...actions];
  let improved = true;
  while (improved && tries < triesMax) {
    improved = false;
    for (const candidate of shrinkCandidates(model, best)) {
      const shrunk = attempt(candidate);
      if (shrunk !== undefined && cheaper(shrinkCost(model, shrunk), shrinkCost(model, best))) {
        best = shrunk;
        improved = true;
        break;
      }
    }
  }
  return best;
}

/**
 * A counterexample shrunk: its actions (from `init()[initialIndex]`, which is `initial`) shrunk,
 * then re-executed into a path whose every step is checked as the search's are.
 */
export function shrinkPath<S, A>(model: Model<S, A>, initialIndex: number, initial: S, actions: readonly A[], target: ShrinkTarget): Path<S, A> {
  return replayActionValues(model, initialIndex, shrinkActions(model, initial, actions, target));
}
