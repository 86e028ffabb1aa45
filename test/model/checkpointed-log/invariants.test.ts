// Goal: every invariant's witness is reached: at the defaults, or under the parameters WITNESS_PARAMS names.
// Method: a BFS that stops at the first state where the witness holds (the checker's own check covers the defaults too).
import { describe, expect, it } from 'vitest';
import { checkpointedLogModel, allSometimes, witnessesFor, WITNESS_PARAMS, resolveCkptLogParams } from '../../../model/checkpointed-log/index.js';
import { findState } from '../../helpers/search.js';

describe('checkpointed-log witnesses', () => {
  const atDefaults = Object.keys(witnessesFor(resolveCkptLogParams({})));

  it('leaves out at the defaults only the witnesses WITNESS_PARAMS covers', () => {
    const left = Object.keys(allSometimes).filter((n) => !atDefaults.includes(n)).sort();
    expect(left).toEqual(Object.keys(WITNESS_PARAMS).sort());
  });

  it.each(atDefaults)('%s is reached at the defaults', (name) => {
    const m = checkpointedLogModel({});
    const w = allSometimes[name];
    expect(w).toBeDefined();
    if (w !== undefined) expect(findState(m, w)).toBeGreaterThanOrEqual(0);
  });

  it.each(Object.entries(WITNESS_PARAMS))('%s is reached under %o', (name, params) => {
    const m = checkpointedLogModel(params);
    const w = allSometimes[name];
    expect(w).toBeDefined();
    expect(Object.keys(m.sometimes ?? {})).toContain(name);
    if (w !== undefined) expect(findState(m, w)).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
