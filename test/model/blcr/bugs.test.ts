// Goal: each seeded blcr bug is found by a plain BFS check as exactly the invariant (or deadlock) it declares, and bug=none is clean under the same params.
// Method: checker BFS per bug with its declared params; shortest counterexamples of several bugs are pinned label by label and replayed from the model.
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { BUG_SPECS } from '../../../model/blcr/index.js';
import { blcr } from './build.js';

function check(over: Record<string, string | number | boolean>) {
  return checker(blcr(over)).statesMax(1_000_000).deadlocks(true).bfs();
}

describe('blcr seeded bugs', () => {
  it.each(BUG_SPECS.map((b) => [b.name, b] as const))('%s breaks exactly what it declares', (name, spec) => {
    const r = check({ ...(spec.params ?? {}), bug: name });
    expect(r.verdict).toBe(spec.breaks === 'deadlock' ? 'deadlock' : 'violation');
    if (r.verdict !== 'violation' && r.verdict !== 'deadlock') return;
    expect(r.violation.name).toBe(spec.breaks);
    // The counterexample replays from the model to the same final state.
    const model = blcr({ ...(spec.params ?? {}), bug: name });
    let s = model.init()[r.violation.path.initialIndex]!;
    for (const step of r.violation.path.steps) {
      const acts = model.actions(s);
      expect(acts.map((a) => JSON.stringify(a))).toContain(JSON.stringify(step.action));
      s = model.next(s, step.action as never);
    }
    expect(s).toEqual(r.violation.path.steps.at(-1)?.state ?? r.violation.path.initial);
  });

  it.each(BUG_SPECS.map((b) => [b.name, b] as const))('%s: bug=none under the same params verifies clean', (_name, spec) => {
    const r = check({ ...(spec.params ?? {}), bug: 'none' });
    expect(r.verdict).toBe('ok');
  });
});

function shortest(bug: string): string {
  const spec = BUG_SPECS.find((b) => b.name === bug)!;
  const r = check({ ...(spec.params ?? {}), bug });
  if (r.verdict !== 'violation' && r.verdict !== 'deadlock') throw new Error(`${bug}: ${r.verdict}`);
  return r.violation.path.steps.map((st) => st.label).join('\n');
}

describe('blcr shortest counterexamples', () => {
  it('abort-use-after-free: a TEMP abort drops the task reference twice', () => {
    expect(shortest('abort-use-after-free')).toBe([
      'Version CR_OP_VERSION requester',
      'HandPhase1 CR_OP_HAND_PHASE1 p0t1',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'DeliverSignal CR_SIGNUM p0t1',
      'StartCallbacks p0t1',
      'HandAbort CR_OP_HAND_ABORT TEMP p0t1',
    ].join('\n'));
  });

  it('dead-target-hang: the target dies in its callback and the watchdog never advances that task', () => {
    // p0t1 is libcr's callback thread: registered PHASE1, triggered, running its CHECKPOINT
    // callback (ACTIVE, not yet in HAND_CHKPT) when the process dies (bug 2318, tests/cb_exit.c).
    // The watchdog advances the main thread, never the callback thread: no action is left.
    expect(shortest('dead-target-hang')).toBe([
      'Version CR_OP_VERSION requester',
      'HandPhase1 CR_OP_HAND_PHASE1 p0t1',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'DeliverSignal CR_SIGNUM p0t1',
      'StartCallbacks p0t1',
      'ProcessDies p0',
      'WatchdogScan watchdog',
    ].join('\n'));
  });

  it('enter-cs-race: a thread enters a critical section while another runs its callbacks', () => {
    expect(shortest('enter-cs-race')).toBe([
      'Version CR_OP_VERSION requester',
      'HandPhase2 CR_OP_HAND_PHASE2 p0t0',
      'HandPhase2 CR_OP_HAND_PHASE2 p0t1',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'DeliverSignal CR_SIGNUM p0t0',
      'StartCallbacks p0t0',
      'EnterCs p0t1',
    ].join('\n'));
  });

  it('after-signal-at-postdump: the after-signal goes out before pre_complete (bug 2201)', () => {
    expect(shortest('after-signal-at-postdump')).toBe([
      'Version CR_OP_VERSION requester',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'DeliverSignal CR_SIGNUM p0t0',
      'HandCheckpoint CR_OP_HAND_CHKPT p0t0',
      'DeliverSignal CR_SIGNUM p0t1',
      'HandCheckpoint CR_OP_HAND_CHKPT p0t1',
      'ChkptStep CR_OP_HAND_CHKPT predump p0t0',
      'ChkptStep CR_OP_HAND_CHKPT predump p0t1',
      'ChkptStep CR_OP_HAND_CHKPT vmadump p0t0',
      'ChkptStep CR_OP_HAND_CHKPT vmadump p0t1',
      'ChkptStep CR_OP_HAND_CHKPT postdump p0t0',
    ].join('\n'));
  });
});
