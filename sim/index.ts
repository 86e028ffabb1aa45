/** sim/: the discrete-event simulator. */
export { simulate, type SimRun } from './simulate.js';
export { failureName, firstFailing, hasStruck, kindMixIn, latencyFactorIn, mixOf, shardSeeds, createSwarm, type Swarm, type SwarmMix, type KindMix, type Horizon, type SeedRange, type Shard, type SwarmRun } from './swarm.js';
export { resolveSimulationOptions, defaultSimulationOptions, DEFAULT_FAULT_RATIO, type SimulationOptions, type ActionTraits, type FaultPoint } from './options.js';
export { EventQueue, type SimEvent } from './event-queue.js';
