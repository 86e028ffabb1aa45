// Small JSON states for diff properties: few keys and few leaf values, so that two states drawn
// independently share much of their structure and differ in a few fields, as consecutive steps do.
import { fc } from '@fast-check/vitest';

const leaf = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null), fc.constantFrom('x', 'y'));

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 3 }),
  ),
}));

/** Any small JSON value. */
export const jsonValue: fc.Arbitrary<unknown> = value;

/** A state: a record with fixed top-level keys, whose values are small JSON values. */
export const jsonState: fc.Arbitrary<Record<string, unknown>> = fc.record({ a: value, b: value, c: value });

/** Two states, often close to each other: the second is the first with some fields redrawn. */
export const statePair: fc.Arbitrary<[Record<string, unknown>, Record<string, unknown>]> = fc
  .tuple(jsonState, jsonState, fc.subarray(['a', 'b', 'c']))
  .map(([before, other, redrawn]) => [before, { ...before, ...Object.fromEntries(redrawn.map((k) => [k, other[k]])) }]);
