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
  /** Chance that a fault action, when it becomes enabled, is scheduled at all. */
  faultRatio: Ratio;
  /**
   * Which kinds of fault (action types) this run allows at all; swarm runs switch kinds off per
   * seed. A switched-off fault still fires when nothing else can move.
   */
  faultKindEnabled: (kind: string) => boolean;
}

export const defaultSimulationOptions: Omit<SimulationOptions, 'seed'> = {
  stepsMax: 1000,
  latencyTicksMin: 1,
  latencyTicksMax: 10,
  faultRatio: ratio(1, 10),
  faultKindEnabled: () => true,
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
