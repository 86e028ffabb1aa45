/**
 * `sim drive`: the model's runs performed on an implementation through an adapter. Each run
 * starts from a reset; after every step the implementation's observation is compared with the
 * model's state restricted to the observed fields. The first mismatch ends the drive; it is then
 * shrunk (fewer actors and faults, then fewer steps) while a mismatch at the same field still
 * shows, and the shrunk run is what the caller saves as a trace.
 */
import { canonicalJson } from '../lib/index.js';
import {
  callModel, enabledActionsOf, initialStatesOf, labelOf, modelNondeterministic, replayActionValues, successorOf, type Model, type Path,
} from '../model/index.js';
import { callAdapter, observation, type Adapter } from './adapter.js';
import { shrinkMismatch } from './drive-shrink.js';
import { firstMismatch, type Mismatch } from './match.js';

/** One run to drive: the model's initial state (its index in init()) and the actions from it. */
export interface DriveRun<A = unknown> {
  /** `seed 7`, `trace x.trace.json`: what the run is, for messages. */
  readonly name: string;
  readonly initialIndex: number;
  readonly actions: readonly A[];
}

export interface DriveOptions {
  /** The adapter's name in messages (its file). */
  readonly adapterName: string;
  readonly timeoutMs?: number;
  /** Called before each run; `index` counts from 0. */
  readonly onRun?: (index: number, total: number) => void;
}

/** Where a run and the implementation part: the step (0: right after the reset) and the field. */
export interface Divergence<S = unknown, A = unknown> {
  readonly step: number;
  readonly mismatch: Mismatch;
  /** The run up to and including the step where the mismatch shows. */
  readonly path: Path<S, A>;
}

export type DriveResult<S = unknown, A = unknown> =
  | { readonly verdict: 'ok'; readonly runs: number; readonly steps: number }
  | {
      readonly verdict: 'mismatch'; readonly runs: number; readonly steps: number;
      readonly run: DriveRun<A>; readonly found: Divergence<S, A>; readonly shrunk: Divergence<S, A>;
    };

/** Drives every run in turn; stops at the first mismatch, which it shrinks. */
export async function drive<S, A>(model: Model<S, A>, adapter: Adapter<S, A>, runs: readonly DriveRun<A>[], options: DriveOptions): Promise<DriveResult<S, A>> {
  let steps = 0;
  for (const [i, run] of runs.entries()) {
    options.onRun?.(i, runs.length);
    const outcome = await driveActions(model, adapter, run.initialIndex, run.actions, options);
    if (outcome === 'not-enabled') throw modelNondeterministic(model.name, `${run.name}: an action of the run is no longer enabled where it is taken`);
    steps += outcome.steps;
    if (outcome.mismatch === undefined) continue;
    const found = divergence(model, run.initialIndex, run.actions.slice(0, outcome.mismatch.step), outcome.mismatch);
    const path = found.mismatch.path;
    const shrunkActions = await shrinkMismatch(model, found.path.initial, found.path.steps.map((s) => s.action), async (candidate) => {
      const tried = await driveActions(model, adapter, run.initialIndex, candidate, options);
      return tried !== 'not-enabled' && tried.mismatch?.mismatch.path === path ? tried.mismatch.step : undefined;
    });
    // Driven once more for the report; an implementation that does not repeat itself keeps the run found.
    const again = await driveActions(model, adapter, run.initialIndex, shrunkActions, options);
    const shrunk = again === 'not-enabled' || again.mismatch === undefined ? found : divergence(model, run.initialIndex, shrunkActions.slice(0, again.mismatch.step), again.mismatch);
    return { verdict: 'mismatch', runs: i + 1, steps, run, found, shrunk };
  }
  return { verdict: 'ok', runs: runs.length, steps };
}

function divergence<S, A>(model: Model<S, A>, initialIndex: number, actions: readonly A[], at: { step: number; mismatch: Mismatch }): Divergence<S, A> {
  return { step: at.step, mismatch: at.mismatch, path: replayActionValues(model, initialIndex, actions) };
}

interface Driven {
  /** Steps performed. */
  readonly steps: number;
  readonly mismatch?: { readonly step: number; readonly mismatch: Mismatch };
}

/**
 * Resets the implementation and performs `actions` on it and on the model side by side, comparing
 * after the reset and after each step; stops at the first mismatch. `not-enabled` when the model
 * does not allow an action where it comes (a shrinking candidate that is no run of the model).
 */
export async function driveActions<S, A>(model: Model<S, A>, adapter: Adapter<S, A>, initialIndex: number, actions: readonly A[], options: DriveOptions): Promise<Driven | 'not-enabled'> {
  const name = options.adapterName;
  const timeout = options.timeoutMs;
  let state = initialStatesOf(model)[initialIndex] as S;
  await callAdapter(name, 'reset()', () => adapter.reset(state), timeout);
  const compare = async (where: string): Promise<Mismatch | undefined> => {
    const observed = observation(name, where, await callAdapter(name, where, () => adapter.observe(), timeout));
    return firstMismatch(observed, state, 'elementwise');
  };
  const first = await compare('observe() after reset()');
  if (first !== undefined) return { steps: 0, mismatch: { step: 0, mismatch: first } };
  for (let k = 0; k < actions.length; k++) {
    const wanted = canonicalJson(actions[k]);
    const action = enabledActionsOf(model, state, k).find((a) => canonicalJson(a) === wanted);
    if (action === undefined) return 'not-enabled';
    const next = successorOf(model, state, action, k + 1);
    const label = callModel(model.name, `label() at step ${k + 1}`, () => labelOf(model, action));
    await callAdapter(name, `step() at step ${k + 1} (${label})`, () => adapter.step(action, { state, next }), timeout);
    state = next;
    const m = await compare(`observe() after step ${k + 1} (${label})`);
    if (m !== undefined) return { steps: k + 1, mismatch: { step: k + 1, mismatch: m } };
  }
  return { steps: actions.length };
}
