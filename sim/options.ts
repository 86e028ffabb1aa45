/** Simulation options: partial at the edge, resolved and validated once (STYLE.md 7). */
import { InputError, ratio, type Ratio } from '../lib/index.js';

export interface SimulationOptions {
  /** Decimal integer, 0 <= seed < 2^53. */
  seed: number;
  /** The run ends as `ok` after this many steps. */
  stepsMax: number;
  /** Latency of an action whose model gives no hint, in ticks, inclusive. */
  latencyTicksMin: number;
  latencyTicksMax: number;
  /**
   * Per fault kind (action type) and point of the run: the chance that an enabled fault not yet
   * scheduled is scheduled, drawn again after every step that changes the state. A fault that
   * stays enabled (a daemon that may crash) so lands at a random point of the run, not only where
   * it first became enabled. A ratio of 0 keeps the kind off there; an off fault still fires when
   * nothing else can move.
   */
  faultRatio: (kind: string, at: FaultPoint) => Ratio;
  /**
   * A whole factor on an action's latency range (the model's hint, or the default range): 0 makes
   * the action fire at once, 100 makes it slow. The swarm varies it per seed, so that orders the
   * model's timing makes rare (a timeout before the reply it waits for, one node's message long
   * after another's) are tried; a plain run keeps the model's timing (1).
   */
  latencyFactor: (action: ActionTraits) => number;
}

/** Where a run is, for a fault kind: steps taken so far, and how often a fault of the kind has become enabled (a message put in flight, a thread entering its handler), this time included. */
export interface FaultPoint {
  readonly step: number;
  readonly enablings: number;
}

/** What the options may know of an action: its kind (action type), its actor, and whether it is a fault. */
export interface ActionTraits {
  readonly kind: string;
  readonly actor: string;
  readonly fault: boolean;
}

/**
 * Faults are rare in a plain run: one chance in 500 per step and enabled fault, so a run of the
 * default model meets a daemon crash in about one seed in fifteen. The swarm varies this per seed.
 */
export const DEFAULT_FAULT_RATIO: Ratio = ratio(1, 500);

export const defaultSimulationOptions: Omit<SimulationOptions, 'seed'> = {
  stepsMax: 1000,
  latencyTicksMin: 1,
  latencyTicksMax: 10,
  faultRatio: () => DEFAULT_FAULT_RATIO,
  latencyFactor: () => 1,
};

/** Complete, validated options; bad values are InputError. */
export function resolveSimulationOptions(partial: Partial<SimulationOptions> & { seed: number }): SimulationOptions {
  const options = { ...defaultSimulationOptions, ...partial };
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new InputError(`seed must be an integer with 0 <= seed < 2^53; got ${options.seed}`);
  if (!Number.isSafeInteger(options.stepsMax) || options.stepsMax < 0) throw new InputError(`steps must be a non-negative integer; got ${options.stepsMax}`);
  const { latencyTicksMin: min, latencyTicksMax: max } = options;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
    throw new InputError(`latency range must be integers 0 <= min <= max; got ${min}..${max}`);
  }
  return options;
}
