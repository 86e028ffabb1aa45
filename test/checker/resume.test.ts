// Goal: a BFS saved at any point, the end of a level included, resumes to the counts of an
// uninterrupted search, through the compiled route and the object route alike.
// Method: stop the search (through the memory limit) after k polls with a save at every poll;
// resume from the last save, for every k.
import { describe, expect, it } from 'vitest';
import { checker, loadCheckpoint } from '../../checker/index.js';
import type { Model } from '../../model/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { scratchDir } from '../helpers/cli.js';

function resumedAfter<S, A>(model: Model<S, A>, polls: number) {
  const dir = scratchDir();
  let calls = 0;
  const stopped = checker(model)
    .checkpoint(dir, 0)
    .onProgress(() => undefined, 1)
    .memoryLimit(() => ++calls > polls)
    .bfs();
  expect(stopped.verdict).toBe('incomplete');
  const snapshot = loadCheckpoint(dir);
  if (snapshot === undefined) throw new Error('no checkpoint saved');
  return checker(model).resumeFrom(snapshot).bfs().stats;
}

describe('resuming a saved BFS', () => {
  const compiled = twophaseModel(4, 'none');
  const whole = checker(compiled).bfs().stats;
  const expected = [whole.distinctStates, whole.transitions, whole.depth];

  it.each([1, 2, 5, 9, 12])('compiled route, saved after %i levels', (polls) => {
    const r = resumedAfter(compiled, polls);
    expect([r.distinctStates, r.transitions, r.depth]).toEqual(expected);
  });

  it('object route, saved after any state', () => {
    const small = { ...twophaseModel(3, 'none'), successors: undefined };
    const all = checker(small).bfs().stats;
    // Every state is a poll here, the last of a level included.
    for (const polls of [1, 3, 10, 31, 77, 160, 287]) {
      const r = resumedAfter(small, polls);
      expect([r.distinctStates, r.transitions, r.depth]).toEqual([all.distinctStates, all.transitions, all.depth]);
    }
  });
});
