// Goal: driving finds the first step where an implementation's observation leaves the model, shrinks it to a short
// run that still shows the same field, and passes a faithful implementation. Method: in-memory token rings (one
// faithful, one that forgets node 2's work bit) driven with seeded runs; loop cutting on hand-made runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { drive, driveModel, firstMismatch, type Adapter, type DriveRun } from '../../conformance/index.js';
import { loopCuts } from '../../conformance/drive-shrink.js';
import type { Model } from '../../model/index.js';
import { fileModel, runOf } from '../helpers/logs.js';
import { fixture } from '../helpers/cli.js';

interface Ring {
  holder: number;
  work: boolean[];
}
type RingAction = { type: 'Work'; node: number } | { type: 'Pass'; from: number; to: number };

let ring: Model<Ring, RingAction>;
beforeAll(async () => {
  ring = (await fileModel(fixture('token-ring.mjs'))) as Model<Ring, RingAction>;
});

/** A token ring implemented imperatively; with `forgetful`, node 2's work is never recorded. */
function ringAdapter(forgetful = false): Adapter<Ring, RingAction> & { resets: number } {
  let holder = 0;
  let work = [false, false, false, false];
  return {
    resets: 0,
    reset() {
      this.resets++;
      holder = 0;
      work = [false, false, false, false];
    },
    async step(action) {
      if (action.type === 'Pass') holder = action.to;
      else if (!(forgetful && action.node === 2)) work[action.node] = !work[action.node];
    },
    observe: () => ({ holder, work: [...work] }),
  };
}

const runsOf = (seeds: number[], steps: number): DriveRun<RingAction>[] =>
  seeds.map((seed) => ({ name: `seed ${seed}`, initialIndex: 0, actions: runOf(ring as Model<unknown, unknown>, seed, steps).steps.map((s) => s.action as RingAction) }));

describe('drive', () => {
  it('passes an implementation that does what the model does', async () => {
    const result = await drive(ring, ringAdapter(), runsOf([1, 2, 3, 4, 5], 60), { adapterName: 'ring' });
    expect(result).toEqual({ verdict: 'ok', runs: 5, steps: 300 });
  });

  it('finds the first step an observation differs at, and shrinks it to the fewest steps that show the same field', async () => {
    const result = await drive(ring, ringAdapter(true), runsOf([1, 2, 3], 200), { adapterName: 'ring' });
    expect(result.verdict).toBe('mismatch');
    if (result.verdict !== 'mismatch') return;
    expect(result.found.mismatch).toEqual({ path: '.work[2]', observed: false, model: true });
    expect(result.found.path.steps.at(-1)?.action).toEqual({ type: 'Work', node: 2 });
    expect(result.shrunk.path.steps.map((s) => s.label)).toEqual(['Pass(from=0, to=1)', 'Pass(from=1, to=2)', 'Work(node=2)']);
    expect(result.shrunk.step).toBe(3);
    expect(result.shrunk.mismatch.path).toBe('.work[2]');
  });

  it('compares only the fields observed: objects field by field, arrays element by element', () => {
    const model = { holder: 1, work: [{ on: true, since: 3 }, { on: false, since: 0 }], extra: 'x' };
    expect(firstMismatch({ work: [{ on: true }, {}] }, model, 'elementwise')).toBeUndefined();
    expect(firstMismatch({ work: [{ on: true }] }, model, 'elementwise')).toEqual({ path: '.work', observed: [{ on: true }], model: model.work });
    expect(firstMismatch({ work: [{ on: true }, {}] }, model, 'exact')).toEqual({ path: '.work', observed: [{ on: true }, {}], model: model.work });
    expect(firstMismatch({ holder: 1, missing: 0 }, model, 'elementwise')).toEqual({ path: '.missing', observed: 0, model: undefined });
  });

  it('driveModel rejects with the shrunk run and the field, and resolves for a faithful implementation', async () => {
    await expect(driveModel(ringAdapter(), { model: ring, seeds: '1..3', steps: 50 })).resolves.toMatchObject({ verdict: 'ok', runs: 3 });
    await expect(driveModel(ringAdapter(true), { model: ring, seeds: [1, 2], steps: 100 })).rejects.toThrow(
      /^the implementation differs from model token-ring in seed \d+, step 3 \(Work\(node=2\)\), at \.work\[2\]: implementation false, model true\nshrunk to 3 steps by 3 actors/,
    );
    await expect(driveModel(ringAdapter(), { model: 'twophase', seeds: '9..3' })).rejects.toThrow(/seeds must be A\.\.B/);
  });
});

describe('loop cuts', () => {
  it('removes the steps between two visits of the same state, longest loop first', () => {
    const pass = (from: number): RingAction => ({ type: 'Pass', from, to: (from + 1) % 4 });
    const work = (node: number): RingAction => ({ type: 'Work', node });
    // Work(0) twice returns to the initial state; a full round of passes returns to the state after them.
    const actions = [work(0), work(0), pass(0), pass(1), pass(2), pass(3), work(0)];
    const cuts = loopCuts(ring, { holder: 0, work: [false, false, false, false] }, actions);
    expect(cuts[0]).toEqual([work(0)]);
    expect(cuts).toContainEqual([pass(0), pass(1), pass(2), pass(3), work(0)]);
  });
});
