/**
 * The search context: the explicit values every strategy and every worker thread works with, made
 * once per search. The model and the resolved options; how states are hashed; the properties
 * checked in each new state; the counters; and coverage counts when asked for. The seen set and
 * its parent links are the store's (store/), passed beside the context where they are needed.
 */
import { concretePath, enabledActionsOf, quotientOf, successorOf, type Model, type Path } from '../../model/index.js';
import type { CheckOptions } from '../options.js';
import { CoverageCounts, type SavedCoverage } from './coverage.js';
import { StateHasher } from './hasher.js';
import { Properties } from './properties.js';

/** What a search counts besides its states. */
export interface Counters {
  /** Successor computations, duplicates and self-loops included. */
  transitions: number;
  /** The deepest level a stored state is at. */
  depth: number;
  /** The clock when the search started (moved back by the time a resumed search had spent). */
  startedMs: number;
}

export interface SearchContext<S, A> {
  /** The model searched: with symmetry, the quotient whose states are representatives. */
  readonly model: Model<S, A>;
  /** With symmetry, the model itself, whose real paths counterexamples are lifted to; else null. */
  readonly concrete: Model<S, A> | null;
  readonly options: CheckOptions;
  readonly hasher: StateHasher<S, A>;
  readonly properties: Properties<S>;
  readonly counters: Counters;
  /** Present with --coverage. */
  readonly coverage: CoverageCounts | null;
}

/** The context of a search of `model`: of its quotient when it has a representative and symmetry is on. */
export function searchContext<S, A>(model: Model<S, A>, options: CheckOptions): SearchContext<S, A> {
  const symmetric = options.symmetry && typeof model.representative === 'function';
  const searched = symmetric ? quotientOf(model) : model;
  return {
    model: searched,
    concrete: symmetric ? model : null,
    options,
    hasher: new StateHasher(searched, symmetric),
    properties: new Properties(searched as Model<S, unknown>),
    counters: { transitions: 0, depth: 0, startedMs: options.clock() },
    coverage: options.coverage ? new CoverageCounts() : null,
  };
}

/** The enabled actions of `s` at `step` (counted for coverage). */
export function actionsOf<S, A>(ctx: SearchContext<S, A>, s: S, step: number): A[] {
  const acts = enabledActionsOf(ctx.model, s, step);
  if (ctx.coverage) ctx.coverage.onEnabled(acts);
  return acts;
}

/** The successor of `s` by `a`, counted as a transition (and for coverage). */
export function successorIn<S, A>(ctx: SearchContext<S, A>, s: S, a: A, step: number): S {
  const t = successorOf(ctx.model, s, a, step);
  ctx.counters.transitions++;
  if (ctx.coverage) ctx.coverage.onFired(a);
  return t;
}

/** A path the search rebuilt (of its quotient, with symmetry) as a real path of the model. */
export function realPath<S, A>(ctx: SearchContext<S, A>, path: Path<S, A>): Path<S, A> {
  return ctx.concrete ? concretePath(ctx.concrete, path) : path;
}

/** The counters a checkpoint carries besides the table, the links and the levels. */
export interface SearchCounters {
  transitions: number;
  depth: number;
  elapsedMs: number;
  reachedWitnesses: string[];
  /** With coverage on: times each action type fired, and the types ever enabled. */
  coverage?: SavedCoverage;
}

export function countersOf<S, A>(ctx: SearchContext<S, A>): SearchCounters {
  return {
    transitions: ctx.counters.transitions,
    depth: ctx.counters.depth,
    elapsedMs: ctx.options.clock() - ctx.counters.startedMs,
    reachedWitnesses: ctx.properties.reachedWitnesses(),
    ...(ctx.coverage ? { coverage: ctx.coverage.saved() } : {}),
  };
}

/** Continues from saved counters, the time already spent included. */
export function restoreCounters<S, A>(ctx: SearchContext<S, A>, saved: SearchCounters): void {
  ctx.counters.transitions = saved.transitions;
  ctx.counters.depth = saved.depth;
  ctx.counters.startedMs = ctx.options.clock() - saved.elapsedMs;
  ctx.properties.markReached(saved.reachedWitnesses);
  if (saved.coverage) ctx.coverage?.restore(saved.coverage);
}
