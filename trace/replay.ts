/**
 * Replays a trace against its model: re-executes every action from the initial state and compares
 * everything the trace records with what re-execution gives (each state and its fingerprint, the
 * initial state included; each action, label and actor), then re-derives the verdict. A trace
 * that no longer reproduces is reported as "diverges at step k" with the first difference named
 * (STYLE.md 10), never silently accepted. What replay shows is rebuilt from the re-execution, so a
 * hand-edited state is never displayed as if the model had reached it.
 */
import { canonicalJson } from '../lib/index.js';
import {
  actorOf, callModel, enabledActionsOf, firstBrokenInvariant, initialStatesOf, isFinal, labelOf, nextCall, stateFingerprint, successorOf,
  type Model,
} from '../model/index.js';
import { describeDifference, firstDifference } from './diff.js';
import type { Trace, TraceStep, TraceVerdict } from './format.js';
import { lassoProblem } from './lasso.js';
import { describeVerdict } from './verdict.js';

export type ReplayOutcome =
  | { readonly reproduces: true; readonly steps: number }
  | { readonly reproduces: false; readonly step: number; readonly reason: string };

export interface VerifiedTrace {
  readonly outcome: ReplayOutcome;
  /**
   * The trace as re-execution gives it: the recorded one where it reproduces; where it diverges,
   * the steps up to the divergence (the diverging one with the state the model reached, when it
   * reached one), and the model's own statement of the violated property.
   */
  readonly shown: Trace;
}

/** Re-executes `trace` on `model`; throws ModelError if the model misbehaves. */
export function replayTrace<S, A>(model: Model<S, A>, trace: Trace): ReplayOutcome {
  return verifyTrace(model, trace).outcome;
}

/** Re-executes `trace` on `model` and rebuilds what may be shown of it. */
export function verifyTrace<S, A>(model: Model<S, A>, trace: Trace): VerifiedTrace {
  const name = model.name;
  const inits = initialStatesOf(model);
  const steps: TraceStep[] = [];
  const first = inits[trace.initial.index];
  const initial = { ...trace.initial, state: first ?? inits[0], fingerprint: stateFingerprint(model, first ?? (inits[0] as S), 'init()') };
  const done = (outcome: ReplayOutcome): VerifiedTrace => ({ outcome, shown: { ...trace, initial, steps, verdict: withModelStatement(model, trace.verdict) } });
  const diverges = (step: number, reason: string): VerifiedTrace => done({ reproduces: false, step, reason });
  if (first === undefined) return diverges(0, `init() has no state number ${trace.initial.index}`);
  let state: S = first;
  const initialDiffers = initialDifference(trace.initial, state, initial.fingerprint);
  if (initialDiffers !== undefined) return diverges(0, initialDiffers);
  const judged = judge(model, state, 0, trace.verdict);
  if (judged !== undefined) return done(judged);
  const states: S[] = [state];

  for (const [i, recorded] of trace.steps.entries()) {
    const k = i + 1;
    const enabled = enabledActionsOf(model, state, k - 1);
    const { action, index } = findAction(enabled, recorded);
    if (action === undefined) {
      const count = `${enabled.length} enabled action${enabled.length === 1 ? '' : 's'}`;
      return diverges(k, `action ${recorded.label} is not enabled; the model returned ${count} (did actions() change, or iterate an unordered structure?)`);
    }
    state = successorOf(model, state, action, k);
    const step: TraceStep = {
      action,
      actionIndex: index,
      label: callModel(name, `label() at step ${k}`, () => labelOf(model, action)),
      actor: callModel(name, `actor() at step ${k}`, () => actorOf(model, action)),
      ...(recorded.time === undefined ? {} : { time: recorded.time }),
      fingerprint: stateFingerprint(model, state, nextCall(model, action, k)),
      state,
    };
    steps.push(step);
    const differs = stepDifference(recorded, step);
    if (differs !== undefined) return diverges(k, differs);
    states.push(state);
    const verdict = judge(model, state, k, trace.verdict);
    if (verdict !== undefined) return done(verdict);
  }
  return done(finalVerdict(model, state, { ...trace, steps }, states));
}

/** The enabled action equal to the recorded one: at the recorded index if it is there, else the first. */
function findAction<A>(enabled: readonly A[], recorded: TraceStep): { action: A | undefined; index: number } {
  const wanted = canonicalJson(recorded.action);
  const hinted = enabled[recorded.actionIndex];
  if (hinted !== undefined && canonicalJson(hinted) === wanted) return { action: hinted, index: recorded.actionIndex };
  const index = enabled.findIndex((a) => canonicalJson(a) === wanted);
  return { action: index < 0 ? undefined : enabled[index], index };
}

