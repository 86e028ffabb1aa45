// Goal: the --dot explorer finds the same graph as the search (TwoPhase rm=3: 288 states, 1,145 transitions).
// Method: explore TwoPhase directly and count its nodes and edges.
import { describe, expect, it } from 'vitest';
import { exploreStateGraph } from '../../checker/index.js';
import { twophaseModel } from '../../model/twophase/index.js';

describe('exploreStateGraph', () => {
  it('finds every TwoPhase rm=3 state and transition', () => {
    const g = exploreStateGraph(twophaseModel(3, 'none'), 10_000);
    expect(g).toMatchObject({ complete: true });
    expect(g.nodes).toHaveLength(288);
    expect(g.edges).toHaveLength(1145);
  });
});
