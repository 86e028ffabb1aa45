// Goal: the dmlog model is deterministic and total on random executions over random parameters, and its simulator hints are well formed.
// Method: fast-check draws parameters and a walk (a list of choice indices); each step re-computes actions and next twice and compares.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { dmlogEntry, type DmlogAction, type DmlogState } from '../../../model/dmlog/index.js';
import type { Model } from '../../../model/contract.js';

const paramsArb = fc.record({
  regions: fc.integer({ min: 1, max: 4 }),
  writes: fc.integer({ min: 0, max: 3 }),
  nodes: fc.integer({ min: 1, max: 3 }),
  dirtyRegions: fc.integer({ min: 0, max: 2 }),
  suspends: fc.integer({ min: 0, max: 1 }),
  version: fc.constantFrom(2, 3),
  groupSize: fc.constantFrom(1, 2, 32),
  queries: fc.integer({ min: 0, max: 1 }),
  loss: fc.boolean(), dup: fc.boolean(), reorder: fc.boolean(), crash: fc.boolean(),
  powerFail: fc.boolean(), diskFail: fc.boolean(), timeout: fc.boolean(),
  faultsMax: fc.integer({ min: 0, max: 3 }),
  logCache: fc.boolean(), handleErrors: fc.boolean(), writerNode: fc.integer({ min: -1, max: 1 }),
  reconnectCtrBuffer: fc.constantFrom('none', 'name'), ctrReply: fc.constantFrom('log-device', 'empty-on-reconnect'),
  ctrExisting: fc.constantFrom('einval', 'idempotent'), reconnectRetry: fc.constantFrom('request', 'batch'),
  reconnectResumeFailure: fc.constantFrom('esrch', 'retry'), reconnectHint: fc.constantFrom('kept', 'reset'),
  reconnectPresuspend: fc.constantFrom('none', 'resent'), presuspendDrain: fc.constantFrom('none', 'writes'),
  unknownLog: fc.constantFrom('einval-enoent', 'esrch'), haltedAnswer: fc.constantFrom('not-recovering', 'recovering-region', 'replicated'),
  importTouched: fc.constantFrom('unchanged', 'set'), flushPayload: fc.constantFrom('ignored', 'marks'),
  logCacheFlush: fc.constantFrom('none', 'flush'), resyncRerequest: fc.constantFrom('finished', 'reassigned'),
  lazyFlushCancel: fc.constantFrom('toggle', 'keep'),
});

describe('dmlog random walks', () => {
  it.prop([paramsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 150 })], { numRuns: 300 })(
    'actions and next are deterministic, never throw, and hints are well formed',
    (params, choices) => {
      const model = dmlogEntry.create(params) as Model<DmlogState, DmlogAction>;
      let s = model.init()[0]!;
      for (const choice of choices) {
        const actions = model.actions(s);
        expect(JSON.stringify(model.actions(s))).toBe(JSON.stringify(actions));
        if (actions.length === 0) {
          expect(model.final!(s)).toBe(true);
          return;
        }
        const a = actions[choice % actions.length]!;
        const t = model.next(s, a);
        expect(JSON.stringify(model.next(s, a))).toBe(JSON.stringify(t));
        const lat = model.latency!(a, s);
        expect(typeof lat === 'number' ? lat >= 0 : lat.min >= 0 && lat.max >= lat.min).toBe(true);
        expect(model.actor!(a)).toMatch(/^(dmsetup|kernel|legs|kcopyd|netlink|daemon|node)\d$|^(cpg|disk)$/);
        expect(model.label!(a).startsWith(a.type)).toBe(true);
        s = t;
      }
    },
  );
});
