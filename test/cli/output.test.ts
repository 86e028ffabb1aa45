import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../cli/output.js';

describe('count', () => {
  // Except that -0 (or -0.4, rounded) is "0", where en-US writes "-0".
  it('groups digits as en-US does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double({ min: -1e15, max: 1e15, noNaN: true })), (n) => {
        expect(count(n)).toBe((Math.round(n) + 0).toLocaleString('en-US'));
      }),
    );
    for (const n of [0, 7, 999, 1000, 12_345, 123_456, 1_234_567, -1000, 61_515_776]) expect(count(n)).toBe(n.toLocaleString('en-US'));
  });

  it('writes a non-finite number as it is', () => {
    expect(count(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(count(Number.NaN)).toBe('NaN');
  });
});
