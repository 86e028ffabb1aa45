// Goal: the PRNG is a pinned, seed-determined stream with exact closed ranges.
// Method: snapshot the first draws of a known seed; fast-check the range and permutation laws.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createPrng, ratio } from '../../lib/index.js';

describe('createPrng', () => {
  it('draws the same pinned numbers for seed 1 (an algorithm change cannot pass silently)', () => {
    const prng = createPrng(1);
    const draws = [prng.int(0, 1000), prng.int(0, 1000), prng.int(-5, 5), prng.subSeed(), prng.pick(['a', 'b', 'c'])];
    expect(draws).toMatchInlineSnapshot(`
      [
        786,
        30,
        -5,
        100211362217289,
        "a",
      ]
    `);
  });

  test.prop([fc.nat(2 ** 40), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000)])('int(min, max) stays in the closed range', (seed, min, span) => {
    const prng = createPrng(seed);
    for (let i = 0; i < 20; i++) {
      const x = prng.int(min, min + span);
      expect(x).toBeGreaterThanOrEqual(min);
      expect(x).toBeLessThanOrEqual(min + span);
      expect(Number.isInteger(x)).toBe(true);
    }
  });

  it('reaches both ends of a small range', () => {
    const prng = createPrng(7);
    const seen = new Set(Array.from({ length: 200 }, () => prng.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  test.prop([fc.nat(2 ** 40), fc.array(fc.integer(), { maxLength: 30 })])('shuffle returns a permutation', (seed, list) => {
    const out = createPrng(seed).shuffle(list);
    expect([...out].sort((a, b) => a - b)).toEqual([...list].sort((a, b) => a - b));
  });

  it('chance(ratio) honours 0 and 1 exactly and is near its ratio in between', () => {
    const prng = createPrng(3);
    expect(Array.from({ length: 100 }, () => prng.chance(ratio(0, 5))).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => prng.chance(ratio(5, 5))).every(Boolean)).toBe(true);
    const hits = Array.from({ length: 10_000 }, () => prng.chance(ratio(1, 4))).filter(Boolean).length;
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
  });

  test.prop([fc.nat(2 ** 40)])('the same seed gives the same stream', (seed) => {
    const a = createPrng(seed);
    const b = createPrng(seed);
    expect(Array.from({ length: 10 }, () => a.int(0, 2 ** 40))).toEqual(Array.from({ length: 10 }, () => b.int(0, 2 ** 40)));
  });
});
