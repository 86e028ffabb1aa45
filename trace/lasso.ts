/**
 * Whether a recorded lasso is still a violation of its liveness property, judged on the states
 * that replay re-executed (never on the states the file recorded).
 */
import { fingerprint } from '../lib/index.js';
import { askModel, enabledActionsOf, fairnessUnitOf, modelThrew, showUnit, unitActor, type Model } from '../model/index.js';
import type { Trace } from './format.js';

/**
 * Why a recorded lasso is not a violation of its liveness property any more, or undefined when it
 * is: the loop closes, the trigger holds where recorded, the goal never holds from there on, and
 * the repeated part is fair to every fair actor (taken in the loop or disabled somewhere in it;
 * a stutter needs no fair actor enabled).
 */
export function lassoProblem<S, A>(model: Model<S, A>, trace: Trace, states: readonly S[]): string | undefined {
  const v = trace.verdict;
  if (v.result !== 'violation' || v.kind !== 'liveness') return undefined;
  const property = model.liveness?.[v.name];
  if (property === undefined) return `the model has no liveness property ${v.name}`;
  const at = (k: number): S => states[k] as S;
  if (fingerprint(at(v.loopStart)) !== fingerprint(at(v.step))) return `the loop does not close: the state after step ${v.step} differs from the state after step ${v.loopStart}`;
  if (property.trigger && !askModel(model.name, `the trigger of liveness property ${v.name}`, property.trigger, at(v.triggerStep), v.triggerStep)) {
    return `the trigger of ${v.name} does not hold at step ${v.triggerStep}`;
  }
  for (let k = v.triggerStep; k <= v.step; k++) {
    if (askModel(model.name, `the goal of liveness property ${v.name}`, property.goal, at(k), k)) return `the goal of ${v.name} holds at step ${k}`;
  }
  let unitOf: (a: A) => string;
  let actorsOf: (s: S, k: number) => Set<string>;
  try {
    unitOf = (a: A): string => fairnessUnitOf(model, a);
    actorsOf = (s: S, k: number): Set<string> => new Set(enabledActionsOf(model, s, k).map(unitOf));
    return unfairness(trace, states, property.fairActors, property.fairness === 'strong', unitOf, actorsOf);
  } catch (err) {
    throw modelThrew(model.name, `liveness property ${v.name}`, err);
  }
}

/** Why the recorded loop (or stutter) is unfair to a fair actor, or undefined when it is fair. */
function unfairness<S, A>(
  trace: Trace,
  states: readonly S[],
  fairActors: readonly string[] | undefined,
  strong: boolean,
  unitOf: (a: A) => string,
  actorsOf: (s: S, k: number) => Set<string>,
): string | undefined {
  const v = trace.verdict;
  if (v.result !== 'violation' || v.kind !== 'liveness') return undefined;
  const allActors = new Set(states.flatMap((s, k) => [...actorsOf(s, k)]));
  const fair = [...allActors].filter((u) => fairActors === undefined || fairActors.includes(unitActor(u)));
  if (v.stutter) {
    const enabled = [...actorsOf(states[v.step] as S, v.step)].filter((a) => fair.includes(a));
    const shown = enabled.map(showUnit);
    return enabled.length > 0 ? `stuttering at step ${v.step} is unfair: ${shown.join(', ')} ${enabled.length === 1 ? 'is' : 'are'} enabled there` : undefined;
  }
  const loopStates = states.slice(v.loopStart, v.step);
  const taken = new Set(trace.steps.slice(v.loopStart, v.step).map((s) => unitOf(s.action as A)));
  for (const unit of fair) {
    if (taken.has(unit)) continue;
    const enabledIn = loopStates.filter((s, i) => actorsOf(s, v.loopStart + i).has(unit)).length;
    if (strong ? enabledIn > 0 : enabledIn === loopStates.length) {
      return `the loop is unfair to ${showUnit(unit)}: ${strong ? 'enabled again and again' : 'always enabled'} in it, never taken`;
    }
  }
  return undefined;
}
