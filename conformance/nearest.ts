/**
 * Where a log stops being explained: the model states the search reached with every earlier event
 * explained, ranked by how near one of their steps comes to the first unexplained event (fields of
 * the event's action and state that no step matches, counted), and for each what it would need:
 * its enabled actions and the first field where its nearest step differs from the event.
 */
import { actorOf, callModel, enabledActionsOf, labelOf, successorOf, type Model } from '../model/index.js';
import type { LogEvent } from './events.js';
import { firstMismatch, mismatchCount, type Mismatch } from './match.js';

/** A node at the furthest position the search reached. */
export interface Candidate<S> {
  readonly id: number;
  readonly state: S;
  /** Unlogged steps since the last explained event. */
  readonly gap: number;
  /** Steps from the initial state. */
  readonly depth: number;
}

/** The step of a near state that comes closest to the event, and where it first differs. */
export interface ClosestStep<A> {
  readonly action: A;
  readonly label: string;
  /** What differs first: the action's fields, its actor, the datagram it delivers, or the state it leads to. */
  readonly part: 'action' | 'actor' | 'datagram' | 'state';
  /** The first differing field (for `actor`, the actor itself); none for `datagram`. */
  readonly mismatch?: Mismatch;
}

export interface NearState<A = unknown> {
  readonly id: number;
  readonly steps: number;
  readonly unlogged: number;
  /** Labels of the enabled actions, in the model's order (at most `ENABLED_SHOWN_MAX`). */
  readonly enabled: readonly string[];
  readonly enabledCount: number;
  /** Undefined when no action is enabled. */
  readonly closest?: ClosestStep<A>;
  /** Fields of the event no step of this state matches (Infinity with no action enabled). */
  readonly distance: number;
}

const ENABLED_SHOWN_MAX = 8;

/** The `shownMax` candidates nearest to `event`, best first (ties: fewer unlogged steps, then search order). */
export function nearestStates<S, A>(model: Model<S, A>, candidates: readonly Candidate<S>[], event: LogEvent | undefined, shownMax = 3): NearState<A>[] {
  if (event === undefined) return [];
  const ranked = candidates.map((c) => nearState(model, c, event));
  ranked.sort((x, y) => x.distance - y.distance || x.unlogged - y.unlogged || x.id - y.id);
  return ranked.slice(0, shownMax);
}

function nearState<S, A>(model: Model<S, A>, c: Candidate<S>, event: LogEvent): NearState<A> {
  const enabled = enabledActionsOf(model, c.state, c.depth);
  const label = (a: A): string => callModel(model.name, `label() at step ${c.depth + 1}`, () => labelOf(model, a));
  let best: { distance: number; closest?: ClosestStep<A> } = { distance: Infinity };
  for (const a of enabled) {
    const scored = scoreStep(model, c, event, a, label);
    if (scored.distance < best.distance) best = scored;
  }
  return {
    id: c.id,
    steps: c.depth,
    unlogged: c.gap,
    enabled: enabled.slice(0, ENABLED_SHOWN_MAX).map(label),
    enabledCount: enabled.length,
    distance: best.distance,
    ...(best.closest ? { closest: best.closest } : {}),
  };
}

/** How far the step `a` of candidate `c` is from explaining `event`, and what differs first. */
function scoreStep<S, A>(model: Model<S, A>, c: Candidate<S>, event: LogEvent, a: A, label: (a: A) => string): { distance: number; closest: ClosestStep<A> } {
  const actionOff = event.action === undefined ? 0 : mismatchCount(event.action, a, 'exact');
  const actor = event.actor === undefined ? undefined : callModel(model.name, `actor() at step ${c.depth + 1}`, () => actorOf(model, a));
  const actorOff = actor !== undefined && actor !== event.actor ? 1 : 0;
  const datagramOff = event.step !== undefined && !event.step(c.state, a) ? 1 : 0;
  const t = event.state === undefined ? undefined : successorOf(model, c.state, a, c.depth + 1);
  const stateOff = event.state === undefined ? 0 : mismatchCount(event.state, t, 'exact');
  const step = { action: a, label: label(a) };
  const closest: ClosestStep<A> =
    actionOff > 0 ? { ...step, part: 'action', mismatch: firstMismatch(event.action, a, 'exact') as Mismatch }
      : actorOff > 0 ? { ...step, part: 'actor', mismatch: { path: 'actor', observed: event.actor, model: actor } }
        : datagramOff > 0 ? { ...step, part: 'datagram' }
          : { ...step, part: 'state', ...(stateOff > 0 ? { mismatch: firstMismatch(event.state, t, 'exact') as Mismatch } : {}) };
  return { distance: actionOff + actorOff + datagramOff + stateOff, closest };
}
