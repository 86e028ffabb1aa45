/**
 * Swarm testing (Groce et al., ISSTA 2012): many seeded simulations, each with its own fault mix
 * drawn from its seed (how often faults fire, and which kinds are switched off entirely), so that
 * runs differ in what they stress rather than all sampling one average mix. Seeds are sharded by
 * index, so independent processes or machines can split a range and merge their results.
 */
import { createPrng, fingerprint, InputError, ratio, type Ratio } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { simulate, type SimRun } from './simulate.js';

export interface SeedRange {
  readonly from: number;
  readonly to: number;
}

export interface Shard {
  /** 0-based, as a Kubernetes Indexed Job's completion index. */
  readonly index: number;
  readonly count: number;
}

export interface FaultMix {
  readonly faultRatio: Ratio;
  /** Every fault kind is on unless its hash with the mix seed says off; `keepRatio` of them stay on. */
  readonly kindSeed: number;
  readonly keepRatio: Ratio;
}

/** Fault chances a swarm run may draw: from none to half of the chances. */
const FAULT_RATIOS: readonly Ratio[] = [ratio(0, 1), ratio(1, 100), ratio(1, 20), ratio(1, 5), ratio(1, 2)];

/** The fault mix of one swarm seed, drawn from that seed alone. */
export function faultMixOf(seed: number): FaultMix {
  const prng = createPrng(seed);
  return { faultRatio: prng.pick(FAULT_RATIOS), kindSeed: prng.subSeed(), keepRatio: prng.pick([ratio(1, 1), ratio(1, 2), ratio(1, 4)]) };
}

/** Whether a fault kind is on in a mix: a fixed function of (kind seed, kind name). */
export function isKindEnabled(mix: FaultMix, kind: string): boolean {
  const draw = parseInt(fingerprint([mix.kindSeed, kind]).slice(0, 8), 16) % mix.keepRatio.denominator;
  return draw < mix.keepRatio.numerator;
}

/** The seeds of `range` that belong to `shard`: every `count`-th, starting at offset `index`. */
export function shardSeeds(range: SeedRange, shard: Shard): number[] {
  if (!(Number.isSafeInteger(range.from) && Number.isSafeInteger(range.to) && range.from >= 0 && range.from <= range.to)) {
    throw new InputError(`seed range must be A..B with 0 <= A <= B < 2^53; got ${range.from}..${range.to}`);
  }
  if (!(Number.isSafeInteger(shard.count) && shard.count >= 1 && Number.isSafeInteger(shard.index) && shard.index >= 0 && shard.index < shard.count)) {
    throw new InputError(`shard must be i/n with 0 <= i < n; got ${shard.index}/${shard.count}`);
  }
  const seeds: number[] = [];
  for (let seed = range.from + shard.index; seed <= range.to; seed += shard.count) seeds.push(seed);
  return seeds;
}

export interface SwarmRun {
  readonly seed: number;
  readonly mix: FaultMix;
  readonly run: SimRun;
}

/** Runs one seed of a swarm: its own fault mix, then an ordinary simulation from that seed. */
export function swarmRun<S, A>(model: Model<S, A>, seed: number, stepsMax?: number): SwarmRun {
  const mix = faultMixOf(seed);
  const run = simulate(model, {
    seed,
    faultRatio: mix.faultRatio,
    faultKindEnabled: (kind) => isKindEnabled(mix, kind),
    ...(stepsMax === undefined ? {} : { stepsMax }),
  });
  return { seed, mix, run };
}
