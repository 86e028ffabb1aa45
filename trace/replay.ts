/**
 * Replays a trace against its model: re-executes every action from the initial state, compares
 * each fingerprint, and re-derives the verdict. A trace that no longer reproduces is reported
 * as "diverges at step k" with the likely cause (STYLE.md 10), never silently accepted.
 */
import { canonicalJson, fingerprint } from '../lib/index.js';
import { fairnessUnitOf, modelThrew, showUnit, unitActor, type Model } from '../model/index.js';
import { describeDifference, firstDifference } from './diff.js';
import type { Trace } from './format.js';
import { describeVerdict } from './verdict.js';

export type ReplayOutcome =
  | { readonly reproduces: true; readonly steps: number }
  | { readonly reproduces: false; readonly step: number; readonly reason: string };

/** Re-executes `trace` on `model`; throws ModelError if the model throws. */
export function replayTrace<S, A>(model: Model<S, A>, trace: Trace): ReplayOutcome {
  const name = model.name;
  const diverges = (step: number, reason: string): ReplayOutcome => ({ reproduces: false, step, reason });
  const firstBroken = (s: S, step: number): string | undefined => {
    for (const [invariant, holds] of Object.entries(model.invariants)) {
      try {
        if (!holds(s)) return invariant;
      } catch (err) {
        throw modelThrew(name, `invariant ${invariant} at step ${step}`, err);
      }
    }
    return undefined;
  };
  const recorded = trace.verdict;
  // An invariant failing where the trace says it held (or another one failing) is a divergence.
  const judge = (s: S, step: number): ReplayOutcome | 'continue' => {
    const broken = firstBroken(s, step);
    if (broken === undefined) return 'continue';
    if (recorded.result === 'violation' && recorded.kind === 'invariant' && recorded.step === step && recorded.name === broken) return { reproduces: true, steps: step };
    return diverges(step, `invariant ${broken} fails here, but the trace recorded ${describeVerdict(recorded)}`);
  };

  let state: S;
  try {
    state = model.init()[trace.initial.index] as S;
  } catch (err) {
    throw modelThrew(name, 'init()', err);
  }
  if (state === undefined) return diverges(0, `init() has no state number ${trace.initial.index}`);
  if (fingerprint(state) !== trace.initial.fingerprint) {
    const d = firstDifference(trace.initial.state, state);
    return diverges(0, `the initial state differs from the recorded one${d ? ` (${describeDifference(d)})` : ''}`);
  }
  let verdict = judge(state, 0);
  if (verdict !== 'continue') return verdict;
  const states: S[] = [state];

  for (const [i, step] of trace.steps.entries()) {
    const k = i + 1;
    let enabled: A[];
    try {
      enabled = model.actions(state);
    } catch (err) {
      throw modelThrew(name, `actions() at step ${k - 1}`, err);
    }
    const wanted = canonicalJson(step.action);
    const hinted = enabled[step.actionIndex];
    const action = hinted !== undefined && canonicalJson(hinted) === wanted ? hinted : enabled.find((a) => canonicalJson(a) === wanted);
    if (action === undefined) {
      return diverges(
        k,
        `action ${step.label} is not enabled; the model returned ${enabled.length} enabled action${enabled.length === 1 ? '' : 's'}` +
          ' (did actions() change, or iterate an unordered structure?)',
      );
    }
    try {
      state = model.next(state, action);
    } catch (err) {
      throw modelThrew(name, `next() at step ${k}`, err);
    }
    const reached = fingerprint(state);
    if (reached !== step.fingerprint) {
      const d = firstDifference(step.state, state);
      return diverges(k, `${step.label} leads to state ${reached}, the trace recorded ${step.fingerprint}${d ? `; ${describeDifference(d)}` : ''}`);
    }
    states.push(state);
    verdict = judge(state, k);
    if (verdict !== 'continue') return verdict;
  }
  return finalVerdict(model, state, trace, states);
}

/**
 * Why a recorded lasso is not a violation of its liveness property any more, or undefined when it
 * is: the loop closes, the trigger holds where recorded, the goal never holds from there on, and
 * the repeated part is fair to every fair actor (taken in the loop or disabled somewhere in it;
 * a stutter needs no fair actor enabled).
 */
function lassoProblem<S, A>(model: Model<S, A>, trace: Trace, states: readonly S[]): string | undefined {
  const v = trace.verdict;
  if (v.result !== 'violation' || v.kind !== 'liveness') return undefined;
  const property = model.liveness?.[v.name];
  if (property === undefined) return `the model has no liveness property ${v.name}`;
  const at = (k: number): S => states[k] as S;
  try {
    if (fingerprint(at(v.loopStart)) !== fingerprint(at(v.step))) return `the loop does not close: the state after step ${v.step} differs from the state after step ${v.loopStart}`;
    if (property.trigger && !property.trigger(at(v.triggerStep))) return `the trigger of ${v.name} does not hold at step ${v.triggerStep}`;
    for (let k = v.triggerStep; k <= v.step; k++) if (property.goal(at(k))) return `the goal of ${v.name} holds at step ${k}`;
    const unitOf = (a: A): string => fairnessUnitOf(model, a);
    const actorsOf = (s: S): Set<string> => new Set(model.actions(s).map(unitOf));
    const loopStates = v.stutter ? [at(v.step)] : states.slice(v.loopStart, v.step);
    const allActors = new Set(states.flatMap((s) => [...actorsOf(s)]));
    const fair = [...allActors].filter((u) => property.fairActors === undefined || property.fairActors.includes(unitActor(u)));
    if (v.stutter) {
      const enabled = [...actorsOf(at(v.step))].filter((a) => fair.includes(a));
      const shown = enabled.map(showUnit);
      return enabled.length > 0 ? `stuttering at step ${v.step} is unfair: ${shown.join(', ')} ${enabled.length === 1 ? 'is' : 'are'} enabled there` : undefined;
    }
    const taken = new Set(trace.steps.slice(v.loopStart, v.step).map((s) => unitOf(s.action as A)));
    const strong = property.fairness === 'strong';
    for (const unit of fair) {
      if (taken.has(unit)) continue;
      const enabledIn = loopStates.filter((s) => actorsOf(s).has(unit)).length;
      if (strong ? enabledIn > 0 : enabledIn === loopStates.length) {
        return `the loop is unfair to ${showUnit(unit)}: ${strong ? 'enabled again and again' : 'always enabled'} in it, never taken`;
      }
    }
  } catch (err) {
    throw modelThrew(model.name, `liveness property ${v.name}`, err);
  }
  return undefined;
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
  let enabled: number;
  let final: boolean;
  try {
    enabled = model.actions(state).length;
    final = model.final ? model.final(state) : false;
  } catch (err) {
    throw modelThrew(model.name, `actions() at step ${n}`, err);
  }
  if (recorded.result === 'deadlock') {
    if (enabled > 0) return diverges(`the trace recorded a deadlock, but ${enabled} actions are enabled here`);
    if (final) return diverges('the trace recorded a deadlock, but this state is final');
    return { reproduces: true, steps: n };
  }
  if (recorded.end === 'final' && !final) return diverges('the trace ended in a final state, but this state is not final');
  return { reproduces: true, steps: n };
}
