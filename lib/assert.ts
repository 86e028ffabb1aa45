/** Assertions for our own mistakes (STYLE.md 11); a failure means a bug in this code, not bad input. */

export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** Throws when `cond` is false; `why` says what should have held. */
export function assert(cond: unknown, why: string): asserts cond {
  if (!cond) throw new AssertionError(`assertion failed: ${why}`);
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never): never {
  throw new AssertionError(`unexpected value: ${JSON.stringify(value)}`);
}
