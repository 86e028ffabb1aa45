// Goal: the dmlog packing (encode/decode) gives back every reachable state exactly, and its dictionary
// holds every key and string a state carries, so states pack at one byte a word.
// Method: a full BFS that packs and unpacks each state, at the defaults and at bug and cluster parameters;
// the checker's counts with and without the hooks at the defaults.
import { describe, expect, it } from 'vitest';
import { dmlogModel, dmlogWords, resolveDmlogParams } from '../../../model/dmlog/index.js';
import type { ParamValues } from '../../../model/contract.js';
import { countsWithAndWithoutPacking, expectPacksExactly } from '../../helpers/packing.js';

/** The defaults; three seeded bugs' parameters (bugs.ts); the cluster witnesses' parameters (WITNESS_PARAMS) cut to one region. */
const PARAMS: readonly ParamValues[] = [
  {},
  { version: 3, bug: 'flush-payload-ignored' },
  { dup: true, bug: 'stale-reply-accepted' },
  { diskFail: true, bug: 'no-handle-errors' },
  { nodes: 2, writes: 0, loss: false, timeout: false, regions: 1, dirtyRegions: 0, crash: false },
];

describe('dmlog packing', () => {
  it.each(PARAMS.map((p) => [JSON.stringify(p), p] as const))('round-trips every reachable state at %s', (_, params) => {
    expectPacksExactly(dmlogModel(params), dmlogWords(resolveDmlogParams(params)), 10_000);
  });

  it('leaves the counts, transitions and depth of a check unchanged', () => {
    const { packed, plain } = countsWithAndWithoutPacking(dmlogModel({}));
    expect(packed).toEqual(plain);
    expect(packed).toEqual([19023, 31873, 63]);
  });
});
