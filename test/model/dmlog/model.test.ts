// Goal: the unmutated dmlog model verifies clean at its defaults with pinned counts, never mutates, and reaches every witness.
// Method: the real checker's BFS at defaults; a freezing BFS for purity; a bounded search per witness (WITNESS_PARAMS where needed).
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { dmlogEntry, invariants, sometimes, statements, WITNESS_PARAMS, DMLOG_DEFAULTS } from '../../../model/dmlog/index.js';
import { deepFreeze, findState } from '../../helpers/search.js';

describe('dmlog at defaults', () => {
  it('verifies clean with pinned counts', () => {
    const r = checker(dmlogEntry.create({})).statesMax(1_000_000).deadlocks(true).bfs();
    expect(r.verdict).toBe('ok');
    expect({ distinctStates: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth })
      .toEqual({ distinctStates: 22408, transitions: 38212, depth: 71 });
    if (r.verdict === 'ok') {
      // The cluster witnesses are not listed on one node, and every listed one is reached.
      expect(r.unreachedWitnesses).toEqual([]);
      for (const name of Object.keys(WITNESS_PARAMS)) expect(dmlogEntry.create({}).sometimes).not.toHaveProperty(name);
    }
  });

  it('declares every action type it fires, so coverage can name those never enabled', () => {
    const m = dmlogEntry.create({});
    const r = checker(m).coverage(true).bfs();
    const fired = r.stats.coverage!.fired.filter((f) => f.count > 0).map((f) => f.type);
    expect(fired.length).toBeGreaterThan(20);
    expect(fired.filter((t) => !m.actionTypes!.includes(t))).toEqual([]);
  });

  it('has a statement and a witness for every invariant, and at least 15 invariants', () => {
    const names = Object.keys(invariants);
    expect(names.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(statements).sort()).toEqual([...names].sort());
    expect(Object.keys(sometimes).sort()).toEqual([...names].sort());
  });

  it('declares its parameters with the defaults the model uses', () => {
    expect(DMLOG_DEFAULTS).toMatchObject({ regions: 2, writes: 1, nodes: 1, version: 2, bug: 'none' });
    expect(() => dmlogEntry.create({ nosuch: 1 })).toThrow(/unknown parameter/);
    expect(() => dmlogEntry.create({ version: 4 })).toThrow(/version/);
  });

  it('never mutates a state (every reachable state deep-frozen before next)', () => {
    const model = dmlogEntry.create({ writes: 2, dup: true, faultsMax: 1 });
    const seen = new Set<string>();
    let frontier = model.init().map(deepFreeze);
    let steps = 0;
    while (frontier.length > 0 && steps < 30_000) {
      const next = [];
      for (const s of frontier) {
        const before = JSON.stringify(s);
        for (const a of model.actions(s)) {
          const t = deepFreeze(model.next(s, deepFreeze(a)));
          steps++;
          const key = JSON.stringify(t);
          if (!seen.has(key)) { seen.add(key); next.push(t); }
        }
        expect(JSON.stringify(s)).toBe(before);
      }
      frontier = next;
    }
    expect(steps).toBeGreaterThan(10_000);
  });
});

describe('dmlog witnesses', () => {
  for (const name of Object.keys(sometimes)) {
    it(`reaches the situation ${name} guards`, () => {
      const witness = sometimes[name];
      expect(witness).toBeDefined();
      const model = dmlogEntry.create(WITNESS_PARAMS[name] ?? {});
      expect(findState(model, witness!)).toBeGreaterThan(0);
    });
  }
});
