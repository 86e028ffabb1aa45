/**
 * The explored state graph of a check, for the report's drawing: at most `statesMax` states in
 * breadth-first order (as `--dot` draws them), the counterexample's path added where the bound
 * left it out, and each state's fields as text for its tooltip. The page lays it out.
 */
import { exploreStateGraph, includePath, type Path } from '../../../checker/index.js';
import type { Model } from '../../../model/index.js';
import { inlineJson } from '../../../trace/index.js';

export interface ReportGraphNode {
  readonly id: number;
  readonly depth: number;
  readonly initial: boolean;
  /** The bound left its successors unexplored. */
  readonly frontier: boolean;
  /** No action is enabled here. */
  readonly deadEnd: boolean;
  /** The state, as one line of text (cut). */
  readonly text: string;
}

export interface ReportGraph {
  readonly nodes: readonly ReportGraphNode[];
  readonly edges: readonly { readonly from: number; readonly to: number; readonly label: string }[];
  /** Node ids along the counterexample, initial state first (empty when there is none). */
  readonly path: readonly number[];
  /** Every reachable state is drawn. */
  readonly complete: boolean;
  /** What the last state on the path breaks. */
  readonly violation?: string;
}

/** The graph's states are shown in tooltips; a long one is cut here. */
const TEXT_MAX = 600;

/**
 * States a report's graph holds when --max-states does not lower it. More are unreadable as a
 * drawing, and the browser lays them out when the graph is opened: about a second of processor
 * time for 500 states of a dense graph.
 */
export const GRAPH_STATES_DEFAULT = 500;

export function reportGraph(model: Model<unknown, unknown>, statesMax: number, counterexample?: { readonly path: Path; readonly name: string }): ReportGraph {
  const graph = exploreStateGraph(model, statesMax);
  const path = counterexample ? includePath(graph, counterexample.path) : [];
  return {
    nodes: graph.nodes.map((n) => {
      const text = inlineJson(n.state);
      return {
        id: n.id, depth: n.depth, initial: n.initial, frontier: !n.expanded && !n.deadEnd, deadEnd: n.deadEnd,
        text: text.length <= TEXT_MAX ? text : `${text.slice(0, TEXT_MAX - 1)}…`,
      };
    }),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, label: e.label })),
    path,
    complete: graph.complete,
    ...(counterexample ? { violation: counterexample.name } : {}),
  };
}
