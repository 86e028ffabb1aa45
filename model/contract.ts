/**
 * The one model contract (DESIGN.md "The model contract"). Built-in models and users' model
 * files satisfy it alike; the engines (sim/, checker/, trace/, ui/) know nothing else about a
 * protocol.
 */

/** Plain JSON data: what states, actions and parameter values are made of. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A latency hint for the simulator: a fixed tick count or an inclusive range of ticks. */
export type LatencyTicks = number | { readonly min: number; readonly max: number };

/**
 * A message a step carries from one actor to another (names as `actor` returns them): an arrow
 * from the sender's lifeline to the receiver's in the sequence chart of an `--html` report.
 * `lost`: the step loses the message on its way (drawn as an arrow that ends in a cross).
 */
export interface StepMessage {
  readonly from: string;
  readonly to: string;
  readonly lost?: boolean;
}

export interface Model<S = unknown, A = unknown> {
  name: string;
  /** Initial states, in a deterministic order. */
  init(): S[];
  /** Enabled actions of `s`, in a deterministic order. */
  actions(s: S): A[];
  /** The successor of `s` under the enabled action `a`; never mutates `s`. */
  next(s: S, a: A): S;
  /** Named safety invariants; `true` means the invariant holds in the state. */
  invariants: Record<string, (s: S) => boolean>;
  /** A state with no enabled action that is final is not a deadlock; the simulator stops there. */
  final?(s: S): boolean;
  /** Who performs the action: lanes in the UI, and (with the action's kind) the unit fairness is about. */
  actor?(a: A): string;
  /** Short text for traces and the UI. */
  label?(a: A): string;
  /** One positive sentence per invariant. */
  statements?: Record<string, string>;
  /** Reachability witnesses: a complete check that never reaches one reports it. */
  sometimes?: Record<string, (s: S) => boolean>;
  /** Simulator hint: how long after it becomes enabled the action fires. */
  latency?(a: A, s: S): LatencyTicks;
  /** Simulator hint: the action is a fault (crash, loss, timeout), sampled rarely. */
  isFault?(a: A): boolean;
  /**
   * Report hint: the message the action, taken in `s`, delivers (or loses), as sender and
   * receiver; undefined for an action that is no message, which the chart draws on its actor's
   * lifeline alone. The step that hands a message over is the one to name (a delivery, a signal,
   * a system call's entry), so that each arrow is one step of the trace.
   */
  message?(a: A, s: S): StepMessage | undefined;
  /**
   * A packed form of a state, for memory: the checker queues these bytes instead of keeping
   * objects, and sends them between threads. `decode(encode(s))` must be the same state as `s`.
   * `decode` must copy what it keeps: `bytes` is a view of a buffer the checker reuses.
   */
  encode?(s: S): Uint8Array;
  decode?(bytes: Uint8Array): S;
  /**
   * The compiled successor function, as SPIN and rumur generate C: calls `emit` with
   * `encode(next(s, a))` for each `a` of `actions(s)`, in that order, where `bytes` is
   * `encode(s)`. `emit` copies what it keeps, so one buffer can be reused. With it, the checker
   * identifies states by their packed bytes and expands them without objects; it compares the
   * two routes on a sample of states. Needs encode and decode.
   */
  successors?(bytes: Uint8Array, emit: (successor: Uint8Array) => void): void;
  /**
   * The canonical member of `s`'s symmetry class (Stateright's name): states that differ only by
   * a renaming of interchangeable actors give the same answer. With it, the checker stores one
   * state per class (`--no-symmetry` turns that off). It must be exact and sound: idempotent, the
   * same invariants, witnesses and `final` on `s` and its representative, and successors with the
   * same representatives; the checker tests this on a sample of states. `interchangeableIds`
   * (model/symmetry.ts) builds one for states keyed by or indexed by interchangeable IDs.
   */
  representative?(s: S): S;
  /** Every action `type` the model can produce, so coverage can name those never enabled. */
  actionTypes?: readonly string[];
  /** Liveness properties as data: `sim check` checks them under fairness after a complete breadth-first search. */
  liveness?: Record<string, LivenessProperty<S>>;
}

/**
 * A liveness property as data: whenever `trigger` holds, `goal` holds then or later
 * (leads-to); without `trigger`, `goal` holds eventually from every initial state.
 */
export interface LivenessProperty<S = unknown> {
  statement: string;
  trigger?: (s: S) => boolean;
  goal: (s: S) => boolean;
  /** Actors whose actions are assumed to fire (each kind of action of theirs); all when omitted. */
  fairActors?: readonly string[];
  /**
   * `weak` (default): a kind of action that stays enabled is eventually taken. `strong`: one
   * enabled again and again is eventually taken, as a worker loop that gives every pending
   * activity its turn in each iteration guarantees.
   */
  fairness?: 'weak' | 'strong';
}

/** One declared parameter of a model: what `sim list` shows and `--param` validates. */
export interface ParamSpec {
  name: string;
  default: number | string | boolean;
  description: string;
  /** Allowed values, for enumerations such as `bug` or `scope`. */
  values?: readonly (string | number)[];
  /** Inclusive bounds for integer parameters. */
  min?: number;
  max?: number;
}

/** A seeded bug: a parameter value that breaks the protocol the way a real bug did. */
export interface BugSpec {
  name: string;
  /** The invariant it breaks, or `deadlock`. */
  breaks: string;
  /** Where the bug comes from: release note, commit, code location. */
  source: string;
  /** Parameters the bug needs besides `bug=NAME` to show (for example a fault switch). */
  params?: Record<string, number | string | boolean>;
}

/**
 * A finding: a hazard of the real code (a named release of BLCR, Linux or LVM2), not a seeded
 * mutation. `params` make the model behave as that code does; `fix` is the parameter set that,
 * laid over `params`, verifies clean.
 */
export interface FindingSpec {
  name: string;
  /** The invariant or liveness property it violates, or `deadlock`. */
  breaks: string;
  /** The real code it comes from: release, file and function. */
  source: string;
  /** Parameters under which the model follows the real code and the hazard shows. */
  params: Record<string, number | string | boolean>;
  /** Parameters that, over `params`, make the same check verify clean. */
  fix: Record<string, number | string | boolean>;
}

export type ParamValues = Record<string, number | string | boolean>;

/** A built-in model's registry entry: described fully so that `sim list` can print it. */
export interface ModelEntry {
  name: string;
  description: string;
  params: readonly ParamSpec[];
  bugs: readonly BugSpec[];
  /** Hazards of the real code the model reproduces, each with its fix (empty when none). */
  findings: readonly FindingSpec[];
  /** Builds the model from complete, validated parameter values. */
  create(params: ParamValues): Model<any, any>;
}
