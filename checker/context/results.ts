/**
 * A search's results, built from its context: the statistics every verdict carries, and the
 * verdicts themselves. A counterexample is rebuilt from the parent links by re-executing the
 * model, and must end in the very state the search found (its fingerprint is passed in).
 */
import { hexOf } from '../../lib/index.js';
import { replayActions } from '../../model/index.js';
import type { CheckResult, CheckStats, IncompleteReason } from '../result.js';
import type { ParentLinks } from '../store/parent-links.js';
import { realPath, type SearchContext } from './context.js';

/** Statistics from counts the caller keeps (the seen set's and the links' bytes among them). */
export function statsOf<S, A>(ctx: SearchContext<S, A>, distinctStates: number, transitions: number, seenBytes: number, parentBytes: number): CheckStats {
  const elapsedMs = ctx.options.clock() - ctx.counters.startedMs;
  return {
    distinctStates,
    symmetry: ctx.concrete !== null,
    transitions,
    depth: ctx.counters.depth,
    elapsedMs,
    statesPerSecond: elapsedMs > 0 ? Math.round((distinctStates * 1000) / elapsedMs) : 0,
    seenBytesPerState: distinctStates > 0 ? seenBytes / distinctStates : 0,
    parentBytesPerState: distinctStates > 0 ? parentBytes / distinctStates : 0,
    collisionProbability: collisionProbability(distinctStates, transitions),
    ...(ctx.coverage ? { coverage: ctx.coverage.report(ctx.model.actionTypes ?? []) } : {}),
  };
}

export function okResult<S, A>(ctx: SearchContext<S, A>, stats: CheckStats): CheckResult<S, A> {
  return { verdict: 'ok', stats, unreachedWitnesses: ctx.properties.unreachedWitnesses() };
}

export function incompleteResult<S, A>(ctx: SearchContext<S, A>, reason: IncompleteReason, stats: CheckStats): CheckResult<S, A> {
  return { verdict: 'incomplete', stats, reason, unreachedWitnesses: ctx.properties.unreachedWitnesses() };
}

/** Where a counterexample ends: the state's id in the parent links, and its fingerprint. */
export interface FoundState {
  readonly id: number;
  readonly hi: number;
  readonly lo: number;
  readonly depth: number;
}

/** What a counterexample shows: a broken invariant, or a deadlock. */
export type Broken = { readonly kind: 'invariant'; readonly name: string } | { readonly kind: 'deadlock' };

/** The violation (or deadlock) at `found`, its path rebuilt from `links`; `stats` taken once the path is. */
export function counterexampleResult<S, A>(ctx: SearchContext<S, A>, links: ParentLinks, found: FoundState, broken: Broken, stats: () => CheckStats): CheckResult<S, A> {
  const { initialIndex, actionIndices } = links.pathTo(found.id);
  const path = realPath(ctx, replayActions(ctx.model, initialIndex, actionIndices, hexOf(found.hi, found.lo), ctx.hasher.identify));
  if (broken.kind === 'deadlock') return { verdict: 'deadlock', stats: stats(), violation: { kind: 'deadlock', name: 'deadlock', depth: found.depth, path } };
  return { verdict: 'violation', stats: stats(), violation: { kind: 'invariant', name: broken.name, depth: found.depth, path } };
}

/**
 * TLC's estimate of the chance that two distinct states shared a 64-bit fingerprint, so that one
 * was never explored: about n * m / 2^64 for n distinct states and m fingerprints computed.
 */
export function collisionProbability(distinct: number, computed: number): number {
  return (distinct * Math.max(computed, distinct)) / 2 ** 64;
}
