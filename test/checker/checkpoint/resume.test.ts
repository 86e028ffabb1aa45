// Goal: a BFS saved at any point, the end of a level included, resumes to the counts of an
// uninterrupted search, through the compiled, packed-object and plain-object routes, with levels spilled.
// Method: stop the search (through the memory limit) after k polls, which saves it; resume from that save, for every k.
import { describe, expect, it } from 'vitest';
import { checker, openSnapshot, type CheckResult } from '../../../checker/index.js';
import type { SpillOptions } from '../../../checker/index.js';
import type { Model } from '../../../model/index.js';
import { twophaseModel } from '../../../model/twophase/index.js';
import { everyState } from '../../helpers/search.js';
import { scratchDir } from '../../helpers/cli.js';

const countsOf = (r: CheckResult<unknown, unknown>) => [r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.depth];

function spilling(): SpillOptions {
  return { dir: scratchDir(), memoryBytesMax: 0, chunkBytes: 64 };
}

/** Runs until `polls` polls have passed (the last one saves as the budget runs out), then resumes in a fresh checker. */
function resumedAfter<S, A>(model: Model<S, A>, polls: number, spill: SpillOptions | null = null, coverage = false) {
  const dir = scratchDir();
  let calls = 0;
  const stopped = checker(model, { spill })
    .checkpoint(dir, 3_600_000, 'the check')
    .coverage(coverage)
    .onProgress(() => undefined, 1)
    .memoryLimit(() => ++calls > polls)
    .bfs();
  expect(stopped.verdict).toBe('incomplete');
  const saved = openSnapshot(dir, 'the check');
  if (saved === undefined) throw new Error('no checkpoint saved');
  return checker(model, { spill: spilling() }).coverage(coverage).resumeFrom(saved).bfs();
}

describe('resuming a saved BFS', () => {
  const compiled = everyState(twophaseModel(4, 'none'));
  const whole = countsOf(checker(compiled).bfs());

  it.each([1, 2, 5, 9, 12])('compiled route, saved after %i levels', (polls) => {
    expect(countsOf(resumedAfter(compiled, polls))).toEqual(whole);
  });

  it.each([1, 4, 9])('compiled route with every chunk of both levels spilled, saved after %i levels', (polls) => {
    expect(countsOf(resumedAfter(compiled, polls, spilling()))).toEqual(whole);
  });

  it('packed states through actions() and next(), saved after any state, spilled', () => {
    const packed = { ...everyState(twophaseModel(3, 'none')), successors: undefined };
    const all = countsOf(checker(packed).bfs());
    for (const polls of [1, 3, 10, 31, 77, 160, 287]) expect(countsOf(resumedAfter(packed, polls, spilling()))).toEqual(all);
  });

  it('plain objects (stored as JSON), saved after any state', () => {
    const plain = { ...everyState(twophaseModel(3, 'none')), successors: undefined, encode: undefined, decode: undefined };
    const all = countsOf(checker(plain).bfs());
    for (const polls of [1, 3, 10, 31, 77, 160, 287]) expect(countsOf(resumedAfter(plain, polls))).toEqual(all);
  });

  it('coverage counts carry over', () => {
    const plain = { ...everyState(twophaseModel(3, 'none')), successors: undefined };
    const all = checker(plain).coverage(true).bfs().stats.coverage;
    for (const polls of [2, 100]) expect(resumedAfter(plain, polls, null, true).stats.coverage).toEqual(all);
  });

  it('the same counterexample after a resume', () => {
    const buggy = everyState(twophaseModel(4, 'commit-without-all-prepared'));
    const direct = checker(buggy).bfs();
    const resumed = resumedAfter(buggy, 1);
    expect(resumed.verdict === 'violation' && resumed.violation.path.steps.map((s) => s.label)).toEqual(direct.verdict === 'violation' && direct.violation.path.steps.map((s) => s.label));
  });
});
