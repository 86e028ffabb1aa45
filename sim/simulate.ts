/**
 * The discrete-event simulator. Every enabled action is scheduled with a sampled latency; the
 * earliest fires, ties broken by the PRNG; actions that became disabled are dropped; a fault
 * action is scheduled only by chance. An action that fires without changing the state (a
 * stutter, such as re-receiving a message) is not recorded and not rescheduled until it is
 * disabled and enabled again, so self-loops cannot fill a run. Invariants are checked after every
 * step. All randomness
 * comes from one seed, split at start-up into sub-seeds in a fixed order: initial state,
 * latency, faults, tie-breaks. A new consumer takes the next sub-seed, so earlier streams stay put.
 */
import { canonicalJson, createPrng, fingerprint, ModelError, type Prng } from '../lib/index.js';
import {
  actorOf, callModel, enabledActionsOf, firstBrokenInvariant, initialStatesOf, isDeadlock, isFinal, kindOf, labelOf, modelNondeterministic, modelThrew, nextCall,
  stateFingerprint, successorOf, type LatencyTicks, type Model,
} from '../model/index.js';
import type { TraceStep, TraceVerdict } from '../trace/index.js';
import { EventQueue, type SimEvent } from './event-queue.js';
import { resolveSimulationOptions, type SimulationOptions } from './options.js';

export interface SimRun {
  readonly initial: { readonly index: number; readonly fingerprint: string; readonly state: unknown; readonly time: number };
  readonly steps: readonly TraceStep[];
  readonly verdict: TraceVerdict;
  readonly virtualTime: number;
}

interface Streams {
  latency: Prng;
  faults: Prng;
  tieBreak: Prng;
}

/** Runs `model` from one seed; the same model, options and seed give the same run. */
export function simulate<S, A>(model: Model<S, A>, partial: Partial<SimulationOptions> & { seed: number }): SimRun {
  const options = resolveSimulationOptions(partial);
  const name = model.name;
  const root = createPrng(options.seed);
  const initPrng = createPrng(root.subSeed());
  const streams: Streams = {
    latency: createPrng(root.subSeed()),
    faults: createPrng(root.subSeed()),
    tieBreak: createPrng(root.subSeed()),
  };
  const call = <T>(where: string, f: () => T): T => callModel(name, where, f);
  // The walk that fingerprints a state refuses what JSON cannot carry, naming where it is.
  const fingerprintOf = (s: S, where: string): string => stateFingerprint(model, s, where);

  const inits = initialStatesOf(model);
  const initialIndex = inits.length === 1 ? 0 : initPrng.int(0, inits.length - 1);
  let state = inits[initialIndex] as S;
  const initial = { index: initialIndex, fingerprint: fingerprintOf(state, 'init()'), state: state as unknown, time: 0 };

  const steps: TraceStep[] = [];
  const queue = new EventQueue<A>();
  const scheduled = new Map<string, number>(); // action key -> seq of its live event
  const suppressed = new Set<string>();
  const stuttered = new Set<string>();
  let clock = 0;
  let seq = 0;
  const finish = (verdict: TraceVerdict): SimRun => ({ initial, steps, verdict, virtualTime: clock });

  const broken0 = firstBrokenInvariant(model, state, 0);
  if (broken0 !== undefined) return finish(violation(model, broken0, 0));

  while (steps.length < options.stepsMax) {
    const k = steps.length + 1;
    const enabled = enabledActionsOf(model, state, k - 1);
    let keys: string[];
    try {
      keys = enabled.map((a) => canonicalJson(a));
    } catch (err) {
      throw modelThrew(name, `actions() at step ${k - 1}`, err, 'an action');
    }
    verifyDeterministic(model, state, keys, k - 1);
    const enabledKeys = new Set(keys);
    for (const key of [...scheduled.keys()]) if (!enabledKeys.has(key)) scheduled.delete(key);
    for (const key of [...suppressed]) if (!enabledKeys.has(key)) suppressed.delete(key);
    for (const key of [...stuttered]) if (!enabledKeys.has(key)) stuttered.delete(key);

    for (const [i, action] of enabled.entries()) {
      const key = keys[i] as string;
      if (scheduled.has(key) || suppressed.has(key) || stuttered.has(key)) continue;
      const fault = model.isFault ? call('isFault()', () => model.isFault!(action)) : false;
      if (fault && !(options.faultKindEnabled(kindOf(action)) && streams.faults.chance(options.faultRatio))) {
        suppressed.add(key);
        continue;
      }
      schedule(action, key);
    }
    if (scheduled.size === 0) {
      if (enabled.length === 0) {
        return finish(isDeadlock(model, state, enabled, k - 1) ? { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: k - 1 } : { result: 'ok', end: 'final' });
      }
      // Only suppressed faults are left: the system cannot move without one, so they all become possible.
      if (suppressed.size === 0) return finish({ result: 'ok', end: 'quiescent' });
      for (const key of suppressed) schedule(enabled[keys.indexOf(key)] as A, key);
      suppressed.clear();
    }

    const event = popLive();
    scheduled.delete(event.key);
    clock = event.dueTick;
    const action = event.action;
    const previous = state;
    const previousFingerprint = steps.length > 0 ? (steps[steps.length - 1] as TraceStep).fingerprint : initial.fingerprint;
    state = successorOf(model, previous, action, k);
    const reached = fingerprintOf(state, nextCall(model, action, k));
    if (reached === previousFingerprint) {
      stuttered.add(event.key);
      continue;
    }
    if (fingerprint(previous) !== previousFingerprint) throw modelNondeterministic(name, `next() changed its input state at step ${k} (it must return a new state)`);
    if (fingerprintOf(successorOf(model, previous, action, k), nextCall(model, action, k)) !== reached) {
      throw modelNondeterministic(name, `next() returned different states for the same state and action at step ${k}`);
    }
    steps.push({
      action,
      actionIndex: keys.indexOf(event.key),
      label: call('label()', () => labelOf(model, action)),
      actor: call('actor()', () => actorOf(model, action)),
      time: clock,
      fingerprint: reached,
      state,
    });
    const broken = firstBrokenInvariant(model, state, k);
    if (broken !== undefined) return finish(violation(model, broken, k));
    if (isFinal(model, state, k)) return finish({ result: 'ok', end: 'final' });
  }
  return finish({ result: 'ok', end: 'stepsMax' });

  function schedule(action: A, key: string): void {
    const latency = model.latency ? call('latency()', () => model.latency!(action, state)) : undefined;
    const [min, max] = latencyRange(name, latency, options);
    const event: SimEvent<A> = { dueTick: clock + streams.latency.int(min, max), tieBreak: streams.tieBreak.int(0, 0x7fffffff), seq: seq++, key, action };
    scheduled.set(key, event.seq);
    queue.push(event);
  }

  function popLive(): SimEvent<A> {
    for (;;) {
      const event = queue.pop();
      if (event === undefined) throw new Error('simulator agenda is empty while actions are scheduled');
      if (scheduled.get(event.key) === event.seq) return event;
    }
  }
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

