// Goal: every simulator trace, plain or from a swarm mix, is a path in the checker's state graph (time is abstracted, nothing else).
// Method: collect each model's reachable fingerprints with the checker, then fast-check seeds: every step's
// action is enabled in the previous state and every state is in the checker's set.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { checker } from '../../checker/index.js';
import { canonicalJson, fingerprint } from '../../lib/index.js';
import type { Model } from '../../model/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { createSwarm, simulate, type SimRun } from '../../sim/index.js';
import { checkpointedLogModel } from '../../model/checkpointed-log/index.js';
import dieHard from '../fixtures/models/die-hard.mjs';

function reachable(model: Model<any, any>): Set<string> {
  const seen = new Set<string>();
  const probe = { ...model, invariants: { Collect: (s: unknown) => (seen.add(fingerprint(s)), true) } };
  expect(checker(probe).symmetry(false).deadlocks(false).bfs().verdict).toBe('ok');
  return seen;
}

const dieHardSafe = { ...dieHard, invariants: {} };
const models: [Model<any, any>, Set<string>][] = [twophaseModel(2, 'none'), twophaseModel(4, 'none'), dieHardSafe].map((m) => [m, reachable(m)]);
// With faults, prompt faults and varied latencies: the swarm's runs must stay on the checker's graph too.
const ckptLog = checkpointedLogModel({ faultsMax: 2 });
const swarms = [
  [createSwarm(twophaseModel(4, 'none')), models[1]![1]],
  [createSwarm(ckptLog), reachable(ckptLog)],
] as const;

test.prop([fc.nat(2 ** 53 - 1), fc.constantFrom(...models.keys())], { numRuns: 150 })('simulator paths are checker paths', (seed, i) => {
  const [model, states] = models[i]!;
  expectCheckerPath(model, states, simulate(model, { seed, stepsMax: 100 }));
});

test.prop([fc.nat(2 ** 53 - 1), fc.constantFrom(...swarms.keys())], { numRuns: 100 })('swarm paths are checker paths', (seed, i) => {
  const [swarm, states] = swarms[i]!;
  expectCheckerPath(swarm.model, states, swarm.run(seed).run);
});

function expectCheckerPath(model: Model<any, any>, states: Set<string>, run: SimRun): void {
  let state = model.init()[run.initial.index];
  expect(states.has(run.initial.fingerprint)).toBe(true);
  for (const step of run.steps) {
    expect(model.actions(state).map(canonicalJson)).toContain(canonicalJson(step.action));
    state = model.next(state, step.action);
    expect(fingerprint(state)).toBe(step.fingerprint);
    expect(states.has(step.fingerprint)).toBe(true);
  }
}
