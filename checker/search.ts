/**
 * What every search strategy shares: the seen set and parent links, invariant and witness
 * evaluation, guarded calls into the model, determinism sampling, coverage counts, and the
 * construction of results. The strategies (bfs, dfs, random walks) only decide the order.
 */
import { ModelError, canonicalJson, fingerprint, fingerprintBytesInto, fingerprintInto, fingerprintSuccessorInto, hexOf, setFingerprintParent } from '../lib/index.js';
import {
  askModel, booleanAnswer, enabledActionsOf, initialStatesOf, isStateShaped, kindOf, labelOf, modelNondeterministic, modelThrew, nextCall, notAState,
  successorOf, type Model,
} from '../model/index.js';
import { rebuildPath, stateAt } from './counterexample.js';
import type { CheckOptions } from './options.js';
import type { CheckResult, CheckStats, Coverage } from './result.js';
import { FingerprintTable, ParentLinks } from './visited.js';

type IncompleteReason = 'statesMax' | 'depthMax' | 'memoryMax' | 'sampled';
type Predicates<S> = readonly (readonly [string, (s: S) => boolean])[];

/** The counters a checkpoint carries besides the table, the links and the queue. */
export interface SearchCounters {
  transitions: number;
  depth: number;
  elapsedMs: number;
  reachedWitnesses: string[];
  /** With coverage on: times each action type fired, and the types ever enabled. */
  coverage?: { fired: [string, number][]; enabled: string[] };
}

export class Search<S, A> {
  table = new FingerprintTable();
  links = new ParentLinks();
  /** The fingerprint most recently computed: high word, low word. */
  readonly fp = new Uint32Array(2);
  transitions = 0;
  depth = 0;
  private started: number;
  private readonly invariants: Predicates<S>;
  private readonly witnesses: Predicates<S>;
  private readonly reached: boolean[];
  private unreached: number;
  private readonly fired = new Map<string, number>();
  private readonly enabledTypes = new Set<string>();

  constructor(readonly model: Model<S, A>, readonly options: CheckOptions) {
    this.started = options.clock();
    this.invariants = Object.entries(model.invariants);
    this.witnesses = Object.entries(model.sometimes ?? {});
    this.reached = this.witnesses.map(() => false);
    this.unreached = this.witnesses.length;
    this.packed = Boolean(model.encode && model.decode);
    this.compiled = this.packed && typeof model.successors === 'function';
  }

  /** The fingerprint the search identifies `s` by, as hex (what path rebuilding compares). */
  identify = (s: S): string => {
    if (!this.compiled) return fingerprint(s);
    fingerprintBytesInto(this.model.encode!(s), this.scratch);
    return hexOf(this.scratch[0] as number, this.scratch[1] as number);
  };
  private readonly scratch = new Uint32Array(2);

  initialStates(): S[] {
    return initialStatesOf(this.model);
  }

  /**
   * Stores the distinct initial states (ids 0, 1, … in init() order) and checks their invariants:
   * the states to expand first, or the violation that ends the search at step 0.
   */
  roots(): S[] | CheckResult<S, A> {
    const roots: S[] = [];
    const inits = this.initialStates();
    for (let i = 0; i < inits.length; i++) {
      const s = inits[i] as S;
      this.hash(s, 'init()');
      if (!this.table.add(this.fp[0] as number, this.fp[1] as number)) continue;
      this.links.push(-1 - i, -1);
      const broken = this.inspect(s, 0);
      if (broken !== undefined) return this.violation(this.links.length - 1, broken, 0);
      roots.push(s);
    }
    return roots;
  }

  actionsOf(s: S, step: number): A[] {
    const acts = enabledActionsOf(this.model, s, step);
    if (this.options.coverage) for (const a of acts) this.enabledTypes.add(kindOf(a));
    return acts;
  }

  /** The packed form of the state last hashed, when states are identified by it. */
  bytes: Uint8Array | undefined;
  private readonly packed: boolean;
  /**
   * The model has a compiled successor function: states are identified by the hash of their
   * packed bytes. Otherwise by the value walk, which reuses the parent's hashes and is cheaper
   * than encoding every successor; a packed state is then encoded once, when it is queued.
   */
  readonly compiled: boolean;

