/**
 * Liveness under weak fairness: `trigger` leads to `goal` (or `goal` eventually, from the initial
 * states), with the named actors weakly fair. Fairness is per kind of action of an actor (its
 * `type`): a fair actor's action kind that stays enabled is eventually taken, so an actor busy
 * with one activity (polling, say) cannot starve another of its own activities forever.
 * The whole reachable graph is built; then, among states where `goal` does not hold, a strongly
 * connected component that a fair run can cycle in forever (each fair actor is taken inside it or
 * disabled somewhere in it), or a state where the run may stutter forever (no fair actor enabled),
 * is a place a run can avoid `goal` forever. A violation is a lasso: a shortest path to a trigger
 * state from which such a place is reachable without `goal`, then a cycle that meets every fairness
 * obligation (or a stutter).
 */
import { hexOf } from '../lib/index.js';
import { askModel, callModel, fairnessUnitOf, unitActor, type LivenessProperty, type Model } from '../model/index.js';
import { replayIndices } from './counterexample.js';
import type { CheckOptions } from './options.js';
import type { Path } from './result.js';
import { Search } from './search.js';
import { StateIndex } from './state-index.js';

export interface LivenessViolation<S, A> {
  name: string;
  path: Path<S, A>;
  /** The step at which the trigger holds (0: the initial state). */
  triggerStep: number;
  /** The state after this step is the state after the last step: the cycle repeats from here. */
  loopStart: number;
  /** The run stays at the last state forever: no fair actor is enabled there. */
  stutter: boolean;
}

export type LivenessResult<S, A> =
  | { verdict: 'ok'; distinctStates: number; transitions: number }
  | { verdict: 'incomplete'; distinctStates: number; transitions: number }
  | { verdict: 'violation'; distinctStates: number; transitions: number; violation: LivenessViolation<S, A> };

/** The explored graph, edges in CSR form, each edge with its action index and actor. */
interface Graph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  edgeAction: Int32Array;
  edgeActor: Int32Array;
  parent: Int32Array;
  parentAction: Int32Array;
  /** Fairness units: an actor and a kind of action, as `actor␁kind`. */
  actors: string[];
  /** The actor of each unit. */
  unitActor: string[];
  /** enabled[s * actors.length + a]: unit a has an enabled action in state s. */
  enabled: Uint8Array;
  trigger: Uint8Array[];
  goal: Uint8Array[];
  fingerprints: Uint32Array;
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Explores every reachable state, keeping the edges; undefined when statesMax stops it. */
function buildGraph<S, A>(search: Search<S, A>, properties: [string, LivenessProperty<S>][]): Graph | undefined {
  const { model, fp, options } = search;
  const index = new StateIndex();
  const actorIds = new Map<string, number>();
  const actorsEnabled: number[][] = [];
  let offsets = new Int32Array(1024);
  let targets = new Int32Array(4096);
  let edgeAction = new Int32Array(4096);
  let edgeActor = new Int32Array(4096);
  let parent = new Int32Array(1024);
  let parentAction = new Int32Array(1024);
  let fingerprints = new Uint32Array(2048);
  let trigger = properties.map(() => new Uint8Array(1024));
  let goal = properties.map(() => new Uint8Array(1024));
  const queue: (S | undefined)[] = [];
  let edges = 0;

  const discover = (s: S, from: number, k: number): number => {
    const { id, added } = index.idOf(fp[0] as number, fp[1] as number);
    if (!added) return id;
    parent = grow(parent, id + 1);
    parentAction = grow(parentAction, id + 1);
    fingerprints = grow(fingerprints, 2 * id + 2);
    parent[id] = from;
    parentAction[id] = k;
    fingerprints[2 * id] = fp[0] as number;
    fingerprints[2 * id + 1] = fp[1] as number;
    trigger = trigger.map((t) => grow(t, id + 1));
    goal = goal.map((g) => grow(g, id + 1));
    properties.forEach(([name, p], i) => {
      const triggered = p.trigger === undefined ? from < 0 : askModel(model.name, `the trigger of liveness property ${name}`, p.trigger, s);
      (trigger[i] as Uint8Array)[id] = triggered ? 1 : 0;
      (goal[i] as Uint8Array)[id] = askModel(model.name, `the goal of liveness property ${name}`, p.goal, s) ? 1 : 0;
    });
    queue.push(s);
    return id;
  };

  const inits = search.initialStates();
  inits.forEach((s, i) => {
    search.hash(s, 'init()');
    discover(s, -1 - i, -1);
  });
  for (let id = 0; id < queue.length; id++) {
    if (queue.length > options.statesMax) return undefined;
    const s = queue[id] as S;
    queue[id] = undefined;
    offsets = grow(offsets, id + 2);
    offsets[id] = edges;
    const acts = search.actionsOf(s, 0);
    const enabledHere: number[] = [];
    search.expanding(s);
    acts.forEach((a, k) => {
      const actor = callModel(model.name, 'actor()', () => fairnessUnitOf(model, a));
      let actorId = actorIds.get(actor);
      if (actorId === undefined) actorIds.set(actor, (actorId = actorIds.size));
      if (!enabledHere.includes(actorId)) enabledHere.push(actorId);
      const t = search.successor(s, a, 0);
      const to = discover(t, id, k);
      targets = grow(targets, edges + 1);
      edgeAction = grow(edgeAction, edges + 1);
      edgeActor = grow(edgeActor, edges + 1);
      targets[edges] = to;
      edgeAction[edges] = k;
      edgeActor[edges] = actorId;
      edges++;
    });
    actorsEnabled[id] = enabledHere;
  }
  const n = queue.length;
  offsets = grow(offsets, n + 1);
  offsets[n] = edges;
  const actors = [...actorIds.keys()];
  const actorOfUnit = actors.map(unitActor);
  const enabled = new Uint8Array(n * actors.length);
  actorsEnabled.forEach((list, s) => list.forEach((a) => (enabled[s * actors.length + a] = 1)));
  return { n, offsets, targets, edgeAction, edgeActor, parent, parentAction, actors, unitActor: actorOfUnit, enabled, trigger, goal, fingerprints };
}

