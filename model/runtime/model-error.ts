/**
 * One wording for a misbehaving model across engines (DESIGN.md "Input rules"): a model that
 * throws, is nondeterministic, returns non-JSON data, or answers a yes/no question with something
 * other than a boolean is reported as such (exit 2), never as a verdict about the protocol.
 */
import { messageOf, ModelError, NotJsonError } from '../../lib/index.js';

/**
 * `where` is like `next() at step 4` or `invariant TCConsistent at step 2`; `returned` names what
 * `where` returns (`a state`, `actions`), for a message about data JSON cannot carry.
 */
export function modelThrew(modelName: string, where: string, err: unknown, returned?: string): ModelError {
  if (err instanceof ModelError) return err;
  if (err instanceof NotJsonError) {
    if (returned === undefined) return new ModelError(`model ${modelName} returned non-JSON data from ${where}: ${err.message}`);
    const inside = err.path.slice(1);
    return new ModelError(
      inside === ''
        ? `model ${modelName}: ${where} returned ${err.what}, not ${returned}`
        : `model ${modelName}: ${where} returned ${returned} with ${err.what} at ${inside} (not JSON data)`,
    );
  }
  return new ModelError(`model ${modelName} threw in ${where}: ${messageOf(err)}`);
}

/** The model gave different answers to the same question. */
export function modelNondeterministic(modelName: string, what: string): ModelError {
  return new ModelError(
    `model ${modelName} is not deterministic: ${what} (does it use randomness, the clock, mutable globals, or mutate its state?)`,
  );
}

/** A value as a message names it: `undefined`, `the number 3`, `a string`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return `the number ${String(value)}`;
    case 'string':
      return 'a string';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/**
 * A predicate's answer (an invariant, a witness, `final`, a liveness trigger or goal): a forgotten
 * `return` gives undefined, which must not read as "violated". `what` is like `invariant Safe`.
 * Engines test `r === true` first and call this only on the other path, so it costs nothing.
 */
export function booleanAnswer(modelName: string, what: string, answer: unknown, step?: number): boolean {
  if (answer === true || answer === false) return answer;
  throw new ModelError(`model ${modelName}: ${what} returned ${describeValue(answer)}, not a boolean${step === undefined ? '' : ` (at step ${step})`}`);
}

/**
 * A state is JSON data of any shape (an object, an array, a number…); `undefined` is the one
 * answer that cannot be one, and the usual sign of a forgotten `return`. Non-JSON values inside
 * a state are refused where the state is walked for its fingerprint.
 */
export function isStateShaped(value: unknown): boolean {
  return value !== undefined;
}

/** `next()` or `init()` gave something that is not a state; `where` names the call (and the action). */
export function notAState(modelName: string, where: string, value: unknown): ModelError {
  return new ModelError(`model ${modelName}: ${where} returned ${describeValue(value)}, not a state (JSON data)`);
}
