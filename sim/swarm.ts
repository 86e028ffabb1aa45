/**
 * Swarm testing (Groce et al., ISSTA 2012): many seeded simulations, each with its own mix drawn
 * from its seed, so that runs differ in what they stress rather than all sampling one average.
 *
 * A swarm first runs the model fault-free for a few fixed seeds: the horizon (how many steps a run
 * takes, and which fault kinds it meets). A seed's mix then switches fault kinds on: all, a share
 * of them, or one (focused). A kind that is on strikes from an onset drawn in the horizon
 * (uniformly, or log-uniformly so that the first steps get their chance against a long run), then
 * at its own rate per step, firing at once or after the model's latency. Half the mixes also vary
 * the timing: latencies are multiplied by a factor per action kind (0 to 10) and per actor (1 to
 * 100), so that orders the model's timing makes rare are tried too. Kinds and actors are not
 * known before a run, so their part of a mix is a fixed hash of the mix's salt and their name.
 * Seeds are sharded by index, so independent processes or machines can split a range and merge
 * their results.
 */
import { createPrng, fingerprint, InputError, ratio, type Ratio } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { defaultSimulationOptions, type FaultPoint } from './options.js';
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

export interface SwarmMix {
  /** Salt of the per-kind draws. */
  readonly salt: number;
  /** The share of fault kinds that are on; 0 for a focused mix, in which one kind met in the horizon runs is on. */
  readonly kindsOn: Ratio;
  /** Whether latencies are scaled by per-kind and per-actor factors (else the model's timing). */
  readonly variedTiming: boolean;
}

/**
 * How one fault kind behaves in a mix: off (ratio 0), or on at `ratio` per step from its onset,
 * firing at once (`prompt`) or after the model's latency. The onset is a step, or the n-th time a
 * fault of the kind becomes enabled (its n-th message in flight, say), counted from 1.
 */
export interface KindMix {
  readonly ratio: Ratio;
  readonly from: { readonly unit: 'step' | 'enabling'; readonly at: number };
  readonly prompt: boolean;
}

/** Rates a fault kind that is on may draw, per step in which it is enabled: from rare to at once. */
const FAULT_RATIOS: readonly Ratio[] = [ratio(1, 30), ratio(1, 10), ratio(1, 3), ratio(1, 1)];
const KINDS_ON: readonly Ratio[] = [ratio(0, 1), ratio(1, 1), ratio(1, 2), ratio(1, 4)];
/** Latency factors of an action kind, and of an actor, when the timing is varied; 1 (the model's timing) is likeliest. */
const KIND_FACTORS: readonly number[] = [0, 1, 1, 10];
const ACTOR_FACTORS: readonly number[] = [1, 1, 10, 100];
const DRAW_BITS = 20;

/**
 * The mix of one swarm seed, drawn from that seed alone. Its PRNG is seeded by a hash of the
 * seed, not the seed itself, so the mix is not correlated with the run's own sub-seeds.
 */
export function mixOf(seed: number): SwarmMix {
  const prng = createPrng(parseInt(fingerprint(['swarm-mix', seed]).slice(0, 13), 16));
  return { salt: prng.subSeed(), kindsOn: prng.pick(KINDS_ON), variedTiming: prng.chance(ratio(1, 2)) };
}

/** Three independent 20-bit draws from (salt, role, name). */
function draws(mix: SwarmMix, role: string, name: string): [number, number, number] {
  const hex = fingerprint([mix.salt, role, name]);
  return [parseInt(hex.slice(0, 5), 16), parseInt(hex.slice(5, 10), 16), parseInt(hex.slice(10, 15), 16)];
}

/** What a swarm knows of a model before its seeds run: from its fault-free horizon runs. */
export interface Horizon {
  /** The median number of steps of those runs. */
  readonly steps: number;
  /** The fault kinds they met, sorted. */
  readonly faultKinds: readonly string[];
  /** Per fault kind met, the median number of times one of its faults became enabled in a run. */
  readonly enablings: Readonly<Record<string, number>>;
}

/**
 * How a fault kind behaves in a mix. Its onset is a share of the horizon, in steps or (for half
 * the kinds met in the horizon) in the kind's own enablings, so that a fault of one message among
 * many polls gets its chance; the share is drawn uniformly or log-uniformly (so the first few
 * steps, where a lost CTR reply matters, get their chance against a long run).
 */
export function kindMixIn(mix: SwarmMix, kind: string, horizon: Horizon): KindMix {
  const [on, rate, onset] = draws(mix, 'fault', kind);
  const prompt = (on >> 10) % 2 === 0;
  const focused = mix.kindsOn.numerator === 0;
  const isOn = focused
    ? horizon.faultKinds[mix.salt % Math.max(1, horizon.faultKinds.length)] === kind
    : on % mix.kindsOn.denominator < mix.kindsOn.numerator;
  if (!isOn) return { ratio: ratio(0, 1), from: { unit: 'step', at: 0 }, prompt };
  const enablings = horizon.enablings[kind] ?? 0;
  const unit = enablings > 0 && (on >> 12) % 2 === 0 ? 'enabling' : 'step';
  const span = unit === 'enabling' ? enablings : horizon.steps;
  const share = onset / 2 ** DRAW_BITS;
  // Uniform in 0..span-1, or log-uniform (0 likeliest); enablings count from 1.
  const at = ((on >> 11) % 2 === 0 ? Math.floor(share * span) : Math.floor((span + 1) ** share) - 1) + (unit === 'enabling' ? 1 : 0);
  return { ratio: FAULT_RATIOS[rate % FAULT_RATIOS.length] as Ratio, from: { unit, at }, prompt };
}

