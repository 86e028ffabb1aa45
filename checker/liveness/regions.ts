/**
 * Where a run can avoid a goal forever: strongly connected components of the graph restricted to
 * the states without the goal (Tarjan's, iteratively), and among them the regions a fair run can
 * stay in (weak fairness; Streett's refinement for strong fairness).
 */
import type { Graph } from './graph.js';

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

/**
 * The regions a fair run can stay in forever without leaving `inside`: region[s] is the id of the
 * region holding s, or -1. Weak fairness: a strongly connected component with an edge inside it,
 * where every fair unit is taken inside or disabled somewhere in it. Strong fairness (Streett's
 * refinement): a component where some unit is enabled but never taken inside loses the states
 * enabling it, and what is left is split into components again.
 */
export function fairRegions(g: Graph, inside: Uint8Array, fair: readonly number[], strong: boolean): Int32Array {
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
