// Goal: a worker of the parallel search, driven in this process through its message protocol, finds what the sequential search finds.
// Method: hand a sequential BFS of TwoPhase over to one WorkerState; run its levels (pausing it to grow, stopping it at an event) and compare counts.
import { describe, expect, it } from 'vitest';
import { checker, resolveCheckOptions } from '../../../checker/index.js';
import { batchOf } from '../../../checker/parallel/state-batch.js';
import { CONTROL_WORDS, countersOf, GROW_AT, PAUSE, STATES_MAX, STOP, type FromWorker, type WorkerInit } from '../../../checker/parallel/protocol.js';
import { WorkerState } from '../../../checker/parallel/worker-state.js';
import { SharedFingerprintTable } from '../../../checker/store/shared-table.js';
import { bfsUntil, type HandOff } from '../../../checker/strategies/bfs.js';
import { builtinModels, type Model, type ModelRecipe } from '../../../model/index.js';

type LevelReply = Extract<FromWorker, { type: 'level' }>;

/** The sequential search of `recipe`'s model (every state: TwoPhase's classes are too few to hand over), handed over at the first level of `at` states; and a worker ready to take it. */
async function handedOver(recipe: ModelRecipe & { kind: 'builtin' }, at: number, growAt = 1e9) {
  const model = builtinModels.find((m) => m.name === recipe.name)!.create(recipe.params) as Model<unknown, unknown>;
  const start = bfsUntil(model, resolveCheckOptions({ symmetry: false }), at) as HandOff<unknown>;
  expect(start).toHaveProperty('handOff');
  const init: WorkerInit = {
    type: 'init', recipe, deadlocks: true, symmetry: false, index: 0, workers: 1,
    control: new SharedArrayBuffer(4 * CONTROL_WORDS), counters: new SharedArrayBuffer(8 * 4), spill: null,
  };
  const worker = await WorkerState.create(init);
  const seen = start.handOff.seen!;
  const table = SharedFingerprintTable.create(1 << 16);
  table.addAll(seen.table.snapshot().slots);
  const counters = new Float64Array(init.counters);
  counters[GROW_AT] = growAt;
  counters[STATES_MAX] = 1e9;
  expect(worker.answer({ type: 'frontier', states: batchOf(model, start.handOff.position.frontier), table: table.buffer })).toEqual({ type: 'ready' });
  return { model, worker, start, base: seen.links.length, control: new Int32Array(init.control), counters };
}

describe('a worker state, in process', () => {
  it.each([
    ['compiled', { rm: 5, bug: 'none' }],
    ['through the contract', { rm: 4, bug: 'none' }],
  ])('%s: its levels give the sequential counts and depth', async (_route, params) => {
    const recipe = { kind: 'builtin', name: 'twophase', params } as const;
    const { model, worker, start, base, counters } = await handedOver(recipe, 64);
    const expected = checker(model).symmetry(false).bfs();
    let depth = start.handOff.position.level;
    let states = base;
    for (;;) {
      const reply = worker.answer({ type: 'level', depth }) as LevelReply;
      expect(reply.outcome).toBe('done');
      if (reply.newStates === 0) break;
      states += reply.newStates;
      depth++;
    }
    expect([states, start.handOff.counters.transitions + (counters[countersOf(0) + 1] as number), depth]).toEqual([
      expected.stats.distinctStates, expected.stats.transitions, expected.stats.depth,
    ]);
    expect(worker.answer({ type: 'probe', depth })).toEqual({ type: 'probed', deadlock: false, unseen: false });
  });

  it('pauses when the table is due to grow, and goes on after', async () => {
    const { worker, start, control } = await handedOver({ kind: 'builtin', name: 'twophase', params: { rm: 5, bug: 'none' } }, 64, 0);
    const first = worker.answer({ type: 'level', depth: start.handOff.position.level }) as LevelReply;
    expect(first.outcome).toBe('paused');
    Atomics.store(control, PAUSE, 0);
    let reply = worker.answer({ type: 'resume' }) as LevelReply;
    while (reply.outcome === 'paused') {
      Atomics.store(control, PAUSE, 0);
      reply = worker.answer({ type: 'resume' }) as LevelReply;
    }
    expect(reply.outcome).toBe('done');
    expect(reply.newStates).toBeGreaterThan(0);
  });

  it('stops every worker at an event, which the sequential search then finds', async () => {
    const { worker, start, control } = await handedOver({ kind: 'builtin', name: 'twophase', params: { rm: 3, bug: 'commit-without-all-prepared' } }, 4);
    let depth = start.handOff.position.level;
    let reply = worker.answer({ type: 'level', depth }) as LevelReply;
    while (reply.outcome === 'done' && reply.newStates > 0) reply = worker.answer({ type: 'level', depth: ++depth }) as LevelReply;
    expect(reply.outcome).toBe('event');
    expect(Atomics.load(control, STOP)).toBe(1);
  });
});
