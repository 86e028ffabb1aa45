/**
 * The explored state graph, for drawing (`sim check --dot`): a separate, bounded breadth-first
 * explorer over the model contract, so the search's hot path in bfs.ts stays as it is. It keeps
 * every state and edge as objects (a Map from fingerprint to node id), which is fine for the few
 * thousand states a drawing can show and is why it is bounded.
 */
import { fingerprint } from '../lib/index.js';
import { actorOf, callModel, enabledActionsOf, initialStatesOf, labelOf, successorOf, type Model } from '../model/index.js';
import type { Path } from './result.js';

export interface GraphNode {
  readonly id: number;
  readonly fingerprint: string;
  readonly state: unknown;
  /** BFS level; initial states are 0. */
  readonly depth: number;
  readonly initial: boolean;
  /** All its successors were computed (false on the frontier left by the bound). */
  expanded: boolean;
  /** No action is enabled here. */
  deadEnd: boolean;
}

export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  readonly actor: string;
}

export interface StateGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** Every reachable state is in the graph. */
  readonly complete: boolean;
}

/** Explores at most `statesMax` states of `model`, breadth-first. */
export function exploreStateGraph<S, A>(model: Model<S, A>, statesMax: number): StateGraph {
  const ids = new Map<string, number>();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const call = <T>(where: string, f: () => T): T => callModel(model.name, where, f);
  let complete = true;
  const add = (s: S, depth: number, initial: boolean): number | undefined => {
    const fp = call(`a state at depth ${depth}`, () => fingerprint(s));
    const known = ids.get(fp);
    if (known !== undefined) return known;
    if (nodes.length >= statesMax) {
      complete = false;
      return undefined;
    }
    const id = nodes.length;
    ids.set(fp, id);
    nodes.push({ id, fingerprint: fp, state: s, depth, initial, expanded: false, deadEnd: false });
    return id;
  };
  for (const s of initialStatesOf(model)) add(s, 0, true);
  // The node list is the queue: nodes are appended in BFS order and expanded by index.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as GraphNode;
    const s = node.state as S;
    const acts = enabledActionsOf(model, s, node.depth);
    node.deadEnd = acts.length === 0;
    let all = true;
    for (const a of acts) {
      const t = successorOf(model, s, a, node.depth + 1);
      const to = add(t, node.depth + 1, false);
      if (to === undefined) {
        all = false;
        continue;
      }
      edges.push({ from: node.id, to, label: call('label()', () => labelOf(model, a)), actor: call('actor()', () => actorOf(model, a)) });
    }
    node.expanded = all;
  }
  return { nodes, edges, complete };
}

/**
 * Adds a counterexample's states and edges to `graph` where the bound left them out, and returns
 * the node ids along it (initial state first), so the drawing can always highlight it.
 */
export function includePath(graph: StateGraph, path: Path): number[] {
  const ids = new Map(graph.nodes.map((n) => [n.fingerprint, n.id]));
  const idOf = (fp: string, state: unknown, depth: number): number => {
    const known = ids.get(fp);
    if (known !== undefined) return known;
    const id = graph.nodes.length;
    graph.nodes.push({ id, fingerprint: fp, state, depth, initial: depth === 0, expanded: false, deadEnd: false });
    ids.set(fp, id);
    return id;
  };
  const out = [idOf(path.initialFingerprint, path.initial, 0)];
  path.steps.forEach((step, i) => {
    const from = out[i] as number;
    const to = idOf(step.fingerprint, step.state, i + 1);
    if (!graph.edges.some((e) => e.from === from && e.to === to && e.label === step.label)) {
      graph.edges.push({ from, to, label: step.label, actor: step.actor });
    }
    out.push(to);
  });
  return out;
}
