/**
 * Shrinking a mismatch. Each round tries, in order: cutting the loops of the run (steps between
 * two visits of the same model state, longest first: a polling loop is such a cycle, and what
 * follows it stays enabled), then the removals trace/shrink.ts tries for counterexamples (each
 * actor's actions, each fault, halving chunks). A candidate is driven on the implementation again
 * and kept when the mismatch still shows and the run costs less. Asynchronous, as adapters are.
 */
import { enabledActionsOf, nextCall, stateFingerprint, successorOf, type Model } from '../model/index.js';
import { cheaper, shrinkCandidates, shrinkCost } from '../trace/index.js';

/** Candidates driven at most, each a reset and a run of the implementation. */
export const SHRINK_TRIES_MAX = 2000;

/**
 * The cheapest run found that still shows the mismatch. `shows(candidate)` drives a candidate
 * and gives the step where the mismatch shows (the candidate is cut there), or undefined.
 */
export async function shrinkMismatch<S, A>(
  model: Model<S, A>,
  initial: S,
  actions: readonly A[],
  shows: (candidate: readonly A[]) => Promise<number | undefined>,
  triesMax = SHRINK_TRIES_MAX,
): Promise<A[]> {
  let tries = 0;
  let best = [...actions];
  let improved = true;
  while (improved && tries < triesMax) {
    improved = false;
    for (const candidate of [...loopCuts(model, initial, best), ...shrinkCandidates(model, best)]) {
      if (tries++ >= triesMax) break;
      const step = await shows(candidate);
      if (step === undefined) continue;
      const cut = candidate.slice(0, step);
      if (cheaper(shrinkCost(model, cut), shrinkCost(model, best))) {
        best = cut;
        improved = true;
        break;
      }
    }
  }
  return best;
}

/** `actions` without each loop (the steps from a state back to the same state), longest loops first. */
export function loopCuts<S, A>(model: Model<S, A>, initial: S, actions: readonly A[]): A[][] {
  const firstVisit = new Map<string, number>();
  let state = initial;
  firstVisit.set(stateFingerprint(model, state, 'init()'), 0);
  const loops: [number, number][] = [];
  for (let k = 0; k < actions.length; k++) {
    // The run is one the model made, so each action is enabled; a throw here is the model's.
    enabledActionsOf(model, state, k);
    state = successorOf(model, state, actions[k] as A, k + 1);
    const key = stateFingerprint(model, state, nextCall(model, actions[k] as A, k + 1));
    const seen = firstVisit.get(key);
    if (seen === undefined) firstVisit.set(key, k + 1);
    else loops.push([seen, k + 1]);
  }
  loops.sort((x, y) => y[1] - y[0] - (x[1] - x[0]) || x[0] - y[0]);
  return loops.map(([from, to]) => [...actions.slice(0, from), ...actions.slice(to)]);
}
