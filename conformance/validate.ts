/**
 * `sim validate`'s search: does some behaviour of the model explain a log? A breadth-first search
 * over nodes (model state, events explained, unlogged steps since the last explained one), each
 * deduplicated by a 64-bit fingerprint of the three (and skipped when the same state and position
 * were reached with fewer unlogged steps), so the search is exact and bounded: a step
 * whose action (and actor, and any capture test) matches the next event and whose successor
 * matches its state explains that event; any other step is an unlogged one, allowed `gap` times
 * in a row (not for steps a log always records). The first node to explain every event ends the
 * search with a shortest explaining path. When the model explains each event one way, each event
 * costs one expansion, so the cost grows linearly with the log.
 */
import { fingerprint } from '../lib/index.js';
import {
  actorOf, callModel, enabledActionsOf, initialStatesOf, nextCall, replayActions, stateFingerprintInto, successorOf, type Model, type Path,
} from '../model/index.js';
import { FingerprintTable } from '../checker/index.js';
import type { LogEvent } from './events.js';
import { matches } from './match.js';
import { nearestStates, type Candidate, type NearState } from './nearest.js';
import { SearchNodes } from './search-nodes.js';

export interface ValidateOptions {
  /** Unlogged steps allowed between two logged ones (and before the first). */
  readonly gap: number;
  /** Steps a log always records, which are never unlogged (a capture sees every delivery). */
  readonly observable?: (action: unknown) => boolean;
  /** Search nodes at most; reaching it ends the search as incomplete. */
  readonly nodesMax?: number;
  readonly onProgress?: (p: ValidateProgress) => void;
  /** Milliseconds, for rates only (the engine never reads a clock itself). */
  readonly clock?: () => number;
}

export interface ValidateProgress {
  readonly explained: number;
  readonly events: number;
  readonly nodes: number;
  readonly elapsedMs: number;
}

export interface ValidateResult<S = unknown, A = unknown> {
  readonly verdict: 'explained' | 'unexplained' | 'incomplete';
  readonly events: number;
  /** Events explained, from the first: all of them when explained. */
  readonly explainedPrefix: number;
  /** The explaining path, or the path that explains the longest prefix. */
  readonly path: Path<S, A>;
  /** For each explained event, the step of `path` that explains it (0: the initial state). */
  readonly eventSteps: readonly number[];
  /** Where the search stopped: the model states nearest to the first unexplained event, best first. */
  readonly nearest: readonly NearState<A>[];
  readonly distinctStates: number;
  readonly searchNodes: number;
  readonly elapsedMs: number;
}

/** Candidates kept at the furthest position for the nearest-state report. */
const CANDIDATES_MAX = 1000;
const PROGRESS_EVERY = 4096;

