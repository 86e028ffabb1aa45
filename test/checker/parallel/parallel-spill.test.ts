// Goal: the worker threads' shares of a level spill to disk past their part of the queue budget,
// as the sequential search's levels do, with the same counts, and leave no file behind.
// Method: the built checker (worker threads run compiled code) on TwoPhase with tiny chunks and a
// zero budget; a watch on the spill folder sees the threads' files come and go.
import { mkdtempSync, readdirSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as CheckerModule from '../../../checker/index.js';
import type * as ModelModule from '../../../model/index.js';

const built = (path: string): Promise<unknown> => import(pathToFileURL(join(process.cwd(), 'dist', path)).href);

const fixture = join(process.cwd(), 'test/fixtures/models/twophase-packed.mjs');

describe('the parallel search spilling its levels', () => {
  it.each([
    ['compiled', { kind: 'builtin', name: 'twophase', params: { rm: 6, bug: 'none' } }],
    ['packed, not compiled', { kind: 'file', path: fixture, params: { rm: 6 } }],
  ] as const)('%s: the same counts as one thread, through spill files that are gone after', async (_route, recipe) => {
    const { checker } = (await built('checker/index.js')) as typeof CheckerModule;
    const { buildModel } = (await built('model/index.js')) as typeof ModelModule;
    const model = await buildModel(recipe);
    const dir = mkdtempSync(join(tmpdir(), 'sim-spill-'));
    const seen: string[] = [];
    const watcher = watch(dir, (_event, name) => {
      if (name) seen.push(name);
    });
    // Tiny chunks and no memory: every full chunk of a thread's level goes to disk.
    const threads = await checker(model, { spill: { dir, memoryBytesMax: 0, chunkBytes: 64 }, symmetry: false }).parallelFrom(500).bfsParallel(2, recipe);
    watcher.close();
    const one = checker(model).symmetry(false).bfs();
    expect([threads.verdict, threads.stats.distinctStates, threads.stats.transitions, threads.stats.depth]).toEqual([
      one.verdict, one.stats.distinctStates, one.stats.transitions, one.stats.depth,
    ]);
    // Spill files are named level-PID-THREAD-N.bin; thread 0 is the main thread.
    expect(seen.some((name) => /^level-\d+-[1-9]\d*-\d+\.bin$/.test(name))).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
