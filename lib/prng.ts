/**
 * The one seeded PRNG (STYLE.md 6), over seedrandom's alea: fast, and the same sequence on every
 * machine. Closed ranges, probabilities as ratios, sub-seeds drawn in a fixed order.
 */
import seedrandom from 'seedrandom';
import { assert } from './assert.js';

/** A probability as an exact fraction: `numerator` chances in `denominator`. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export function ratio(numerator: number, denominator: number): Ratio {
  assert(Number.isInteger(numerator) && Number.isInteger(denominator), 'ratio terms are integers');
  assert(denominator > 0 && numerator >= 0 && numerator <= denominator, 'ratio is within [0, 1]');
  return { numerator, denominator };
}

export interface Prng {
  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `r`. */
  chance(r: Ratio): boolean;
  /** A uniform element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** A new array with the elements of `list` in a uniformly random order (Fisher-Yates). */
  shuffle<T>(list: readonly T[]): T[];
  /** A seed for a subsystem's own PRNG; call in a fixed order at start-up. */
  subSeed(): number;
}

const TWO_POW_32 = 4294967296;

/** A PRNG for a decimal integer seed, 0 <= seed < 2^53. */
export function createPrng(seed: number): Prng {
  assert(Number.isSafeInteger(seed) && seed >= 0, 'seed is a non-negative safe integer');
  const source = seedrandom.alea(String(seed));
  // 53 random bits: two 32-bit draws, so ranges up to 2^53 stay uniform.
  const next53 = (): number => (source.int32() >>> 11) * TWO_POW_32 + (source.int32() >>> 0);
  const below = (n: number): number => {
    // Rejection sampling keeps every value in [0, n) equally likely.
    const limit = Math.floor(2 ** 53 / n) * n;
    for (;;) {
      const x = next53();
      if (x < limit) return x % n;
    }
  };
  return {
    int(min, max) {
      assert(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= max, 'int range is valid');
      return min + below(max - min + 1);
    },
    chance(r) {
      if (r.numerator === 0) return false;
      return below(r.denominator) < r.numerator;
    },
    pick(list) {
      assert(list.length > 0, 'pick from a non-empty list');
      return list[below(list.length)] as (typeof list)[number];
    },
    shuffle(list) {
      const out = list.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = below(i + 1);
        const t = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = t;
      }
      return out;
    },
    subSeed() {
      return below(2 ** 53);
    },
  };
}
