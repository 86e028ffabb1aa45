/**
 * The report's state graph in the browser: dagre (inlined into the page) lays out the explored
 * states as ranked layers, and this draws them as SVG: a box per state named by its number (its
 * fields in the tooltip), an arrow per transition (its action in the tooltip), the counterexample's
 * path in red with its actions written beside it, initial states with a double border, states the
 * bound left unexpanded dashed, dead ends grey. The page embeds these functions' source: each uses
 * only its arguments and the other functions of this file.
 */
import type { ReportGraph } from '../graph-data.js';

/** The part of dagre's API the drawing uses. */
export interface DagreLib {
  readonly graphlib: { readonly Graph: new (options: { multigraph: boolean }) => DagreGraph };
  layout(g: DagreGraph): void;
}

interface DagreGraph {
  setGraph(label: Record<string, unknown>): void;
  setDefaultEdgeLabel(f: () => Record<string, unknown>): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(v: string, w: string, label: Record<string, unknown>, name: string): void;
  node(id: string): { x: number; y: number; width: number; height: number };
  edge(e: { v: string; w: string; name: string }): { points: { x: number; y: number }[] };
  graph(): { width?: number; height?: number };
}

export function escapeSvg(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function nodeClasses(graph: ReportGraph, id: number, onPath: Set<number>): string {
  const n = graph.nodes[id];
  const classes = ['node'];
  if (n?.initial) classes.push('initial');
  if (n?.frontier) classes.push('frontier');
  if (n?.deadEnd) classes.push('dead');
  if (onPath.has(id)) classes.push('path');
  if (graph.path.length > 0 && graph.path[graph.path.length - 1] === id) classes.push('last');
  return classes.join(' ');
}

/** Lays `graph` out with `lib` and returns the SVG text. */
export function graphSvg(graph: ReportGraph, lib: DagreLib): string {
  const g = new lib.graphlib.Graph({ multigraph: true });
  // tight-tree ranks a dense state graph in a tenth of the time network-simplex takes (1.3 s
  // against 10 s of processor time for 623 states and 2,507 transitions), with layers as clear.
  g.setGraph({ rankdir: 'TB', ranker: 'tight-tree', nodesep: 14, ranksep: 36, edgesep: 6, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(String(n.id), { width: 34 + 6 * String(n.id).length, height: 22 });
  // A step that leaves the state as it was is drawn as a loop on its box, not laid out as an edge.
  graph.edges.forEach((e, i) => {
    if (e.from !== e.to) g.setEdge(String(e.from), String(e.to), {}, `e${i}`);
  });
  lib.layout(g);
  const onPath = new Set(graph.path);
  const pathEdges = new Set(graph.path.slice(1).map((to, i) => `${graph.path[i]}>${to}`));
  const labelled = new Set<string>();
  let edges = '';
  graph.edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const points = g.edge({ v: String(e.from), w: String(e.to), name: `e${i}` }).points;
    const d = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
    const key = `${e.from}>${e.to}`;
    const hot = pathEdges.has(key);
    edges += `<path class="edge${hot ? ' path' : ''}" d="${d}" marker-end="url(#${hot ? 'graph-arrow-hot' : 'graph-arrow'})"><title>${escapeSvg(e.label)}</title></path>`;
    const mid = points[Math.floor(points.length / 2)];
    if (hot && mid !== undefined && !labelled.has(key)) {
      labelled.add(key);
      edges += `<text class="edge-label" x="${(mid.x + 6).toFixed(1)}" y="${(mid.y + 3).toFixed(1)}">${escapeSvg(e.label)}</text>`;
    }
  });
  let nodes = '';
  const loops = new Map<number, string[]>();
  for (const e of graph.edges) if (e.from === e.to) loops.set(e.from, [...(loops.get(e.from) ?? []), e.label]);
  for (const n of graph.nodes) {
    const p = g.node(String(n.id));
    const loop = loops.get(n.id);
    if (loop !== undefined) {
      const x = p.x + p.width / 2;
      edges += `<path class="edge" d="M${x.toFixed(1)},${(p.y - 5).toFixed(1)}C${(x + 16).toFixed(1)},${(p.y - 14).toFixed(1)} ${(x + 16).toFixed(1)},${(p.y + 14).toFixed(1)} ${x.toFixed(1)},${(p.y + 5).toFixed(1)}" marker-end="url(#graph-arrow)"><title>${escapeSvg(loop.join(', '))}</title></path>`;
    }
    const x = p.x - p.width / 2;
    const y = p.y - p.height / 2;
    nodes +=
      `<g class="${nodeClasses(graph, n.id, onPath)}" data-node="${n.id}"><title>state ${n.id}, depth ${n.depth}: ${escapeSvg(n.text)}</title>` +
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${p.width}" height="${p.height}" rx="4"/>` +
      `<text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}">${n.id}</text></g>`;
  }
  const size = g.graph();
  const width = Math.ceil(size.width ?? 100);
  const height = Math.ceil(size.height ?? 100);
  return `<svg class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${edges}${nodes}</svg>`;
}
