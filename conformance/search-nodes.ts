/**
 * The validation search's nodes: (model state, log position, unlogged steps since the last logged
 * one), each with its parent and the action index that led to it, in growable typed arrays (no
 * object per node), so a path is rebuilt by re-executing the model from an initial state.
 */

/** Grows an Int32Array to hold at least `n` entries, by doubling. */
function grown(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

export class SearchNodes {
  /** Parent node id; an initial node holds -(initial state index + 1). */
  private parents = new Int32Array(1024);
  /** Index of the action in `actions(parent state)`; -1 for an initial node. */
  private actions = new Int32Array(1024);
  /** Events explained on the path to the node. */
  private positions = new Int32Array(1024);
  /** Unlogged steps since the last explained event. */
  private gaps = new Int32Array(1024);
  /** Steps from the initial state. */
  private depths = new Int32Array(1024);
  length = 0;

  /** Adds a node; returns its id. */
  push(parent: number, action: number, position: number, gap: number, depth: number): number {
    const id = this.length;
    if (id === this.parents.length) {
      this.parents = grown(this.parents, id + 1);
      this.actions = grown(this.actions, id + 1);
      this.positions = grown(this.positions, id + 1);
      this.gaps = grown(this.gaps, id + 1);
      this.depths = grown(this.depths, id + 1);
    }
    this.parents[id] = parent;
    this.actions[id] = action;
    this.positions[id] = position;
    this.gaps[id] = gap;
    this.depths[id] = depth;
    this.length = id + 1;
    return id;
  }

  parent(id: number): number {
    return this.parents[id] as number;
  }

  position(id: number): number {
    return this.positions[id] as number;
  }

  gap(id: number): number {
    return this.gaps[id] as number;
  }

  depth(id: number): number {
    return this.depths[id] as number;
  }

  /**
   * The path to node `id`: the initial state's index, the action indices from it, and for each
   * event explained on the way the step that explains it (0: the initial state itself).
   */
  pathTo(id: number): { initialIndex: number; actionIndices: number[]; eventSteps: number[] } {
    const chain: number[] = [];
    for (let at = id; ; at = this.parent(at)) {
      chain.push(at);
      if (this.parent(at) < 0) break;
    }
    chain.reverse();
    const root = chain[0] as number;
    const eventSteps: number[] = [];
    if (this.position(root) > 0) eventSteps.push(0);
    const actionIndices: number[] = [];
    for (let step = 1; step < chain.length; step++) {
      const node = chain[step] as number;
      actionIndices.push(this.actions[node] as number);
      if (this.position(node) > this.position(chain[step - 1] as number)) eventSteps.push(step);
    }
    return { initialIndex: -this.parent(root) - 1, actionIndices, eventSteps };
  }
}