/** `at .x.y: recorded 3, re-executed 2` when a recorded state is not the re-executed one, else undefined. */
function dataDifference(recorded: unknown, reached: unknown): string | undefined {
  if (canonicalJson(recorded) === canonicalJson(reached)) return undefined;
  const d = firstDifference(recorded, reached);
  return d === undefined ? 'from the re-executed one' : describeDifference(d);
}

/** Why the recorded initial state is not the re-executed one, or undefined. */
function initialDifference(recorded: Trace['initial'], reached: unknown, reachedFingerprint: string): string | undefined {
  if (reachedFingerprint !== recorded.fingerprint) {
    const d = dataDifference(recorded.state, reached);
    return `the initial state differs from the recorded one (fingerprint ${reachedFingerprint}, recorded ${recorded.fingerprint}${d ? `; ${d}` : ''})`;
  }
  const d = dataDifference(recorded.state, reached);
  return d === undefined ? undefined : `recorded initial state differs ${d}`;
}

/** What a recorded step has that re-execution does not give (its state, label or actor), or undefined. */
function stepDifference(recorded: TraceStep, step: TraceStep): string | undefined {
  if (step.fingerprint !== recorded.fingerprint) {
    const d = dataDifference(recorded.state, step.state);
    return `${recorded.label} leads to state ${step.fingerprint}, the trace recorded ${recorded.fingerprint}${d ? `; ${d}` : ''}`;
  }
  const d = dataDifference(recorded.state, step.state);
  if (d !== undefined) return `recorded state differs ${d}`;
  if (recorded.label !== step.label) return `the trace recorded label ${JSON.stringify(recorded.label)}, re-execution gives ${JSON.stringify(step.label)}`;
  if (recorded.actor !== step.actor) return `the trace recorded actor ${JSON.stringify(recorded.actor)} for ${step.label}, re-execution gives ${JSON.stringify(step.actor)}`;
  return undefined;
}

/** An invariant failing where the trace says it held (or another one failing) is a divergence. */
function judge<S, A>(model: Model<S, A>, s: S, step: number, recorded: TraceVerdict): ReplayOutcome | undefined {
  const broken = firstBrokenInvariant(model, s, step);
  if (broken === undefined) return undefined;
  if (recorded.result === 'violation' && recorded.kind === 'invariant' && recorded.step === step && recorded.name === broken) return { reproduces: true, steps: step };
  return { reproduces: false, step, reason: `invariant ${broken} fails here, but the trace recorded ${describeVerdict(recorded)}` };
}

/** The recorded verdict with the statement the model gives now, not the one the file claims. */
function withModelStatement<S, A>(model: Model<S, A>, v: TraceVerdict): TraceVerdict {
  if (v.result !== 'violation') return v;
  const { statement: _recorded, ...rest } = v;
  const statement = v.kind === 'liveness' ? model.liveness?.[v.name]?.statement : model.statements?.[v.name];
  return (statement ? { ...rest, statement } : rest) as TraceVerdict;
}

/** The verdict of a trace whose every state satisfied the invariants. */
function finalVerdict<S, A>(model: Model<S, A>, state: S, trace: Trace, states: readonly S[]): ReplayOutcome {
  const n = trace.steps.length;
  const recorded = trace.verdict;
  const diverges = (reason: string): ReplayOutcome => ({ reproduces: false, step: n, reason });
  if (recorded.result === 'violation' && recorded.kind === 'liveness') {
    const reason = lassoProblem(model, trace, states);
    return reason === undefined ? { reproduces: true, steps: n } : diverges(reason);
  }
  if (recorded.result === 'violation') return diverges(`invariant ${recorded.name} holds here, but the trace recorded its violation`);
  const enabled = enabledActionsOf(model, state, n).length;
  const final = isFinal(model, state, n);
  if (recorded.result === 'deadlock') {
    if (enabled > 0) return diverges(`the trace recorded a deadlock, but ${enabled} actions are enabled here`);
    if (final) return diverges('the trace recorded a deadlock, but this state is final');
    return { reproduces: true, steps: n };
  }
  if (recorded.end === 'final' && !final) return diverges('the trace ended in a final state, but this state is not final');
  return { reproduces: true, steps: n };
}
