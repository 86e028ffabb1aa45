/**
 * The judgements every engine makes about a state, asked of the model once each way: the first
 * invariant it breaks, whether it is final, and whether having no enabled action there is a
 * deadlock (DESIGN.md: a state with no enabled action that is not `final`).
 */
import type { Model } from '../contract.js';
import { askModel } from './guarded.js';
import { booleanAnswer, modelThrew } from './model-error.js';

/** Named predicates, listed once to judge many states by. */
export type Predicates<S> = readonly (readonly [string, (s: S) => boolean])[];

/**
 * The first of `invariants` that `s` breaks, or undefined. The common answer is tested first;
 * anything but true or false is the model's mistake, never a violation.
 */
export function firstBroken<S>(modelName: string, invariants: Predicates<S>, s: S, step: number): string | undefined {
  let current = '';
  try {
    for (const [name, holds] of invariants) {
      current = name;
      const answer: unknown = holds(s);
      if (answer !== true && !booleanAnswer(modelName, `invariant ${name}`, answer, step)) return name;
    }
  } catch (err) {
    throw modelThrew(modelName, `invariant ${current} at step ${step}`, err);
  }
  return undefined;
}

/** The first invariant `s` breaks (in declaration order), or undefined. */
export function firstBrokenInvariant<S, A>(model: Model<S, A>, s: S, step: number): string | undefined {
  return firstBroken(model.name, Object.entries(model.invariants), s, step);
}

/** The model's `final(s)`; false for a model without the hook. */
export function isFinal<S, A>(model: Model<S, A>, s: S, step: number): boolean {
  return model.final ? askModel(model.name, 'final()', model.final, s, step) : false;
}

/** A state whose enabled actions are `enabled` is a deadlock: none is enabled, and it is not final. */
export function isDeadlock<S, A>(model: Model<S, A>, s: S, enabled: readonly A[], step: number): boolean {
  return enabled.length === 0 && !isFinal(model, s, step);
}