/** Whether a kind's onset has come at a point of the run. */
export function hasStruck(k: KindMix, point: FaultPoint): boolean {
  return (k.from.unit === 'step' ? point.step : point.enablings) >= k.from.at;
}

/** The latency factor of an action kind (`role` kind) or of an actor (`role` actor) in a mix. */
export function latencyFactorIn(mix: SwarmMix, role: 'kind' | 'actor', name: string): number {
  if (!mix.variedTiming) return 1;
  const [factor] = draws(mix, role, name);
  const factors = role === 'kind' ? KIND_FACTORS : ACTOR_FACTORS;
  return factors[factor % factors.length] as number;
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
  readonly mix: SwarmMix;
  /** The fault kinds the run met (offered at some step), each with its part of the mix, by name. */
  readonly faults: Readonly<Record<string, KindMix>>;
  /** The action kinds (faults aside) and actors the run scheduled whose latency factor is not 1, by name. */
  readonly timing: { readonly kinds: Readonly<Record<string, number>>; readonly actors: Readonly<Record<string, number>> };
  readonly run: SimRun;
}

/** The name a failing run's verdict gives: the broken invariant, or `deadlock`. */
export function failureName(run: SimRun): string | undefined {
  return run.verdict.result === 'ok' ? undefined : run.verdict.result === 'deadlock' ? 'deadlock' : run.verdict.name;
}

/** The first of `seeds` whose run fails with `name` (an invariant, or `deadlock`); undefined when none does. */
export function firstFailing<S, A>(swarm: Swarm<S, A>, seeds: Iterable<number>, name: string): SwarmRun | undefined {
  for (const seed of seeds) {
    const one = swarm.run(seed);
    if (failureName(one.run) === name) return one;
  }
  return undefined;
}

/** The lower median: a run stuck in a loop does not pull it up. */
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1] ?? 0;

const byName = <T>(m: Map<string, T>): Record<string, T> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Seeds of the fault-free runs that measure a model's horizon. */
const HORIZON_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
/** A run this many times the horizon's length is taken to be looping. */
const LOOP_FACTOR = 4;

export interface Swarm<S, A> {
  /** Fault-free runs at the model's timing: how long they take sets where faults strike. */
  readonly horizon: Horizon;
  /** Where each run stops if nothing else ends it. */
  readonly stepsMax: number;
  /** Runs one seed: its own mix, then an ordinary simulation from that seed. */
  run(seed: number): SwarmRun;
  readonly model: Model<S, A>;
}

/**
 * A swarm over `model`: its horizon is measured once, then every seed's run is a function of the
 * seed alone. Without `stepsMax`, a run stops after four times the horizon's steps (100 to 1,000):
 * one that long is looping (polling a recovery that never ends, say), and the next seed is worth
 * more than its tail.
 */
export function createSwarm<S, A>(model: Model<S, A>, stepsMax?: number): Swarm<S, A> {
  const runs = HORIZON_SEEDS.map((seed) => {
    const enablings = new Map<string, number>();
    const faultRatio = (kind: string, at: FaultPoint) => (enablings.set(kind, at.enablings), ratio(0, 1));
    return { steps: simulate(model, { seed, faultRatio, ...(stepsMax === undefined ? {} : { stepsMax }) }).steps.length, enablings };
  });
  const faultKinds = [...new Set(runs.flatMap((r) => [...r.enablings.keys()]))].sort();
  const enablings = Object.fromEntries(faultKinds.map((kind) => [kind, median(runs.map((r) => r.enablings.get(kind) ?? 0))]));
  const horizon: Horizon = { steps: Math.max(1, median(runs.map((r) => r.steps))), faultKinds, enablings };
  const bound = stepsMax ?? Math.min(defaultSimulationOptions.stepsMax, Math.max(100, LOOP_FACTOR * horizon.steps));
  return { horizon, stepsMax: bound, model, run: (seed) => swarmRun(model, seed, horizon, bound) };
}

function swarmRun<S, A>(model: Model<S, A>, seed: number, horizon: Horizon, stepsMax: number): SwarmRun {
  const mix = mixOf(seed);
  const faults = new Map<string, KindMix>();
  const factors = { kind: new Map<string, number>(), actor: new Map<string, number>() };
  const kindMix = (kind: string): KindMix => {
    if (!faults.has(kind)) faults.set(kind, kindMixIn(mix, kind, horizon));
    return faults.get(kind) as KindMix;
  };
  const factorOf = (role: 'kind' | 'actor', name: string): number => {
    if (!factors[role].has(name)) factors[role].set(name, latencyFactorIn(mix, role, name));
    return factors[role].get(name) as number;
  };
  const run = simulate(model, {
    seed,
    faultRatio: (kind, at) => (hasStruck(kindMix(kind), at) ? kindMix(kind).ratio : ratio(0, 1)),
    latencyFactor: ({ kind, actor, fault }) => (fault ? (kindMix(kind).prompt ? 0 : 1) : factorOf('kind', kind) * factorOf('actor', actor)),
    stepsMax,
  });
  const varied = (m: Map<string, number>) => byName(new Map([...m].filter(([, f]) => f !== 1)));
  return { seed, mix, faults: byName(faults), timing: { kinds: varied(factors.kind), actors: varied(factors.actor) }, run };
}