  /** The successor of `s` by `a`, counted as a transition, its fingerprint left in `fp`. */
  successor(s: S, a: A, step: number): S {
    let t: S;
    try {
      t = this.model.next(s, a);
    } catch (err) {
      throw modelThrew(this.model.name, `next() at step ${step}`, err);
    }
    // A state may be any JSON value but undefined; the fingerprint's walk checks inside it.
    if (!isStateShaped(t)) throw notAState(this.model.name, nextCall(this.model, a, step), t);
    try {
      this.fingerprintOf(t, true);
    } catch (err) {
      throw modelThrew(this.model.name, nextCall(this.model, a, step), err, 'a state');
    }
    this.transitions++;
    if (this.options.coverage) {
      const type = kindOf(a);
      this.fired.set(type, (this.fired.get(type) ?? 0) + 1);
    }
    return t;
  }

  /** Before the successors of `s` are computed: fingerprints reuse what they share with `s`. */
  expanding(s: S): void {
    setFingerprintParent(s);
  }

  /** Leaves the fingerprint of `s` in `fp` (of its packed form when states are identified by it). */
  hash(s: S, where: string): void {
    if (!isStateShaped(s)) throw notAState(this.model.name, where, s);
    try {
      this.fingerprintOf(s, false);
    } catch (err) {
      throw modelThrew(this.model.name, where, err, 'a state');
    }
  }

  /**
   * Into `fp`: the hash of the packed bytes (kept in `bytes`) for a compiled model, else of the
   * value, whose walk refuses what JSON cannot carry (undefined, NaN, a Map), naming the path.
   */
  private fingerprintOf(s: S, successor: boolean): void {
    if (this.compiled) {
      this.bytes = this.model.encode!(s);
      fingerprintBytesInto(this.bytes, this.fp);
      return;
    }
    this.bytes = undefined;
    // A successor's walk reuses the hashes of what it shares with the state being expanded.
    if (successor) fingerprintSuccessorInto(s, this.fp);
    else fingerprintInto(s, this.fp);
  }

  isFinal(s: S, step: number): boolean {
    if (!this.model.final) return false;
    return askModel(this.model.name, 'final()', this.model.final, s, step);
  }

  /** True when a state without enabled actions here is a deadlock to report. */
  isDeadlock(s: S, acts: readonly A[], step: number): boolean {
    return acts.length === 0 && this.options.deadlocks && !this.isFinal(s, step);
  }

  /** The first invariant `s` breaks, or undefined; marks the witnesses `s` reaches. */
  inspect(s: S, step: number): string | undefined {
    let current = '';
    try {
      for (const [invariant, holds] of this.invariants) {
        current = `invariant ${invariant}`;
        // The common answer first; anything but true or false is the model's mistake, not a violation.
        const answer: unknown = holds(s);
        if (answer !== true && !booleanAnswer(this.model.name, current, answer, step)) return invariant;
      }
      if (this.unreached > 0) {
        for (let w = 0; w < this.witnesses.length; w++) {
          if (this.reached[w]) continue;
          const [witness, occurs] = this.witnesses[w] as (typeof this.witnesses)[number];
          current = `sometimes ${witness}`;
          const answer: unknown = occurs(s);
          if (answer === true || booleanAnswer(this.model.name, current, answer, step)) {
            this.reached[w] = true;
            this.unreached--;
          }
        }
      }
    } catch (err) {
      throw modelThrew(this.model.name, `${current} at step ${step}`, err);
    }
    return undefined;
  }