export function validateLog<S, A>(model: Model<S, A>, events: readonly LogEvent[], options: ValidateOptions): ValidateResult<S, A> {
  const clock = options.clock ?? (() => 0);
  const started = clock();
  const nodes = new SearchNodes();
  const seen = new FingerprintTable();
  const distinct = new FingerprintTable();
  const fp = new Uint32Array(2);
  const queue: S[] = [];
  const queueIds: number[] = [];
  let head = 0;
  let found = -1;
  let foundState: S | undefined;
  let best = { position: -1, candidates: [] as Candidate<S>[] };

  /** Adds the node (state, position, gap) unless seen; where: the model call the state came from. */
  const add = (state: S, parent: number, action: number, position: number, gap: number, depth: number, where: () => string): void => {
    stateFingerprintInto(model, state, fp, where);
    distinct.add(fp[0] as number, fp[1] as number);
    // A node reached with fewer unlogged steps can do all this one can: this one is not needed.
    for (let fewer = 0; fewer < gap; fewer++) {
      if (seen.has(keyHi(fp, position, fewer), keyLo(fp, position, fewer))) return;
    }
    if (!seen.add(keyHi(fp, position, gap), keyLo(fp, position, gap))) return;
    const id = nodes.push(parent, action, position, gap, depth);
    if (position > best.position) best = { position, candidates: [] };
    if (position === best.position && best.candidates.length < CANDIDATES_MAX) best.candidates.push({ id, state, gap, depth });
    if (position === events.length && found < 0) {
      found = id;
      foundState = state;
    }
    queue.push(state);
    queueIds.push(id);
  };

  initialStatesOf(model).forEach((s, i) => {
    add(s, -(i + 1), -1, 0, 0, 0, () => 'init()');
    const first = events[0];
    if (first !== undefined && first.action === undefined && first.actor === undefined && first.step === undefined && matches(first.state, s, 'exact')) {
      add(s, -(i + 1), -1, 1, 0, 0, () => 'init()');
    }
  });

  let incomplete = false;
  while (head < queue.length && found < 0) {
    if (options.nodesMax !== undefined && nodes.length >= options.nodesMax) {
      incomplete = true;
      break;
    }
    const s = queue[head] as S;
    const id = queueIds[head] as number;
    // Released at once: a long log's states would otherwise stay reachable until the next trim.
    queue[head] = undefined as S;
    head++;
    expand(model, s, id, nodes, events, options, add);
    if (head % PROGRESS_EVERY === 0) {
      options.onProgress?.({ explained: best.position, events: events.length, nodes: nodes.length, elapsedMs: clock() - started });
      // The processed part of the queue is dropped now and then, so it holds only the frontier.
      if (head > 65_536) {
        queue.splice(0, head);
        queueIds.splice(0, head);
        head = 0;
      }
    }
  }
  const verdict = found >= 0 ? 'explained' : incomplete ? 'incomplete' : 'unexplained';
  const nearest = found >= 0 ? [] : nearestStates(model, best.candidates, events[best.position]);
  const end = found >= 0 ? { id: found, state: foundState as S } : pick(best.candidates, nearest);
  const { initialIndex, actionIndices, eventSteps } = nodes.pathTo(end.id);
  const path = replayActions(model, initialIndex, actionIndices, fingerprint(end.state));
  return {
    verdict,
    events: events.length,
    explainedPrefix: best.position,
    path,
    eventSteps,
    nearest,
    distinctStates: distinct.size,
    searchNodes: nodes.length,
    elapsedMs: clock() - started,
  };
}

/** The search key of (state, position, gap): the state's 64-bit fingerprint mixed with the two counts. */
const keyHi = (fp: Uint32Array, position: number, gap: number): number => (fp[0] as number) ^ Math.imul(position + 1, 0x9e3779b1) ^ Math.imul(gap + 1, 0x85ebca6b);
const keyLo = (fp: Uint32Array, position: number, gap: number): number => (fp[1] as number) + Math.imul(position + 1, 0xc2b2ae35) + Math.imul(gap + 1, 0x27d4eb2f);

type Add<S> = (state: S, parent: number, action: number, position: number, gap: number, depth: number, where: () => string) => void;

/** Every successor of node `id`: one that explains the next event, and one that is an unlogged step while the gap allows. */
function expand<S, A>(model: Model<S, A>, s: S, id: number, nodes: SearchNodes, events: readonly LogEvent[], options: ValidateOptions, add: Add<S>): void {
  const position = nodes.position(id);
  const gap = nodes.gap(id);
  const depth = nodes.depth(id);
  const event = events[position] as LogEvent;
  const enabled = enabledActionsOf(model, s, depth);
  for (let k = 0; k < enabled.length; k++) {
    const a = enabled[k] as A;
    let explains = event.action === undefined || matches(event.action, a, 'exact');
    if (explains && event.actor !== undefined) explains = callModel(model.name, `actor() at step ${depth + 1}`, () => actorOf(model, a)) === event.actor;
    if (explains && event.step !== undefined) explains = event.step(s, a);
    const unlogged = gap < options.gap && !(options.observable?.(a) ?? false);
    if (!explains && !unlogged) continue;
    const t = successorOf(model, s, a, depth + 1);
    const where = (): string => nextCall(model, a, depth + 1);
    if (explains && (event.state === undefined || matches(event.state, t, 'exact'))) add(t, id, k, position + 1, 0, depth + 1, where);
    if (unlogged) add(t, id, k, position, gap + 1, depth + 1, where);
  }
}

/** The candidate the report names first (its path is the one saved). */
function pick<S, A>(candidates: readonly Candidate<S>[], nearest: readonly NearState<A>[]): { id: number; state: S } {
  const first = nearest[0];
  const chosen = candidates.find((c) => c.id === first?.id) ?? (candidates[0] as Candidate<S>);
  return { id: chosen.id, state: chosen.state };
}
