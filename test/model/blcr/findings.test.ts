// Goal: each blcr finding (a hazard BLCR 0.8.6 really has) is found as exactly what it declares under its params, its fix verifies clean, and every departure of bug=none from 0.8.6 is one finding's parameter.
// Method: checker BFS per finding (the counterexample replayed from the model) and per fix; the departure parameters against the findings' params and fixes; pinned shortest counterexamples; the liveness checker on the restart hang.
import { describe, expect, it } from 'vitest';
import { checkLiveness, checker, resolveCheckOptions } from '../../../checker/index.js';
import { BLCR_PARAMS, DEPARTURES, FINDING_SPECS } from '../../../model/blcr/index.js';
import { blcr, type Overrides } from './build.js';

function check(over: Overrides) {
  return checker(blcr(over)).statesMax(1_000_000).deadlocks(true).bfs();
}

function labels(name: string): string[] {
  const spec = FINDING_SPECS.find((f) => f.name === name)!;
  const r = check(spec.params);
  if (r.verdict !== 'violation' && r.verdict !== 'deadlock') throw new Error(`${name}: ${r.verdict}`);
  return r.violation.path.steps.map((st) => st.label);
}

describe('blcr findings', () => {
  it.each(FINDING_SPECS.map((f) => [f.name, f] as const))('%s: 0.8.6 breaks exactly what it declares', (_name, spec) => {
    const r = check(spec.params);
    expect(r.verdict).toBe(spec.breaks === 'deadlock' ? 'deadlock' : 'violation');
    if (r.verdict !== 'violation' && r.verdict !== 'deadlock') return;
    expect(r.violation.name).toBe(spec.breaks);
    const model = blcr(spec.params);
    let s = model.init()[r.violation.path.initialIndex]!;
    for (const step of r.violation.path.steps) {
      expect(model.actions(s).map((a) => JSON.stringify(a))).toContain(JSON.stringify(step.action));
      s = model.next(s, step.action as never);
    }
    expect(s).toEqual(r.violation.path.steps.at(-1)?.state ?? r.violation.path.initial);
  });

  it.each(FINDING_SPECS.map((f) => [f.name, f] as const))('%s: the fix verifies clean under the same params', (_name, spec) => {
    expect(check({ ...spec.params, ...spec.fix }).verdict).toBe('ok');
  });

  it('names every departure of bug=none from 0.8.6 by exactly one finding, whose fix is the default', () => {
    const defaults = Object.fromEntries(BLCR_PARAMS.map((p) => [p.name, p.default]));
    for (const param of DEPARTURES) {
      const owners = FINDING_SPECS.filter((f) => param in f.fix);
      expect(owners.map((f) => f.name), param).toHaveLength(1);
      const f = owners[0]!;
      expect(f.fix[param]).toBe(defaults[param]);
      expect(f.params[param]).not.toBe(defaults[param]);
      expect(BLCR_PARAMS.find((p) => p.name === param)?.description).toMatch(/0\.8\.6/);
    }
    expect(FINDING_SPECS.every((f) => Object.keys(f.fix).every((k) => (DEPARTURES as readonly string[]).includes(k)))).toBe(true);
  });
});

describe('blcr findings: shortest counterexamples', () => {
  it('request-timeout-ignored: the deadline passes and chkpt_watchdog only logs it', () => {
    expect(labels('request-timeout-ignored')).toEqual([
      'Version CR_OP_VERSION requester',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'RequestTimeout watchdog',
    ]);
  });

  it('early-reap-closes-handle: cr_reap_checkpoint closes the handle after an EAGAIN reap', () => {
    expect(labels('early-reap-closes-handle')).toEqual([
      'Version CR_OP_VERSION requester',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'ChkptReapEarly CR_OP_CHKPT_REAP requester',
    ]);
  });

  it('clone-not-enrolled: the main thread clones before its trigger and the section misses the new thread', () => {
    expect(labels('clone-not-enrolled')).toEqual([
      'Version CR_OP_VERSION requester',
      'ChkptReq CR_OP_CHKPT_REQ requester',
      'DeliverSignal CR_SIGNUM p0t1',
      'HandCheckpoint CR_OP_HAND_CHKPT p0t1',
      'CloneThread new=p0t2 p0t0',
      'DeliverSignal CR_SIGNUM p0t0',
      'HandCheckpoint CR_OP_HAND_CHKPT p0t0',
      'ChkptStep CR_OP_HAND_CHKPT predump p0t0',
    ]);
  });

  it('stop-decided-by-last-thread: the user continues the process mid-checkpoint and BLCR stops it again', () => {
    // Both threads were triggered while the process was stopped; SIGCONT comes after, and the last
    // thread at pre_complete re-stops the process on its stale trigger-time flag.
    expect(labels('stop-decided-by-last-thread').slice(-3)).toEqual([
      'ChkptStep CR_OP_HAND_CHKPT postdump p0t1',
      'SigCont p0 user',
      'HandDone CR_OP_HAND_DONE p0t1',
    ]);
  });

  it('restart-child-death-hangs: cr_restart stays blocked in RSTRT_PROCS after its child died', () => {
    expect(labels('restart-child-death-hangs').slice(-3)).toEqual([
      'RstrtReq CR_OP_RSTRT_REQ restarter',
      'RstrtProcs CR_OP_RSTRT_PROCS restarter',
      'ChildDies r0',
    ]);
  });

  it('restart-child-death-hangs is a restartCompletion lasso too, and the fix makes the restart fail back instead', () => {
    const spec = FINDING_SPECS.find((f) => f.name === 'restart-child-death-hangs')!;
    const hang = checkLiveness(blcr(spec.params), resolveCheckOptions({ statesMax: 1_000_000 }));
    expect(hang.verdict).toBe('violation');
    if (hang.verdict === 'violation') expect(hang.violation.name).toBe('restartCompletion');
    const fixed = checkLiveness(blcr({ ...spec.params, ...spec.fix }), resolveCheckOptions({ statesMax: 1_000_000 }));
    expect(fixed.verdict).toBe('ok');
  });
});