  /**
   * Asks the model the same questions twice about `s` and compares the answers: the same enabled
   * actions, the same successors, and `s` itself unchanged by computing them (no mutation).
   */
  verifyDeterministic(s: S, acts: readonly A[], step: number): void {
    const { model } = this;
    try {
      canonicalJson(acts);
    } catch (err) {
      throw modelThrew(model.name, `actions() at step ${step}`, err, 'actions');
    }
    this.verifyPacking(s, step);
    // A successor's value fingerprint; next() is named with the action if it returns no state.
    const successorFingerprint = (a: A): string => {
      const t = successorOf(model, s, a, step + 1);
      try {
        return fingerprint(t);
      } catch (err) {
        throw modelThrew(model.name, nextCall(model, a, step + 1), err, 'a state');
      }
    };
    try {
      const before = fingerprint(s);
      if (canonicalJson(enabledActionsOf(model, s, step)) !== canonicalJson(acts)) {
        throw modelNondeterministic(model.name, `actions() returned different actions for the same state at step ${step}`);
      }
      for (const a of acts) {
        const first = successorFingerprint(a);
        if (fingerprint(s) !== before) {
          throw modelNondeterministic(model.name, `the state at step ${step} changed while its successors were computed (next() mutates its input)`);
        }
        if (successorFingerprint(a) !== first) {
          throw modelNondeterministic(model.name, `next() returned different states for the same state and action at step ${step + 1}`);
        }
      }
    } catch (err) {
      throw modelThrew(model.name, `a determinism check at step ${step}`, err);
    }
  }

  /**
   * For a model with a compiled successor function: its successors of `bytes` (the packed `s`)
   * must be, one for one and byte for byte, the packed successors that actions() and next() give.
   */
  verifyCompiled(s: S, bytes: Uint8Array, acts: readonly A[], step: number): void {
    const { model } = this;
    const emitted: Uint8Array[] = [];
    try {
      model.successors!(bytes, (t) => emitted.push(t.slice()));
    } catch (err) {
      throw modelThrew(model.name, `successors() at step ${step}`, err);
    }
    if (emitted.length !== acts.length) {
      throw new ModelError(`model ${model.name}: successors() gave ${emitted.length} successors at step ${step} where actions() enables ${acts.length}`);
    }
    acts.forEach((a, k) => {
      let t: S;
      try {
        t = model.next(s, a);
      } catch (err) {
        throw modelThrew(model.name, `next() at step ${step + 1}`, err);
      }
      this.verifyPacking(t, step + 1);
      const expected = model.encode!(t);
      const got = emitted[k] as Uint8Array;
      if (got.length !== expected.length || got.some((b, i) => b !== expected[i])) {
        throw new ModelError(`model ${model.name}: successors() and encode(next()) disagree on successor ${k + 1} (${labelOf(model, a)}) at step ${step + 1}`);
      }
    });
  }

  counters(): SearchCounters {
    return {
      transitions: this.transitions,
      depth: this.depth,
      elapsedMs: this.options.clock() - this.started,
      reachedWitnesses: this.witnesses.filter((_, i) => this.reached[i]).map(([n]) => n),
      ...(this.options.coverage ? { coverage: { fired: [...this.fired], enabled: [...this.enabledTypes] } } : {}),
    };
  }

  /** Continues from a checkpoint: its table, links and counters, its elapsed time included. */
  restore(table: FingerprintTable, links: ParentLinks, counters: SearchCounters): void {
    this.table = table;
    this.links = links;
    this.transitions = counters.transitions;
    this.depth = counters.depth;
    this.started = this.options.clock() - counters.elapsedMs;
    this.markWitnesses(counters.reachedWitnesses);
    for (const [type, times] of counters.coverage?.fired ?? []) this.fired.set(type, times);
    for (const type of counters.coverage?.enabled ?? []) this.enabledTypes.add(type);
  }

  /** For a model that packs its states: decode(encode(s)) must be s. */
  verifyPacking(s: S, step: number): void {
    if (!this.packed) return;
    const { model } = this;
    let back: unknown;
    try {
      back = model.decode!(model.encode!(s));
    } catch (err) {
      throw modelThrew(model.name, `encode() or decode() at step ${step}`, err);
    }
    if (fingerprint(back) !== fingerprint(s)) throw modelNondeterministic(model.name, `decode(encode(s)) is not s at step ${step}: the packed form loses or changes data`);
  }

