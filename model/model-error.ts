/**
 * One wording for a misbehaving model across engines (DESIGN.md "Input rules"): a model that
 * throws, is nondeterministic, or returns non-JSON data is reported as such, never as a violation.
 */
import { messageOf, ModelError, NotJsonError } from '../lib/index.js';

/** `where` is like `next() at step 4` or `invariant TCConsistent at step 2`. */
export function modelThrew(modelName: string, where: string, err: unknown): ModelError {
  if (err instanceof ModelError) return err;
  if (err instanceof NotJsonError) {
    return new ModelError(`model ${modelName} returned non-JSON data from ${where}: ${err.message}`);
  }
  return new ModelError(`model ${modelName} threw in ${where}: ${messageOf(err)}`);
}

/** The model gave different answers to the same question. */
export function modelNondeterministic(modelName: string, what: string): ModelError {
  return new ModelError(
    `model ${modelName} is not deterministic: ${what} (does it use randomness, the clock, mutable globals, or mutate its state?)`,
  );
}
