// Goal: the §5.2 liveness properties, written as data in the blcr model, hold under fairness with bug=none and fail on the real hangs.
// Method: the project's weak-fairness liveness checker on the full graph for several param sets; the expected counterexamples give lassos.
import { describe, expect, it } from 'vitest';
import { checkLiveness, resolveCheckOptions } from '../../../checker/index.js';
import { blcr, type Overrides } from './build.js';

function live(over: Overrides) {
  return checkLiveness(blcr(over), resolveCheckOptions({ statesMax: 1_000_000 }));
}

describe('blcr liveness', () => {
  it.each([
    ['defaults', {}],
    ['critical sections', { criticalSections: true, callbacks: 'signal' }],
    ['TEMP abort', { abortKind: 'temp' }],
    ['OMIT abort', { abortKind: 'omit' }],
    ['target dies', { targetFault: 'die' }],
    ['target execs', { targetFault: 'exec' }],
    ['restart with abort', { restart: true, restartFault: 'abort' }],
    ['thread created mid-checkpoint', { threadCreate: true }],
    ['requester exits', { requesterDies: true }],
    ['stopped, then continued', { stopped: true, sigcont: true }],
    ['restart child dies (cr_restart catches SIGCHLD)', { restart: true, restartFault: 'childDies' }],
    ['every 0.8.6 departure at its 0.8.6 value', {
      onTimeout: 'log', cloneMidCheckpoint: 'ignore', earlyReapHandle: 'close', omitMark: 'freed', lateForward: 'allowed',
      stopDecision: 'lastThread', childDeath: 'ignored', requestTimeout: true, earlyReap: true,
    }],
  ] as [string, Overrides][])('every property holds: %s', (_name, over) => {
    expect(live(over).verdict).toBe('ok');
  });

  it('a callback that never returns violates requestCompletion', () => {
    const r = live({ callbackHangs: true });
    expect(r.verdict).toBe('violation');
    if (r.verdict === 'violation') expect(r.violation.name).toBe('requestCompletion');
  });

  it('a restart child dying before RSTRT_CHILD violates restartCompletion in 0.8.6 (finding restart-child-death-hangs)', () => {
    const r = live({ restart: true, restartFault: 'childDies', childDeath: 'ignored' });
    expect(r.verdict).toBe('violation');
    if (r.verdict === 'violation') expect(r.violation.name).toBe('restartCompletion');
  });
});
