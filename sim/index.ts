/** sim/: the discrete-event simulator. */
export { simulate, type SimRun } from './simulate.js';
export { faultMixOf, isKindEnabled, shardSeeds, swarmRun, type FaultMix, type SeedRange, type Shard, type SwarmRun } from './swarm.js';
export { resolveSimulationOptions, defaultSimulationOptions, type SimulationOptions } from './options.js';
export { EventQueue, type SimEvent } from './event-queue.js';
