// Goal: packed BFS levels that spill to disk give the same search, and leave no file behind.
// Method: TwoPhase (which packs) with tiny chunks and a zero memory budget, so every full chunk is spilled.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checker, resolveCheckOptions } from '../../../checker/index.js';
import { bfs } from '../../../checker/strategies/bfs.js';
import { twophaseModel } from '../../../model/twophase/index.js';

describe('spilling BFS levels to disk', () => {
  it.each([5, 6])('rm=%i: the same counts with every chunk spilled, and the spill folder empty after', (rm) => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-spill-'));
    const spilled = bfs(twophaseModel(rm, 'none'), resolveCheckOptions({ spill: { dir, memoryBytesMax: 0, chunkBytes: 64 } }));
    const plain = checker(twophaseModel(rm, 'none')).bfs();
    expect([spilled.verdict, spilled.stats.distinctStates, spilled.stats.transitions, spilled.stats.depth]).toEqual([
      plain.verdict, plain.stats.distinctStates, plain.stats.transitions, plain.stats.depth,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('finds the same shortest counterexample while spilling', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-spill-'));
    const r = bfs(twophaseModel(5, 'commit-without-all-prepared'), resolveCheckOptions({ spill: { dir, memoryBytesMax: 0, chunkBytes: 32 } }));
    expect(r.verdict === 'violation' && r.violation.path.steps.map((s) => s.label)).toEqual(['TMCommit', 'RMChooseToAbort(rm1)', 'RMRcvCommitMsg(rm2)']);
  });
});
