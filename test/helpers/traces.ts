// Traces for the replay tests: synthetic ones of any length and shape (no model needed, since the
// cursor and view only read the trace), and the real TwoPhase counterexample.
import { checker } from '../../checker/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { TRACE_FORMAT, type ReplayOutcome, type ReplaySession, type Trace, type TraceStep, type TraceVerdict } from '../../trace/index.js';

export interface SyntheticOptions {
  /** Actor names; step k is by actors[pick(k)]. */
  readonly actors?: readonly string[];
  /** Which actor acts at step k (1-based); default round robin. */
  readonly actorAt?: (k: number) => number;
  readonly verdict?: 'ok' | 'violation' | 'deadlock';
  /** Bytes of padding in each state, to make states large. */
  readonly padding?: number;
  /** A `regions` field of this many dirty bits; step k flips bit (7k mod regions), so changes fall anywhere in a long state. */
  readonly regions?: number;
}

/** A trace of `n` steps whose state counts the steps taken by each actor. */
export function syntheticTrace(n: number, options: SyntheticOptions = {}): Trace {
  const actors = options.actors ?? ['kernel', 'daemon', 'requester'];
  const actorAt = options.actorAt ?? ((k: number) => (k - 1) % actors.length);
  const pad = 'x'.repeat(options.padding ?? 0);
  const counts = actors.map(() => 0);
  const regions = Array.from({ length: options.regions ?? 0 }, () => ({ dirty: false }));
  const stateOf = (k: number) => ({
    step: k, counts: [...counts], pad, nested: { a: { b: Math.floor(k / 5) }, fixed: [1, 2, 3] },
    ...(options.regions === undefined ? {} : { regions: regions.map((r) => ({ ...r })) }),
  });
  const steps: TraceStep[] = [];
  for (let k = 1; k <= n; k++) {
    const a = actorAt(k);
    counts[a] = (counts[a] ?? 0) + 1;
    const flipped = regions[(7 * k) % Math.max(1, regions.length)];
    if (flipped !== undefined) flipped.dirty = !flipped.dirty;
    steps.push({
      action: { type: 'Act', actor: a, k },
      actionIndex: 0,
      label: `Act${k}(${actors[a]})`,
      actor: actors[a] as string,
      time: k * 10,
      fingerprint: k.toString(16).padStart(16, '0'),
      state: stateOf(k),
    });
  }
  const kind = options.verdict ?? 'violation';
  const verdict: TraceVerdict =
    kind === 'ok'
      ? { result: 'ok', end: 'stepsMax' }
      : kind === 'deadlock'
        ? { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: n }
        : { result: 'violation', kind: 'invariant', name: 'Safe', statement: 'Nothing bad ever happens.', step: n };
  counts.fill(0);
  for (const r of regions) r.dirty = false;
  return {
    format: TRACE_FORMAT,
    tool: { name: 'sim', version: 'test' },
    model: { source: 'builtin', name: 'synthetic' },
    params: { n },
    engine: 'sim',
    seed: 7,
    verdict,
    initial: { index: 0, fingerprint: '0'.repeat(16), state: stateOf(0), time: 0 },
    steps,
  };
}

export function sessionOf(trace: Trace, outcome?: ReplayOutcome): ReplaySession {
  return { trace, outcome: outcome ?? { reproduces: true, steps: trace.steps.length }, file: 'test.trace.json' };
}

/** The shortest TwoPhase counterexample (rm=3, bug=commit-without-all-prepared): TMCommit, RMChooseToAbort(rm1), RMRcvCommitMsg(rm2). */
export function twophaseCounterexample(): Trace {
  const r = checker(twophaseModel(3, 'commit-without-all-prepared')).bfs();
  if (r.verdict !== 'violation') throw new Error('expected a violation');
  const p = r.violation.path;
  return {
    format: TRACE_FORMAT,
    tool: { name: 'sim', version: 'test' },
    model: { source: 'builtin', name: 'twophase' },
    params: { rm: 3, bug: 'commit-without-all-prepared' },
    engine: 'check',
    seed: null,
    verdict: { result: 'violation', kind: 'invariant', name: 'TCConsistent', statement: 'No resource manager has aborted while another has committed.', step: p.steps.length },
    initial: { index: 0, fingerprint: p.initialFingerprint, state: p.initial },
    steps: p.steps,
  };
}