/** Tarjan's strongly connected components of the subgraph on `inside`, iteratively; comp[s] = -1 outside. */
function components(g: Graph, inside: Uint8Array): Int32Array {
  const comp = new Int32Array(g.n).fill(-1);
  const low = new Int32Array(g.n);
  const order = new Int32Array(g.n).fill(-1);
  const onStack = new Uint8Array(g.n);
  const stack: number[] = [];
  const call: { v: number; e: number }[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < g.n; root++) {
    if (!inside[root] || order[root] !== -1) continue;
    call.push({ v: root, e: g.offsets[root] as number });
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (call.length > 0) {
      const frame = call[call.length - 1] as { v: number; e: number };
      const v = frame.v;
      if (frame.e < (g.offsets[v + 1] as number)) {
        const w = g.targets[frame.e++] as number;
        if (!inside[w]) continue;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          call.push({ v: w, e: g.offsets[w] as number });
        } else if (onStack[w]) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      call.pop();
      if (call.length > 0) {
        const up = (call[call.length - 1] as { v: number }).v;
        low[up] = Math.min(low[up] as number, low[v] as number);
      }
      if (low[v] === order[v]) {
        for (;;) {
          const w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = comps;
          if (w === v) break;
        }
        comps++;
      }
    }
  }
  return comp;
}

/** Shortest path inside `allowed` from `from` to a state satisfying `isTarget`, as edge indices. */
function pathWithin(g: Graph, from: number, allowed: (s: number) => boolean, isTarget: (s: number) => boolean): number[] | undefined {
  if (isTarget(from)) return [];
  const via = new Int32Array(g.n).fill(-1);
  const seen = new Uint8Array(g.n);
  seen[from] = 1;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] as number;
    for (let e = g.offsets[v] as number; e < (g.offsets[v + 1] as number); e++) {
      const w = g.targets[e] as number;
      if (seen[w] || !allowed(w)) continue;
      seen[w] = 1;
      via[w] = e;
      if (isTarget(w)) {
        const edges: number[] = [];
        for (let at = w; at !== from; ) {
          const edge = via[at] as number;
          edges.push(edge);
          at = sourceOf(g, edge);
        }
        return edges.reverse();
      }
      queue.push(w);
    }
  }
  return undefined;
}

