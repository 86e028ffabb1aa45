// Goal: the application-side counterexamples of research §5.2 (a self-checkpoint inside a critical section, a callback that never returns) are reachable under their own params, and the documented escape (PROHIBIT_SELF) works.
// Method: BFS with bug=none; both deadlock. (The restart child that dies before RSTRT_CHILD is BLCR's own hang: findings.test.ts.)
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { blcr, type Overrides } from './build.js';

function check(over: Overrides) {
  return checker(blcr(over)).statesMax(1_000_000).deadlocks(true).bfs();
}

function labels(over: Overrides): string[] {
  const r = check(over);
  if (r.verdict !== 'deadlock') throw new Error(`expected a deadlock, got ${r.verdict}`);
  return r.violation.path.steps.map((s) => s.label);
}

describe('blcr expected real counterexamples', () => {
  it('self-checkpoint from inside a critical section deadlocks without PROHIBIT_SELF', () => {
    expect(labels({ selfRequest: true, criticalSections: true })).toEqual([
      'Version CR_OP_VERSION requester',
      'HandPhase2 CR_OP_HAND_PHASE2 p0t0',
      'EnterCs p0t0',
      'HandPhase1 CR_OP_HAND_PHASE1 p0t1',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      // The PHASE1 callback thread p0t1 is PENDING but cannot take the black lock while the main
      // thread p0t0 holds its CS, and p0t0 waits in cr_wait_checkpoint for a checkpoint that waits for it.
      'DeliverSignal CR_SIGNUM p0t1',
    ]);
  });

  it('with PROHIBIT_SELF the request fails with EDEADLK instead', () => {
    expect(check({ selfRequest: true, criticalSections: true, prohibitSelf: true }).verdict).toBe('ok');
  });

  it('a callback that never calls cr_checkpoint leaves the request pending forever', () => {
    const steps = labels({ callbackHangs: true });
    expect(steps.at(-1)).toBe('CallbackHangs p0t1');
  });

  it('the request timeout does not rescue a hung callback either', () => {
    expect(check({ callbackHangs: true, requestTimeout: true }).verdict).toBe('deadlock');
  });
});
