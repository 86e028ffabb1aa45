// Goal: the DOT of a state graph is well formed, shows where the bound cut it, and highlights the counterexample.
// Method: explore TwoPhase (bounded and not); render DOT with and without a counterexample and check its structure line by line.
import { describe, expect, it } from 'vitest';
import { checker, exploreStateGraph } from '../../../checker/index.js';
import { stateGraphDot } from '../../../cli/reports/dot.js';
import { twophaseModel } from '../../../model/twophase/index.js';

/** A light well-formedness check: one digraph, balanced braces and quotes, every edge between declared nodes. */
function expectWellFormedDot(dot: string): { nodes: Set<string>; edges: string[] } {
  const lines = dot.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^digraph "[^"]*" \{$/);
  expect(lines.at(-1)).toBe('}');
  const nodes = new Set<string>();
  const edges: string[] = [];
  for (const line of lines.slice(1, -1)) {
    const unescaped = line.replace(/\\\\/g, '').replace(/\\"/g, '');
    expect((unescaped.match(/"/g) ?? []).length % 2, line).toBe(0);
    const node = /^ {2}(s\d+) \[.*\];$/.exec(line);
    const edge = /^ {2}(s\d+) -> (s\d+) \[.*\];$/.exec(line);
    if (edge) edges.push(line);
    else if (node) nodes.add(node[1] as string);
    else expect(line, 'graph attribute').toMatch(/^ {2}(label=".*"|labelloc=t|node \[.*\]|edge \[.*\]);$/);
  }
  for (const e of edges) {
    const [, from, to] = /^ {2}(s\d+) -> (s\d+)/.exec(e) as RegExpExecArray;
    expect(nodes.has(from as string) && nodes.has(to as string), e).toBe(true);
  }
  return { nodes, edges };
}

describe('stateGraphDot', () => {
  it('stops at the bound and marks the unexpanded frontier', () => {
    const g = exploreStateGraph(twophaseModel(3, 'none'), 20);
    expect(g.complete).toBe(false);
    expect(g.nodes).toHaveLength(20);
    expect(g.nodes.some((n) => !n.expanded)).toBe(true);
    const dot = stateGraphDot(g, { title: 'twophase' });
    expect(expectWellFormedDot(dot).nodes.size).toBe(20);
    expect(dot).toContain('style=dashed');
    expect(dot).toContain('(bounded by --max-states)');
  });

  it('highlights the counterexample path, adding it when the bound left it out', () => {
    const model = twophaseModel(3, 'commit-without-all-prepared');
    const r = checker(model).bfs();
    if (r.verdict !== 'violation') throw new Error('expected a violation');
    for (const bound of [1000, 1]) {
      const dot = stateGraphDot(exploreStateGraph(model, bound), { title: 'twophase', counterexample: { path: r.violation.path, name: 'TCConsistent' } });
      const { edges } = expectWellFormedDot(dot);
      const red = edges.filter((e) => e.includes('color=red'));
      expect(red.map((e) => /label="([^"]*)"/.exec(e)?.[1])).toEqual(['TMCommit', 'RMChooseToAbort(rm1)', 'RMRcvCommitMsg(rm2)']);
      expect(dot).toMatch(/fillcolor="#ffd6d6", xlabel="TCConsistent"/);
    }
  });
});