function sourceOf(g: Graph, edge: number): number {
  // Binary search in the CSR offsets: the state whose edge range holds `edge`.
  let lo = 0;
  let hi = g.n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((g.offsets[mid] as number) <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Checks every liveness property of the model; the first violated one (declaration order) is returned. */
export function checkLiveness<S, A>(model: Model<S, A>, options: CheckOptions): LivenessResult<S, A> {
  const properties = Object.entries(model.liveness ?? {}) as [string, LivenessProperty<S>][];
  const search = new Search(model, options);
  const g = buildGraph(search, properties);
  const counts = { distinctStates: g?.n ?? search.links.length, transitions: search.transitions };
  if (g === undefined) return { verdict: 'incomplete', ...counts };
  for (const [i, [name, property]] of properties.entries()) {
    const violation = findLasso(model, g, name, property, g.trigger[i] as Uint8Array, g.goal[i] as Uint8Array, search.identify);
    if (violation) return { verdict: 'violation', ...counts, violation };
  }
  return { verdict: 'ok', ...counts };
}

function findLasso<S, A>(model: Model<S, A>, g: Graph, name: string, property: LivenessProperty<S>, trigger: Uint8Array, goal: Uint8Array, identify: (s: S) => string): LivenessViolation<S, A> | undefined {
  const A = g.actors.length;
  const fair = g.actors.map((_, i) => i).filter((i) => property.fairActors === undefined || property.fairActors.includes(g.unitActor[i] as string));
  const inside = new Uint8Array(g.n);
  for (let s = 0; s < g.n; s++) inside[s] = goal[s] ? 0 : 1;
  const strong = property.fairness === 'strong';
  const region = fairRegions(g, inside, fair, strong);
  const stutterState = new Uint8Array(g.n);
  for (let s = 0; s < g.n; s++) stutterState[s] = inside[s] && fair.every((a) => !g.enabled[s * A + a]) ? 1 : 0;
  const isBad = (s: number): boolean => inside[s] === 1 && (stutterState[s] === 1 || (region[s] as number) >= 0);

  // Trigger states in BFS order (shortest prefix first) from which a bad place is reachable without goal.
  for (let t = 0; t < g.n; t++) {
    if (!trigger[t] || goal[t]) continue;
    const toBad = pathWithin(g, t, (s) => inside[s] === 1, isBad);
    if (toBad === undefined) continue;
    const b = toBad.length > 0 ? (g.targets[toBad[toBad.length - 1] as number] as number) : t;
    const cycle = stutterState[b] ? [] : fairCycle(g, b, region, fair, strong);
    const prefix: number[] = [];
    for (let at = t; (g.parent[at] as number) >= 0; at = g.parent[at] as number) prefix.push(g.parentAction[at] as number);
    prefix.reverse();
    let root = t;
    while ((g.parent[root] as number) >= 0) root = g.parent[root] as number;
    const actionIndices = [...prefix, ...toBad.map((e) => g.edgeAction[e] as number), ...cycle.map((e) => g.edgeAction[e] as number)];
    const end = hexOf(g.fingerprints[2 * b] as number, g.fingerprints[2 * b + 1] as number);
    const path = replayIndices(model, -(g.parent[root] as number) - 1, actionIndices, end, identify);
    return { name, path, triggerStep: prefix.length, loopStart: prefix.length + toBad.length, stutter: cycle.length === 0 };
  }
  return undefined;
}

/**
 * A cycle from `b` back to `b` inside its fair region that meets every fair unit's obligation:
 * under weak fairness the unit is taken or the cycle passes a state where it is disabled; under
 * strong fairness every unit the region enables is taken.
 */
function fairCycle(g: Graph, b: number, region: Int32Array, fair: number[], strong: boolean): number[] {
  const A = g.actors.length;
  const c = region[b] as number;
  const within = (s: number): boolean => region[s] === c;
  const edges: number[] = [];
  let at = b;
  const walk = (isTarget: (s: number) => boolean): void => {
    const p = pathWithin(g, at, within, isTarget) as number[];
    edges.push(...p);
    if (p.length > 0) at = g.targets[p[p.length - 1] as number] as number;
  };
  for (const a of fair) {
    const disabledAt = (s: number): boolean => within(s) && !g.enabled[s * A + a];
    if (strong) {
      let enabledInRegion = false;
      for (let s = 0; s < g.n && !enabledInRegion; s++) enabledInRegion = within(s) && g.enabled[s * A + a] === 1;
      if (!enabledInRegion) continue;
    } else if (pathWithin(g, at, within, disabledAt) !== undefined) {
      walk(disabledAt);
      continue;
    }
    // Go to the source of an internal edge of actor a, and take it.
    const hasEdge = (s: number): boolean => {
      for (let e = g.offsets[s] as number; e < (g.offsets[s + 1] as number); e++) if (g.edgeActor[e] === a && within(g.targets[e] as number)) return true;
      return false;
    };
    walk(hasEdge);
    for (let e = g.offsets[at] as number; e < (g.offsets[at + 1] as number); e++) {
      if (g.edgeActor[e] === a && within(g.targets[e] as number)) {
        edges.push(e);
        at = g.targets[e] as number;
        break;
      }
    }
  }
  // Back to b; a cycle needs at least one step.
  if (at === b && edges.length === 0) {
    const first = pathWithin(g, b, within, (s) => s !== b) ?? [];
    edges.push(...first);
    if (first.length > 0) at = g.targets[first[first.length - 1] as number] as number;
    else {
      for (let e = g.offsets[b] as number; e < (g.offsets[b + 1] as number); e++) if (g.targets[e] === b) return [e];
    }
  }
  const home = pathWithin(g, at, within, (s) => s === b);
  if (home === undefined) return edges;
  if (home.length === 0 && at === b) return edges;
  return [...edges, ...home];
}

/**
 * The regions a fair run can stay in forever without leaving `inside`: region[s] is the id of the
 * region holding s, or -1. Weak fairness: a strongly connected component with an edge inside it,
 * where every fair unit is taken inside or disabled somewhere in it. Strong fairness (Streett's
 * refinement): a component where some unit is enabled but never taken inside loses the states
 * enabling it, and what is left is split into components again.
 */
function fairRegions(g: Graph, inside: Uint8Array, fair: readonly number[], strong: boolean): Int32Array {
  const A = g.actors.length;
  const region = new Int32Array(g.n).fill(-1);
  let regions = 0;
  const work: Uint8Array[] = [inside];
  while (work.length > 0) {
    const mask = work.pop() as Uint8Array;
    const comp = components(g, mask);
    const members = new Map<number, number[]>();
    for (let s = 0; s < g.n; s++) {
      const c = comp[s] as number;
      if (c < 0) continue;
      const list = members.get(c);
      if (list) list.push(s);
      else members.set(c, [s]);
    }
    for (const [c, states] of members) {
      let internal = false;
      const taken = new Uint8Array(A);
      const enabledSomewhere = new Uint8Array(A);
      const disabledSomewhere = new Uint8Array(A);
      for (const s of states) {
        for (const a of fair) {
          if (g.enabled[s * A + a]) enabledSomewhere[a] = 1;
          else disabledSomewhere[a] = 1;
        }
        for (let e = g.offsets[s] as number; e < (g.offsets[s + 1] as number); e++) {
          if (comp[g.targets[e] as number] !== c) continue;
          internal = true;
          taken[g.edgeActor[e] as number] = 1;
        }
      }
      if (!internal) continue;
      if (!strong) {
        if (fair.every((a) => taken[a] || disabledSomewhere[a])) for (const s of states) region[s] = regions;
        regions++;
        continue;
      }
      const unfair = fair.filter((a) => enabledSomewhere[a] && !taken[a]);
      if (unfair.length === 0) {
        for (const s of states) region[s] = regions;
        regions++;
        continue;
      }
      const rest = new Uint8Array(g.n);
      let any = false;
      for (const s of states) {
        if (unfair.some((a) => g.enabled[s * A + a])) continue;
        rest[s] = 1;
        any = true;
      }
      if (any) work.push(rest);
    }
  }
  return region;
}