  stats(): CheckStats {
    return this.statsOf(this.links.length, this.transitions, this.table.bytes, this.links.bytes);
  }

  /** Statistics from counts kept elsewhere (the parallel search's workers). */
  statsOf(distinctStates: number, transitions: number, seenBytes: number, parentBytes: number): CheckStats {
    const elapsedMs = this.options.clock() - this.started;
    return {
      distinctStates,
      transitions,
      depth: this.depth,
      elapsedMs,
      statesPerSecond: elapsedMs > 0 ? Math.round((distinctStates * 1000) / elapsedMs) : 0,
      seenBytesPerState: distinctStates > 0 ? seenBytes / distinctStates : 0,
      parentBytesPerState: distinctStates > 0 ? parentBytes / distinctStates : 0,
      collisionProbability: collisionProbability(distinctStates, transitions),
      ...(this.options.coverage ? { coverage: this.coverage() } : {}),
    };
  }

  /** Lets go of the seen set and the parent links (the search goes on elsewhere). */
  release(): void {
    this.table = new FingerprintTable();
    this.links = new ParentLinks();
  }

  private coverage(): Coverage {
    const declared = this.model.actionTypes ?? [];
    const types = [...new Set([...declared, ...this.enabledTypes, ...this.fired.keys()])].sort();
    return {
      fired: types.map((type) => ({ type, count: this.fired.get(type) ?? 0 })),
      neverEnabled: types.filter((t) => !this.enabledTypes.has(t)),
    };
  }

  /** Marks witnesses reached elsewhere (a worker thread). */
  markWitnesses(names: readonly string[]): void {
    this.witnesses.forEach(([name], i) => {
      if (names.includes(name) && !this.reached[i]) {
        this.reached[i] = true;
        this.unreached--;
      }
    });
  }

  unreachedWitnesses(): string[] {
    return this.witnesses.filter((_, i) => !this.reached[i]).map(([n]) => n);
  }

  ok(): CheckResult<S, A> {
    return this.okWith(this.stats());
  }

  okWith(stats: CheckStats): CheckResult<S, A> {
    return { verdict: 'ok', stats, unreachedWitnesses: this.unreachedWitnesses() };
  }

  incomplete(reason: IncompleteReason): CheckResult<S, A> {
    return this.incompleteWith(reason, this.stats());
  }

  incompleteWith(reason: IncompleteReason, stats: CheckStats): CheckResult<S, A> {
    return { verdict: 'incomplete', stats, reason, unreachedWitnesses: this.unreachedWitnesses() };
  }

  /** The state with id `id`, rebuilt from the parent links. */
  stateOf(id: number): S {
    try {
      return stateAt(this.model, this.links, id);
    } catch (err) {
      throw modelThrew(this.model.name, 'rebuilding a counterexample', err);
    }
  }

  /** A violation of `invariant` by state `id`, whose fingerprint is in `fp`. */
  violation(id: number, invariant: string, depth: number): CheckResult<S, A> {
    const path = rebuildPath(this.model, this.links, id, this.fp[0] as number, this.fp[1] as number, this.identify);
    return { verdict: 'violation', stats: this.stats(), violation: { kind: 'invariant', name: invariant, depth, path } };
  }

  /** A deadlock at state `id`. */
  deadlock(id: number, s: S, depth: number): CheckResult<S, A> {
    this.hash(s, 'a state');
    const path = rebuildPath(this.model, this.links, id, this.fp[0] as number, this.fp[1] as number, this.identify);
    return { verdict: 'deadlock', stats: this.stats(), violation: { kind: 'deadlock', name: 'deadlock', depth, path } };
  }
}

/**
 * TLC's estimate of the chance that two distinct states shared a 64-bit fingerprint, so that one
 * was never explored: about n * m / 2^64 for n distinct states and m fingerprints computed.
 */
export function collisionProbability(distinct: number, computed: number): number {
  return (distinct * Math.max(computed, distinct)) / 2 ** 64;
}
