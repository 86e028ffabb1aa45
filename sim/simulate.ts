/**
 * The discrete-event simulator: at each step the agenda (agenda.ts) schedules the newly enabled
 * actions, the earliest event fires, and invariants are checked in the state it leads to. An
 * action that fires without changing the state (a stutter, such as re-receiving a message) is not
 * recorded, so self-loops cannot fill a run. A run ends in a final state once only faults could
 * follow (a held write that a bug would still dispatch keeps it going). All randomness comes from
 * one seed, split at start-up into sub-seeds in a fixed order: initial state, latency, faults,
 * tie-breaks. A new consumer takes the next sub-seed, so earlier streams stay put.
 */
import { canonicalJson, createPrng, fingerprint, ModelError, type Prng } from '../lib/index.js';
import {
  actorOf, callModel, enabledActionsOf, firstBrokenInvariant, initialStatesOf, isFinal, kindOf, labelOf, modelNondeterministic, modelThrew, nextCall,
  stateFingerprint, successorOf, type LatencyTicks, type Model,
} from '../model/index.js';
import type { TraceStep, TraceVerdict } from '../trace/index.js';
import { Agenda, type AgendaStreams } from './agenda.js';
import { resolveSimulationOptions, type SimulationOptions } from './options.js';

export interface SimRun {
  readonly initial: { readonly index: number; readonly fingerprint: string; readonly state: unknown; readonly time: number };
  readonly steps: readonly TraceStep[];
  readonly verdict: TraceVerdict;
  readonly virtualTime: number;
}

/** Runs `model` from one seed; the same model, options and seed give the same run. */
export function simulate<S, A>(model: Model<S, A>, partial: Partial<SimulationOptions> & { seed: number }): SimRun {
  const options = resolveSimulationOptions(partial);
  const name = model.name;
  const { initPrng, streams } = splitSeed(options.seed);
  const call = <T>(where: string, f: () => T): T => callModel(name, where, f);
  // The walk that fingerprints a state refuses what JSON cannot carry, naming where it is.
  const fingerprintOf = (s: S, where: string): string => stateFingerprint(model, s, where);

  const inits = initialStatesOf(model);
  const initialIndex = inits.length === 1 ? 0 : initPrng.int(0, inits.length - 1);
  let state = inits[initialIndex] as S;
  const initial = { index: initialIndex, fingerprint: fingerprintOf(state, 'init()'), state: state as unknown, time: 0 };

  const steps: TraceStep[] = [];
  const isFault = (a: A): boolean => (model.isFault ? call('isFault()', () => model.isFault!(a)) : false);
  const agenda = new Agenda<A>(options, streams, {
    isFault,
    kind: kindOf,
    actor: (a) => call('actor()', () => actorOf(model, a)),
    latency: (a) => latencyRange(name, model.latency ? call('latency()', () => model.latency!(a, state)) : undefined, options),
  });
  const finish = (verdict: TraceVerdict): SimRun => ({ initial, steps, verdict, virtualTime: agenda.clock });

  const broken0 = firstBrokenInvariant(model, state, 0);
  if (broken0 !== undefined) return finish(violation(model, broken0, 0));

  for (;;) {
    const k = steps.length + 1;
    const enabled = enabledActionsOf(model, state, k - 1);
    const final = isFinal(model, state, k - 1);
    // A final state ends the run once only faults could follow; anything else the system can still do, it does.
    if (final && enabled.every(isFault)) return finish({ result: 'ok', end: 'final' });
    if (steps.length >= options.stepsMax) return finish({ result: 'ok', end: 'stepsMax' });
    let keys: string[];
    try {
      keys = enabled.map((a) => canonicalJson(a));
    } catch (err) {
      throw modelThrew(name, `actions() at step ${k - 1}`, err, 'an action');
    }
    verifyDeterministic(model, state, keys, k - 1);
    agenda.offer(enabled, keys);
    const event = agenda.pop();
    if (event === undefined) {
      if (final) return finish({ result: 'ok', end: 'final' });
      if (enabled.length > 0) return finish({ result: 'ok', end: 'quiescent' });
      return finish({ result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: k - 1 });
    }
    const action = event.action;
    const previous = state;
    const previousFingerprint = steps.length > 0 ? (steps[steps.length - 1] as TraceStep).fingerprint : initial.fingerprint;
    state = successorOf(model, previous, action, k);
    const reached = fingerprintOf(state, nextCall(model, action, k));
    if (reached === previousFingerprint) {
      agenda.stutter(event.key);
      continue;
    }
    agenda.stepped();
    verifyNext(model, previous, previousFingerprint, action, reached, k);
    steps.push({
      action,
      actionIndex: keys.indexOf(event.key),
      label: call('label()', () => labelOf(model, action)),
      actor: call('actor()', () => actorOf(model, action)),
      time: agenda.clock,
      fingerprint: reached,
      state,
    });
    const broken = firstBrokenInvariant(model, state, k);
    if (broken !== undefined) return finish(violation(model, broken, k));
  }
}

/** The run's PRNG streams, sub-seeds drawn in this order; a new consumer goes last. */
function splitSeed(seed: number): { initPrng: Prng; streams: AgendaStreams } {
  const root = createPrng(seed);
  const initPrng = createPrng(root.subSeed());
  const latency = createPrng(root.subSeed());
  const faults = createPrng(root.subSeed());
  const tieBreak = createPrng(root.subSeed());
  return { initPrng, streams: { latency, faults, tieBreak } };
}

function latencyRange(name: string, hint: LatencyTicks | undefined, options: SimulationOptions): [number, number] {
  if (hint === undefined) return [options.latencyTicksMin, options.latencyTicksMax];
  const [min, max] = typeof hint === 'number' ? [hint, hint] : [hint.min, hint.max];
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
    throw new ModelError(`model ${name}: latency() must return ticks >= 0 or {min, max} with min <= max; got ${JSON.stringify(hint)}`);
  }
  return [min, max];
}

function violation<S, A>(model: Model<S, A>, invariant: string, step: number): TraceVerdict {
  const statement = model.statements?.[invariant];
  return { result: 'violation', kind: 'invariant', name: invariant, ...(statement ? { statement } : {}), step };
}

/** next() must leave its input alone and give the same state again. */
function verifyNext<S, A>(model: Model<S, A>, previous: S, previousFingerprint: string, action: A, reached: string, step: number): void {
  if (fingerprint(previous) !== previousFingerprint) throw modelNondeterministic(model.name, `next() changed its input state at step ${step} (it must return a new state)`);
  const next = successorOf(model, previous, action, step);
  let again: string;
  try {
    again = fingerprint(next);
  } catch (err) {
    throw modelThrew(model.name, nextCall(model, action, step), err, 'a state');
  }
  if (again !== reached) throw modelNondeterministic(model.name, `next() returned different states for the same state and action at step ${step}`);
}

/** The simulator is cheap next to its consumers, so it re-asks the model at every step. */
function verifyDeterministic<S, A>(model: Model<S, A>, state: S, keys: readonly string[], step: number): void {
  let again: string;
  try {
    again = canonicalJson(enabledActionsOf(model, state, step));
  } catch (err) {
    throw modelThrew(model.name, `actions() at step ${step}`, err, 'actions');
  }
  if (again !== `[${keys.join(',')}]`) throw modelNondeterministic(model.name, `actions() returned different actions for the same state at step ${step}`);
}

