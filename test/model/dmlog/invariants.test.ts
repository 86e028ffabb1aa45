// Goal: every dmlog invariant can fail, so none is vacuous in the failing direction.
// Method: an invariant is covered by a seeded bug that breaks it (bugs.test.ts runs those), or here by a hand-built bad state that it rejects while the initial state passes.
import { describe, expect, it } from 'vitest';
import {
  dmlogEntry, invariants, newLog, resolveDmlogParams, type DaemonLog, type DmlogState,
} from '../../../model/dmlog/index.js';

const p1 = resolveDmlogParams({});
const p2 = resolveDmlogParams({ nodes: 2 });
const init1 = dmlogEntry.create({}).init()[0] as DmlogState;
const init2 = dmlogEntry.create({ nodes: 2 }).init()[0] as DmlogState;

function resumed(bits: Partial<DaemonLog['bits']>): DaemonLog {
  const log = newLog(p1, 1);
  return { ...log, state: 'resumed', bits: { ...log.bits, ...bits } };
}

const handBuilt: Record<string, DmlogState> = {
  crashSafeDisk: { ...init1, disk: { ...init1.disk, clean: [true, true] } },
  cleanOnlyWhenLegsAgree: { ...init1, daemons: [{ up: true, log: resumed({ clean: [true, true], sync: [true, true], syncCount: 2 }) }] },
  inSyncImpliesLegsAgree: { ...init1, daemons: [{ up: true, log: resumed({ sync: [true, true], syncCount: 2 }) }] },
  cleanImpliesInSync: { ...init1, diverged: [false, false], daemons: [{ up: true, log: resumed({ clean: [true, false] }) }] },
  syncCountConsistent: { ...init1, daemons: [{ up: true, log: resumed({ sync: [false, true], syncCount: 2 }) }] },
  singleRecoverer: {
    ...init2,
    kernels: init2.kernels.map((k, n) => ({ ...k, regions: k.regions.map((r, i) => (i === n ? { ...r, state: 'recovering' as const, recovery: 'copying' as const } : r)) })),
  },
  replicasAgree: {
    ...init2,
    daemons: [
      { up: true, log: { ...resumed({ sync: [true, true] }), cpg: 'valid' } },
      { up: true, log: { ...resumed({ sync: [false, true] }), cpg: 'valid' } },
    ],
  },
  checkpointImportedOnce: { ...init1, daemons: [{ up: true, log: { ...newLog(p1, 1), checkpointsImported: 2 } }] },
  noOrphanLog: { ...init1, daemons: [{ up: true, log: newLog(p1, 7) }] },
};

describe('dmlog invariants can fail', () => {
  it('the initial states satisfy every invariant', () => {
    for (const [name, holds] of Object.entries(invariants)) {
      expect(holds(init1), name).toBe(true);
      expect(holds(init2), name).toBe(true);
    }
    expect(p2.nodes).toBe(2);
  });

  for (const name of Object.keys(invariants)) {
    it(`${name} is broken by a seeded bug or a hand-built state`, () => {
      const byBug = dmlogEntry.bugs.some((b) => b.breaks === name);
      const bad = handBuilt[name];
      expect(byBug || bad !== undefined).toBe(true);
      if (bad !== undefined) expect(invariants[name]!(bad)).toBe(false);
    });
  }
});
