/**
 * The adapter between a model and an implementation under test: `reset` starts the
 * implementation afresh, `step` performs one action, `observe` reports its state projected onto
 * the model's fields. Calls may return promises. An adapter is code its user wrote and named;
 * every call is guarded, so a throw, a hang or an answer that is not JSON data is one line
 * naming the call and the step, never a verdict about the implementation.
 */
import { canonicalJson, InputError, messageOf } from '../lib/index.js';

/** The model's side of a step: the state the action is taken in and the state it leads to. */
export interface StepContext<S = unknown> {
  readonly state: S;
  readonly next: S;
}

export interface Adapter<S = unknown, A = unknown> {
  /**
   * Starts the implementation afresh, in the model's initial state `initial` (an adapter may
   * set up from it what the implementation starts with, such as the disk a daemon finds).
   */
  reset(initial: S): unknown;
  /**
   * Performs `action` on the implementation. `context` holds the model's states around it, for
   * actions that refer to model data (a delivery names its datagram by its place in a channel).
   */
  step(action: A, context: StepContext<S>): unknown;
  /**
   * The implementation's state, projected onto the model's fields: compared with the model's
   * state restricted to the fields returned (objects field by field, arrays element by element).
   */
  observe(): unknown;
  /** Releases what the adapter holds (files, processes), once, after the last run. */
  close?(): unknown;
}

/** An adapter that failed: a throw, a timeout, or a bad answer (exit 2, like a misbehaving model). */
export class AdapterError extends InputError {
  override name = 'AdapterError';
}

/** `value` as an adapter, checked to have the three methods; `name` says where it came from. */
export function adapterOf(value: unknown, name: string): Adapter {
  if (value === null || typeof value !== 'object') throw new AdapterError(`${name} is not an adapter: it is ${value === null ? 'null' : typeof value}, not an object with reset(), step() and observe()`);
  const record = value as Record<string, unknown>;
  const missing = ['reset', 'step', 'observe'].filter((m) => typeof record[m] !== 'function');
  if (missing.length > 0) throw new AdapterError(`${name} is not an adapter: it has no ${missing.map((m) => `${m}()`).join(', ')} method`);
  if (record.close !== undefined && typeof record.close !== 'function') throw new AdapterError(`${name}: close must be a method`);
  return value as Adapter;
}

/** How long one adapter call may take before it counts as hung. */
export const ADAPTER_TIMEOUT_MS = 30_000;

/**
 * `f()`, an adapter call, awaited; a throw, a rejection or no answer within `timeoutMs` is an
 * AdapterError naming `where` (`step() at step 3 (DeliverRequest …)`).
 */
export async function callAdapter<T>(name: string, where: string, f: () => T | Promise<T>, timeoutMs = ADAPTER_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AdapterError(`${name}: ${where} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(f), hung]);
  } catch (err) {
    if (err instanceof AdapterError) throw err;
    throw new AdapterError(`${name} threw in ${where}: ${messageOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** What `observe()` returned, checked to be JSON data (a projection is compared as data). */
export function observation(name: string, where: string, value: unknown): unknown {
  if (value === undefined) throw new AdapterError(`${name}: ${where} returned undefined, not the implementation's state (JSON data)`);
  try {
    canonicalJson(value);
  } catch (err) {
    const what = err instanceof RangeError ? 'a circular or too deeply nested value' : messageOf(err);
    throw new AdapterError(`${name}: ${where} returned something that is not JSON data: ${what}`);
  }
  return value;
}
