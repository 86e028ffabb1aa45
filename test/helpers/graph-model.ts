// Random finite models for differential tests: a graph given as data, wrapped in the model
// contract, and an independent textbook BFS over the same graph to compare the checker against.
import { fc } from '@fast-check/vitest';
import type { Model } from '../../model/index.js';

export interface Graph {
  readonly initial: readonly number[];
  /** edges[v] lists successors of v in order; repeats and self-loops allowed. */
  readonly edges: readonly (readonly number[])[];
  readonly bad: readonly number[];
  readonly final: readonly number[];
}

export const graphArbitrary = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.record({
      initial: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
      edges: fc.array(fc.array(fc.nat(n - 1), { maxLength: 4 }), { minLength: n, maxLength: n }),
      bad: fc.array(fc.nat(n - 1), { maxLength: 2 }),
      final: fc.array(fc.nat(n - 1), { maxLength: n }),
    }),
  );

type State = { readonly v: number; readonly tag: { readonly parity: string } };
type Action = { readonly type: 'Go'; readonly to: number; readonly k: number };

/** States are objects (with a nested record) so fingerprints walk real structure. */
export function graphModel(g: Graph): Model<State, Action> {
  const state = (v: number): State => ({ v, tag: { parity: v % 2 === 0 ? 'even' : 'odd' } });
  return {
    name: 'graph',
    init: () => g.initial.map(state),
    actions: (s) => (g.edges[s.v] ?? []).map((to, k) => ({ type: 'Go', to, k })),
    next: (_s, a) => state(a.to),
    invariants: { NotBad: (s) => !g.bad.includes(s.v) },
    final: (s) => g.final.includes(s.v),
  };
}

export type Expected =
  | { verdict: 'ok'; distinctStates: number; transitions: number; depth: number }
  | { verdict: 'violation' | 'deadlock'; depth: number };

/**
 * The reference: a queue-of-vertices BFS with a plain Set. A violation is the shallowest bad
 * vertex; a deadlock the shallowest vertex without edges that is not final (checked when
 * expanded, after violations found while discovering shallower levels).
 */
export function referenceBfs(g: Graph, deadlocks = true): Expected {
  const level = new Map<number, number>();
  let frontier: number[] = [];
  for (const v of g.initial) {
    if (level.has(v)) continue;
    level.set(v, 0);
    if (g.bad.includes(v)) return { verdict: 'violation', depth: 0 };
    frontier.push(v);
  }
  let transitions = 0;
  let depth = 0;
  for (let d = 0; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      const out = g.edges[v] ?? [];
      if (out.length === 0 && deadlocks && !g.final.includes(v)) return { verdict: 'deadlock', depth: d };
      for (const w of out) {
        transitions++;
        if (level.has(w)) continue;
        level.set(w, d + 1);
        depth = d + 1;
        if (g.bad.includes(w)) return { verdict: 'violation', depth: d + 1 };
        next.push(w);
      }
    }
    frontier = next;
  }
  return { verdict: 'ok', distinctStates: level.size, transitions, depth };
}

/**
 * The same graph model with packing hooks and a compiled successor function (a vertex in two
 * bytes), to check the compiled route against the object route.
 */
export function compiledGraphModel(g: Graph): Model<State, Action> {
  const m = graphModel(g);
  const packed = (v: number): Uint8Array => Uint8Array.of(v & 0xff, v >> 8);
  const out = new Uint8Array(2);
  return {
    ...m,
    encode: (s) => packed(s.v),
    decode: (b) => m.next(m.init()[0] as State, { type: 'Go', to: (b[0] as number) | ((b[1] as number) << 8), k: 0 }),
    successors(bytes, emit) {
      for (const to of g.edges[(bytes[0] as number) | ((bytes[1] as number) << 8)] ?? []) {
        out[0] = to & 0xff;
        out[1] = to >> 8;
        emit(out);
      }
    },
  };
}
