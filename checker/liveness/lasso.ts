/**
 * A liveness violation as a lasso: a shortest path to a trigger state from which a place that
 * avoids the goal forever is reachable without the goal, then a cycle there that meets every
 * fairness obligation (or a stutter), re-executed from the model like every counterexample.
 */
import { hexOf } from '../../lib/index.js';
import { replayActions, type LivenessProperty, type Model } from '../../model/index.js';
import type { Graph } from './graph.js';
import type { LivenessViolation } from './liveness.js';
import { fairRegions } from './regions.js';

/** The lasso of property `name`, or undefined when it holds. */
export function findLasso<S, A>(model: Model<S, A>, g: Graph, name: string, property: LivenessProperty<S>, trigger: Uint8Array, goal: Uint8Array, identify: (s: S) => string): LivenessViolation<S, A> | undefined {
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
    const path = replayActions(model, -(g.parent[root] as number) - 1, actionIndices, end, identify);
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

