// Goal: the unmutated blcr model verifies clean at its defaults with pinned counts, is pure, deterministic and self-describing.
// Method: full BFS with the project checker; a deep-freezing BFS proves next never mutates; fast-check random walks check determinism.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checker } from '../../../checker/index.js';
import { BLCR_PARAMS, BUG_SPECS, FINDING_SPECS, blcrEntry, initialState, resolveBlcrParams, WITNESS_PARAMS } from '../../../model/blcr/index.js';
import { builtinModels } from '../../../model/registry.js';
import { blcr, deepFreeze, type Overrides } from './build.js';

describe('blcr model at its defaults', () => {
  it('verifies clean with pinned counts', () => {
    const r = checker(blcr()).statesMax(1_000_000).deadlocks(true).bfs();
    expect(r.verdict).toBe('ok');
    expect(r.stats.distinctStates).toBe(221);
    expect(r.stats.transitions).toBe(424);
    expect(r.stats.depth).toBe(25);
  });

  it('is registered and fully described', () => {
    expect(builtinModels.map((m) => m.name)).toContain('blcr');
    expect(blcrEntry.params.every((p) => p.description.length > 0)).toBe(true);
    const bug = BLCR_PARAMS.find((p) => p.name === 'bug');
    expect(bug?.default).toBe('none');
    expect(bug?.values).toEqual(['none', ...BUG_SPECS.map((b) => b.name)]);
    const m = blcr();
    expect(Object.keys(m.statements ?? {})).toEqual(Object.keys(m.invariants));
    // Every invariant has a witness; at the defaults only those the defaults can reach are listed.
    expect(Object.keys(WITNESS_PARAMS).sort()).toEqual(Object.keys(m.invariants).sort());
    expect(Object.keys(m.sometimes ?? {})).toEqual(Object.keys(m.invariants).filter((n) => Object.keys(WITNESS_PARAMS[n] ?? {}).length === 0));
    expect(Object.keys(m.invariants).length).toBeGreaterThanOrEqual(15);
    expect(BUG_SPECS.length).toBeGreaterThanOrEqual(9);
    for (const b of [...BUG_SPECS, ...FINDING_SPECS]) expect(b.breaks === 'deadlock' || b.breaks in m.invariants).toBe(true);
    expect(blcrEntry.findings).toBe(FINDING_SPECS);
    expect(Object.keys(m.liveness ?? {}).length).toBeGreaterThanOrEqual(7);
  });

  it('declares every action type it fires, so coverage can name those never enabled', () => {
    for (const over of [{}, { restart: true, restartFault: 'abort' }, WITNESS_PARAMS.forwardHygiene ?? {}]) {
      const m = blcr(over);
      const r = checker(m).coverage(true).bfs();
      const fired = r.stats.coverage!.fired.filter((f) => f.count > 0).map((f) => f.type);
      expect(fired.filter((t) => !m.actionTypes!.includes(t))).toEqual([]);
    }
  });

  it('rejects bad parameter values', () => {
    expect(() => resolveBlcrParams({ processes: 0 })).toThrow();
    expect(() => resolveBlcrParams({ scope: 'task' })).toThrow();
    expect(() => resolveBlcrParams({ bug: 'nope' })).toThrow();
    // libcr's callback thread comes from pthread_create: it is never the process's only thread.
    expect(() => resolveBlcrParams({ threads: 1 })).toThrow(/threads >= 2/);
    expect(() => resolveBlcrParams({ threads: 1, callbacks: 'both' })).toThrow(/threads >= 2/);
    expect(resolveBlcrParams({ threads: 1, callbacks: 'signal' }).threads).toBe(1);
  });

  it('starts from one initial state with every thread alive and unregistered', () => {
    const s = initialState(resolveBlcrParams({}));
    expect(s.procs).toHaveLength(1);
    // Thread 0 is the main thread (the thread-group leader); libcr's callback thread comes last.
    expect(s.procs[0]!.threads.map((t) => [t.status, t.phase, t.callbackThread])).toEqual([['live', 0, false], ['live', 0, true]]);
    expect(s.requester.phase).toBe('closed');
  });
});

const PURITY_SETS: Overrides[] = [
  {},
  { abortKind: 'temp', processes: 2, scope: 'pgrp' },
  { abortKind: 'omit', forward: true, processes: 2, scope: 'pgrp' },
  { criticalSections: true, callbacks: 'both', afterSignal: 'term', stopped: true },
  { restart: true, restartFault: 'abort' },
  { threadCreate: true, targetFault: 'die', earlyReap: true, requestTimeout: true, requesterDies: true },
];

describe('blcr next is pure', () => {
  it.each(PURITY_SETS.map((o) => [JSON.stringify(o), o] as const))('never mutates a deep-frozen state (%s)', (_name, over) => {
    const model = blcr(over);
    const seen = new Set<string>();
    const queue = model.init().map((s) => deepFreeze(s));
    for (const s of queue) seen.add(JSON.stringify(s));
    for (let i = 0; i < queue.length && i < 4_000; i++) {
      const s = queue[i]!;
      const before = JSON.stringify(s);
      for (const a of model.actions(s)) {
        const n = deepFreeze(model.next(s, deepFreeze(a)));
        const key = JSON.stringify(n);
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(n);
        }
      }
      expect(JSON.stringify(s)).toBe(before);
    }
    expect(queue.length).toBeGreaterThan(10);
  });

  it('is deterministic and JSON-clean along random walks (property)', () => {
    const model = blcr({ abortKind: 'perm', criticalSections: true, callbacks: 'both', restart: true });
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 60 }), (choices) => {
      let s = model.init()[0]!;
      for (const c of choices) {
        const acts = model.actions(s);
        expect(JSON.stringify(model.actions(s))).toBe(JSON.stringify(acts));
        if (acts.length === 0) break;
        const a = acts[c % acts.length]!;
        const n1 = model.next(s, a);
        expect(JSON.stringify(model.next(s, a))).toBe(JSON.stringify(n1));
        expect(JSON.parse(JSON.stringify(n1))).toEqual(n1);
        expect(typeof model.actor?.(a)).toBe('string');
        s = n1;
      }
    }), { numRuns: 50 });
  });

  it('asserts the guard again in next', () => {
    const model = blcr();
    const s = model.init()[0]!;
    expect(() => model.next(s, { type: 'ChkptReap' })).toThrow(/enabled/);
  });
});
