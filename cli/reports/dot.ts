/**
 * A state graph in Graphviz DOT: one box per state (its fields, one per line), one arrow per
 * transition labelled with the action, initial states with a double border, states whose
 * successors the bound cut off dashed, dead ends grey; the counterexample path in bold red, its
 * last state filled.
 */
import { includePath, type Path, type StateGraph } from '../../checker/index.js';
import { canonicalJson } from '../../lib/index.js';

export interface DotOptions {
  readonly title: string;
  /** The counterexample to highlight, and what it violates. */
  readonly counterexample?: { readonly path: Path; readonly name: string };
  /** Longest label line, in characters. */
  readonly labelWidthMax?: number;
}

/** Escapes text for a double-quoted DOT string. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** `field: value` lines of a state, left-aligned (`\l`), each cut to `width`. */
function stateLabel(state: unknown, width: number): string {
  const lines =
    state !== null && typeof state === 'object' && !Array.isArray(state)
      ? Object.keys(state)
          .sort()
          .map((k) => `${k}: ${canonicalJson((state as Record<string, unknown>)[k])}`)
      : [canonicalJson(state)];
  const escaped = lines.map((l) => cut(l, width).replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
  return `"${escaped.join('\\l')}\\l"`;
}

/** The DOT text of `graph`; with a counterexample, its path is added if missing and highlighted. */
export function stateGraphDot(graph: StateGraph, options: DotOptions): string {
  const width = options.labelWidthMax ?? 60;
  const pathIds = options.counterexample ? includePath(graph, options.counterexample.path) : [];
  const onPath = new Set(pathIds);
  const pathEdges = new Set(pathIds.slice(1).map((to, i) => `${pathIds[i]}->${to}`));
  const last = pathIds[pathIds.length - 1];
  const out = [
    `digraph ${quoted(options.title)} {`,
    `  label=${quoted(`${options.title}: ${graph.nodes.length} states, ${graph.edges.length} transitions${graph.complete ? '' : ' (bounded by --max-states)'}`)};`,
    '  labelloc=t;',
    '  node [shape=box, fontname="monospace", fontsize=10];',
    '  edge [fontname="monospace", fontsize=9];',
  ];
  for (const n of graph.nodes) {
    const attrs = new Map<string, string>([['label', stateLabel(n.state, width)]]);
    if (n.initial) attrs.set('peripheries', '2');
    if (!n.expanded && !n.deadEnd) attrs.set('style', 'dashed');
    if (n.deadEnd) attrs.set('color', 'gray40');
    if (onPath.has(n.id)) attrs.set('color', 'red').set('penwidth', '2');
    if (n.id === last && options.counterexample) {
      attrs.set('style', '"filled,bold"').set('fillcolor', '"#ffd6d6"').set('xlabel', quoted(options.counterexample.name));
    }
    out.push(`  s${n.id} [${[...attrs].map(([k, v]) => `${k}=${v}`).join(', ')}];`);
  }
  for (const e of graph.edges) {
    const highlighted = pathEdges.has(`${e.from}->${e.to}`);
    const attrs = [`label=${quoted(e.label)}`, ...(highlighted ? ['color=red', 'fontcolor=red', 'penwidth=2.5'] : [])];
    out.push(`  s${e.from} -> s${e.to} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
