// Goal: checkpointed-log at its defaults (bug=none, the fix) verifies clean with pinned counts, is the default model, and next never mutates.
// Method: the checker's BFS on the registry's model; a deep-frozen walk over the first states; parameter validation.
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { builtinModels } from '../../../model/registry.js';
import { checkpointedLogEntry, checkpointedLogModel, invariants, statements, allSometimes, OWN_INVARIANTS } from '../../../model/checkpointed-log/index.js';
import { deepFreeze } from '../../helpers/search.js';

describe('checkpointed-log at its defaults', () => {
  it('is registered first, so it is the default model of run and check', () => {
    expect(builtinModels[0]?.name).toBe('checkpointed-log');
    expect(builtinModels.map((m) => m.name)).toEqual(['checkpointed-log', 'twophase', 'blcr', 'dmlog']);
  });

  it('verifies clean with pinned counts and reaches every witness', () => {
    const r = checker(checkpointedLogEntry.create({})).bfs();
    expect(r.verdict).toBe('ok');
    expect(r.stats.distinctStates).toBe(24_488);
    expect(r.stats.transitions).toBe(38_375);
    expect(r.stats.depth).toBe(68);
    if (r.verdict === 'ok') expect(r.unreachedWitnesses).toEqual([]);
  });

  it('gives every invariant a statement and a witness of the same name, with at least 3 of its own', () => {
    expect(OWN_INVARIANTS.length).toBeGreaterThanOrEqual(3);
    for (const name of Object.keys(invariants)) {
      expect(statements[name], name).toBeTypeOf('string');
      expect(allSometimes[name], name).toBeTypeOf('function');
    }
  });

  it('never mutates a state in next (deep-frozen walk)', () => {
    const m = checkpointedLogModel({});
    const seen = new Set<string>();
    let frontier = m.init().map((s) => deepFreeze(s));
    let visited = 0;
    while (frontier.length > 0 && visited < 4_000) {
      const next = [];
      for (const s of frontier) {
        visited++;
        for (const a of m.actions(s)) {
          const before = JSON.stringify(s);
          const t = m.next(s, deepFreeze(a));
          expect(JSON.stringify(s)).toBe(before);
          const key = JSON.stringify(t);
          if (!seen.has(key)) { seen.add(key); next.push(deepFreeze(t)); }
        }
      }
      frontier = next;
    }
    expect(visited).toBeGreaterThan(1_000);
  });

  it('labels BLCR steps with their ioctl and dm-ulog deliveries with their request type', () => {
    const m = checkpointedLogModel({});
    expect(m.label?.({ side: 'blcr', type: 'ChkptReq' })).toBe('ChkptReq CR_OP_CHKPT_REQ requester');
    expect(m.actor?.({ side: 'blcr', type: 'HandChkpt' })).toBe('p0t1');
    expect(m.label?.({ side: 'log', type: 'DeliverRequest', node: 0, index: 0, requestType: 'DM_ULOG_MARK_REGION', seq: 3 }))
      .toBe('DeliverRequest DM_ULOG_MARK_REGION seq=3 node=0');
    expect(m.isFault?.({ side: 'log', type: 'DaemonCrash', node: 0 })).toBe(true);
    expect(m.isFault?.({ side: 'blcr', type: 'RstrtReq' })).toBe(false);
  });

  it('rejects unknown parameters and bad values', () => {
    expect(() => checkpointedLogModel({ nodes: 2 })).toThrow(/unknown parameter/);
    expect(() => checkpointedLogModel({ bug: 'nope' })).toThrow(/bug must be one of/);
    expect(() => checkpointedLogModel({ regions: 9 })).toThrow(/regions must be <=/);
  });
});
