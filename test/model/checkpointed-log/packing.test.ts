// Goal: the checkpointed-log packing (encode/decode) gives back every reachable state exactly, and its
// dictionary holds every key and string a state carries, so states pack at one byte a word.
// Method: a full BFS that packs and unpacks each state, at the defaults, at three seeded bugs' parameters and with a stock (deaf) daemon;
// the checker's counts with and without the hooks at the defaults.
import { describe, expect, it } from 'vitest';
import { checkpointedLogModel, ckptLogWords, resolveCkptLogParams } from '../../../model/checkpointed-log/index.js';
import type { ParamValues } from '../../../model/contract.js';
import { countsWithAndWithoutPacking, expectPacksExactly } from '../../helpers/packing.js';

const PARAMS: readonly ParamValues[] = [
  {},
  { bug: 'lost-dirty-bit' },
  { bug: 'restart-without-reload' },
  { bug: 'reload-without-remark' },
  { daemon: 'stock', unknownLog: 'einval-enoent', ctrReply: 'log-device', ctrExisting: 'einval', reconnectRetry: 'request', flushPayload: 'ignored' },
];

describe('checkpointed-log packing', () => {
  it.each(PARAMS.map((p) => [JSON.stringify(p), p] as const))('round-trips every reachable state at %s', (_, params) => {
    expectPacksExactly(checkpointedLogModel(params), ckptLogWords(resolveCkptLogParams(params)), 5_000);
  });

  it('leaves the counts, transitions and depth of a check unchanged', () => {
    const { packed, plain } = countsWithAndWithoutPacking(checkpointedLogModel({}));
    expect(packed).toEqual(plain);
    expect(packed).toEqual([14_519, 22_708, 68]);
  });
});
