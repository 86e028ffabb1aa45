/**
 * The whole reachable graph of a model, for liveness: every state gets an id (in BFS order), and
 * its edges are kept in CSR form, each with its action index and its fairness unit, beside what
 * each property's trigger and goal say of the state. States themselves are not kept.
 */
import { askModel, callModel, fairnessUnitOf, initialStatesOf, unitActor, type LivenessProperty } from '../../model/index.js';
import { actionsOf, successorIn, type SearchContext } from '../context/context.js';
import type { StateHash } from '../context/hasher.js';
import { StateIndex } from '../store/state-index.js';

/** The explored graph, edges in CSR form, each edge with its action index and actor. */
export interface Graph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  edgeAction: Int32Array;
  edgeActor: Int32Array;
  parent: Int32Array;
  parentAction: Int32Array;
  /** Fairness units: an actor and a kind of action, as `actor␁kind`. */
  actors: string[];
  /** The actor of each unit. */
  unitActor: string[];
  /** enabled[s * actors.length + a]: unit a has an enabled action in state s. */
  enabled: Uint8Array;
  trigger: Uint8Array[];
  goal: Uint8Array[];
  fingerprints: Uint32Array;
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Explores every reachable state, keeping the edges; undefined when statesMax stops it. */
export function buildGraph<S, A>(ctx: SearchContext<S, A>, properties: [string, LivenessProperty<S>][]): Graph | undefined {
  const builder = new GraphBuilder(ctx, properties);
  initialStatesOf(ctx.model).forEach((s, i) => {
    builder.discover(s, ctx.hasher.state(s, 'init()'), -1 - i, -1);
  });
  for (let id = 0; id < builder.queue.length; id++) {
    if (builder.queue.length > ctx.options.statesMax) return undefined;
    builder.expand(id);
  }
  return builder.graph();
}

/** The graph as it is found: states numbered as discovered, edges appended in BFS order. */
class GraphBuilder<S, A> {
  readonly queue: (S | undefined)[] = [];
  private readonly index = new StateIndex();
  private readonly actorIds = new Map<string, number>();
  private readonly actorsEnabled: number[][] = [];
  private offsets = new Int32Array(1024);
  private targets = new Int32Array(4096);
  private edgeAction = new Int32Array(4096);
  private edgeActor = new Int32Array(4096);
  private parent = new Int32Array(1024);
  private parentAction = new Int32Array(1024);
  private fingerprints = new Uint32Array(2048);
  private trigger: Uint8Array[];
  private goal: Uint8Array[];
  private edges = 0;

  constructor(private readonly ctx: SearchContext<S, A>, private readonly properties: [string, LivenessProperty<S>][]) {
    this.trigger = properties.map(() => new Uint8Array(1024));
    this.goal = properties.map(() => new Uint8Array(1024));
  }

  /** The id of state `s` (hashed to `h`), reached from `from` by action `k`; a new state is judged and queued. */
  discover(s: S, h: StateHash, from: number, k: number): number {
    const { id, added } = this.index.idOf(h.hi, h.lo);
    if (!added) return id;
    this.parent = grow(this.parent, id + 1);
    this.parentAction = grow(this.parentAction, id + 1);
    this.fingerprints = grow(this.fingerprints, 2 * id + 2);
    this.parent[id] = from;
    this.parentAction[id] = k;
    this.fingerprints[2 * id] = h.hi;
    this.fingerprints[2 * id + 1] = h.lo;
    this.trigger = this.trigger.map((t) => grow(t, id + 1));
    this.goal = this.goal.map((g) => grow(g, id + 1));
    const name = this.ctx.model.name;
    this.properties.forEach(([property, p], i) => {
      const triggered = p.trigger === undefined ? from < 0 : askModel(name, `the trigger of liveness property ${property}`, p.trigger, s);
      (this.trigger[i] as Uint8Array)[id] = triggered ? 1 : 0;
      (this.goal[i] as Uint8Array)[id] = askModel(name, `the goal of liveness property ${property}`, p.goal, s) ? 1 : 0;
    });
    this.queue.push(s);
    return id;
  }

  /** The edges of state `id`, each with its action index and fairness unit. */
  expand(id: number): void {
    const { ctx } = this;
    const { model, hasher } = ctx;
    const s = this.queue[id] as S;
    this.queue[id] = undefined;
    this.offsets = grow(this.offsets, id + 2);
    this.offsets[id] = this.edges;
    const acts = actionsOf(ctx, s, 0);
    const enabledHere: number[] = [];
    hasher.parent(s);
    acts.forEach((a, k) => {
      const unit = callModel(model.name, 'actor()', () => fairnessUnitOf(model, a));
      let unitId = this.actorIds.get(unit);
      if (unitId === undefined) this.actorIds.set(unit, (unitId = this.actorIds.size));
      if (!enabledHere.includes(unitId)) enabledHere.push(unitId);
      const t = successorIn(ctx, s, a, 0);
      const to = this.discover(t, hasher.successor(t, a, 0), id, k);
      this.addEdge(to, k, unitId);
    });
    this.actorsEnabled[id] = enabledHere;
  }

  graph(): Graph {
    const n = this.queue.length;
    this.offsets = grow(this.offsets, n + 1);
    this.offsets[n] = this.edges;
    const actors = [...this.actorIds.keys()];
    const enabled = new Uint8Array(n * actors.length);
    this.actorsEnabled.forEach((list, s) => list.forEach((a) => (enabled[s * actors.length + a] = 1)));
    const { offsets, targets, edgeAction, edgeActor, parent, parentAction, trigger, goal, fingerprints } = this;
    return { n, offsets, targets, edgeAction, edgeActor, parent, parentAction, actors, unitActor: actors.map(unitActor), enabled, trigger, goal, fingerprints };
  }

  private addEdge(to: number, k: number, unitId: number): void {
    const e = this.edges;
    this.targets = grow(this.targets, e + 1);
    this.edgeAction = grow(this.edgeAction, e + 1);
    this.edgeActor = grow(this.edgeActor, e + 1);
    this.targets[e] = to;
    this.edgeAction[e] = k;
    this.edgeActor[e] = unitId;
    this.edges = e + 1;
  }
}
