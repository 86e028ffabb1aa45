// Goal: the dmlog packing (encode/decode) gives back every reachable state exactly, and its dictionary
// holds every key and string a state carries, so states pack at one byte a word.
// Method: a full BFS that packs and unpacks each state, at the defaults and at bug and cluster parameters;
// the checker's counts with and without the hooks at the defaults.
import { describe, expect, it } from 'vitest';
import { dmlogModel, dmlogWords, resolveDmlogParams } from '../../../model/dmlog/index.js';
import type { ParamValues } from '../../../model/contract.js';
import { countsWithAndWithoutPacking, expectPacksExactly } from '../../helpers/packing.js';

/**
 * The defaults; a seeded bug's and three findings' parameters (the released reconnect, an
 * integrated flush, a log device with a volatile cache); the cluster witnesses' parameters cut to
 * one region (a full sweep of three nodes is well over a million states).
 */
const PARAMS: readonly ParamValues[] = [
  {},
  { dup: true, bug: 'stale-reply-accepted' },
  { regions: 1, crash: true, loss: false, timeout: false, ctrReply: 'log-device', ctrExisting: 'einval', reconnectRetry: 'request', reconnectPresuspend: 'none' },
  { version: 3, diskFail: true, flushPayload: 'ignored', faultsMax: 2 },
  { regions: 1, powerFail: true, logCache: true, logCacheFlush: 'none', loss: false },
  { nodes: 2, writes: 0, loss: false, timeout: false, regions: 1, dirtyRegions: 0, crash: false },
];

describe('dmlog packing', () => {
  it.each(PARAMS.map((p) => [JSON.stringify(p), p] as const))('round-trips every reachable state at %s', (_, params) => {
    expectPacksExactly(dmlogModel(params), dmlogWords(resolveDmlogParams(params)), 10_000);
  });

  it('leaves the counts, transitions and depth of a check unchanged', () => {
    const { packed, plain } = countsWithAndWithoutPacking(dmlogModel({}));
    expect(packed).toEqual(plain);
    expect(packed).toEqual([22408, 38212, 71]);
  });
});
