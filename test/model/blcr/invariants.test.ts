// Goal: every blcr invariant guards a situation that really occurs, and every invariant can fail.
// Method: a complete BFS under the noted params must not report the witness unreached; each invariant fails under its seeded bug (bugs.test.ts), its finding (findings.test.ts) or on a hand-corrupted reachable state here.
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { BUG_SPECS, FINDING_SPECS, WITNESS_PARAMS, withThread, type BlcrState } from '../../../model/blcr/index.js';
import { blcr, reach, type Overrides } from './build.js';


describe('blcr invariant witnesses', () => {
  it('lists every invariant', () => {
    expect(Object.keys(WITNESS_PARAMS).sort()).toEqual(Object.keys(blcr().invariants).sort());
  });

  it.each(Object.entries(WITNESS_PARAMS))('%s: the witness is reached and bug=none verifies clean', (name, over) => {
    const r = checker(blcr(over)).statesMax(1_000_000).deadlocks(true).bfs();
    expect(r.verdict).toBe('ok');
    if (r.verdict === 'ok') expect(r.unreachedWitnesses).not.toContain(name);
  });
});

type Corrupt = { over: Overrides; at: (s: BlcrState) => boolean; corrupt: (s: BlcrState) => BlcrState; judge?: Overrides };

/** Invariants without a seeded bug: a reachable state, corrupted the way a broken kernel would. */
const HAND_BUILT: Record<string, Corrupt> = {
  versionGate: {
    over: {}, at: (s) => s.req !== null,
    corrupt: (s) => ({ ...s, requester: { ...s.requester, versionOk: false } }),
  },
  oneRequestPerFd: {
    over: {}, at: (s) => s.requester.phase === 'pending',
    corrupt: (s) => ({ ...s, req: { ...s.req!, requesterRef: false } }),
  },
  taskExclusivity: {
    over: {}, at: (s) => s.procs[0]!.threads.some((t) => t.member),
    corrupt: (s) => ({ ...s, req: { ...s.req!, procs: [] } }),
  },
  // At the defaults p0t0 is the main thread and p0t1 libcr's callback thread (PHASE1).
  registrationConsistent: {
    over: {}, at: (s) => s.procs[0]!.threads.some((t) => t.p1),
    corrupt: (s) => withThread(s, 0, 1, (t) => ({ ...t, phase: 2 })),
  },
  phaseOrdering: {
    over: {}, at: (s) => s.procs[0]!.threads[1]!.p1 && s.procs[0]!.threads[1]!.step <= 1 && s.procs[0]!.threads[0]!.member,
    corrupt: (s) => withThread(s, 0, 0, (t) => ({ ...t, triggered: true })),
  },
  fileStructure: {
    over: {}, at: (s) => s.req?.file.includes('Trailer') ?? false,
    corrupt: (s) => ({ ...s, req: { ...s.req!, file: [...s.req!.file, 'Regs p0t1'] } }),
  },
  abortPropagation: {
    over: { abortKind: 'temp' }, at: (s) => s.requester.phase === 'reaped' && (s.requester.result ?? 0) < 0,
    corrupt: (s) => ({ ...s, requester: { ...s.requester, result: 0 } }),
  },
  omitHonoured: {
    over: { abortKind: 'omit' }, at: (s) => s.req?.procs.some((r) => r.omit) ?? false,
    corrupt: (s) => ({ ...s, req: { ...s.req!, file: ['Header', 'ProcHeader p0 threads=2 live=2'] } }),
  },
  completionHonest: {
    over: {}, at: (s) => s.requester.phase === 'readable',
    corrupt: (s) => ({ ...s, req: { ...s.req!, tasks: 1 } }),
  },
  restartReadingOrder: {
    over: { restart: true }, at: (s) => (s.restart?.procs.length ?? 0) >= 1,
    corrupt: (s) => ({ ...s, restart: { ...s.restart!, procs: s.restart!.procs.map((p, i) => (i === 0 ? { ...p, source: 7 } : p)) } }),
  },
  restartGate: {
    over: { restart: true }, at: (s) => s.restart?.procs.some((p) => p.threads.some((t) => t.pc === 'restarted')) ?? false,
    corrupt: (s) => ({ ...s, restart: { ...s.restart!, barrier: 1 } }),
  },
  restartAbort: {
    over: { restart: true, restartFault: 'abort' }, at: (s) => s.restart?.aborted ?? false,
    corrupt: (s) => ({ ...s, restart: { ...s.restart!, result: 0 } }),
  },
  afterSignalOnce: {
    over: { stopped: true }, at: (s) => s.procs[0]!.signals.includes('STOP'),
    corrupt: (s) => ({ ...s, procs: s.procs.map((p, i) => (i === 0 ? { ...p, signals: [...p.signals, 'TERM'] } : p)) }),
  },
  handDoneOnlyAfterSuccess: {
    over: {}, at: (s) => s.procs[0]!.threads.some((t) => t.pc === 'hold'),
    corrupt: (s) => withThread(s, 0, s.procs[0]!.threads.findIndex((t) => t.pc === 'hold'), (t) => ({ ...t, rc: -2354 })),
  },
  handDoneHold: {
    over: {}, at: (s) => s.procs[0]!.threads.some((t) => t.pc === 'hold'),
    corrupt: (s) => s, judge: { hold: 'none' },
  },
};

describe('blcr invariants can fail', () => {
  it('every invariant has a seeded bug, a finding or a hand-built failing state', () => {
    const byBug = new Set([...BUG_SPECS, ...FINDING_SPECS].map((b) => b.breaks));
    for (const name of Object.keys(blcr().invariants)) expect(byBug.has(name) || name in HAND_BUILT).toBe(true);
  });

  it.each(Object.entries(HAND_BUILT))('%s fails on a corrupted reachable state', (name, c) => {
    const model = blcr(c.over);
    const s = reach(model, c.at);
    expect(s).toBeDefined();
    const inv = blcr({ ...c.over, ...(c.judge ?? {}) }).invariants[name]!;
    expect(inv(s!)).toBe(c.judge === undefined);
    expect(inv(c.corrupt(s!))).toBe(false);
  });
});
